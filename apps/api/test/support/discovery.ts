import fs from 'node:fs';
import path from 'node:path';

/** One of our own news-style test articles (test/fixtures/articles), for the discovery tests. */
export const discoveryArticle = (name: 'transit-budget' | 'drought-report' | 'plant-closure') =>
  fs.readFileSync(path.resolve(__dirname, '../fixtures/articles', `${name}.txt`), 'utf8');
