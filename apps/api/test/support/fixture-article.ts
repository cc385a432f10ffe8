import fs from 'node:fs';
import path from 'node:path';

/**
 * The article the tests import and annotate. A checkout with the shared fixtures beside it (as
 * in CI) tests against the shared article; a lone clone uses the project's own. Tests name the
 * spans they annotate by what they need of them, so they hold for either text.
 */
export interface FixtureArticle {
  file: string;
  title: string;
  text: string;
  /** Six phrases that each occur exactly once, with at least 32 characters of text either side. */
  unique: readonly [string, string, string, string, string, string];
  /** A word that occurs at least 36 times (tests annotate its occurrences one by one). */
  frequent: string;
  /** The text right before one occurrence of `frequent`, and before no other. */
  frequentPrefix: string;
  /** Another word that occurs at least 6 times. */
  recurring: string;
}

const SHARED_FILE = path.resolve(__dirname, '../../../../../shared/fixtures/article.txt');
const OWN_FILE = path.resolve(__dirname, '../fixtures/article.txt');

const read = (file: string) => fs.readFileSync(file, 'utf8');

/** The project's own article: an opinion piece on a council's stadium loan (invented place and people). */
export function ownArticle(): FixtureArticle {
  return {
    file: OWN_FILE,
    title: 'The stadium deal is a loan, not an investment',
    text: read(OWN_FILE),
    unique: ['Councillor Ruth Adeyemi', 'Public Works Loan Board', 'forty-year lease', 'Meridian Economics', 'Harbour Lane interchange', 'quantity surveyors'],
    frequent: 'stadium',
    frequentPrefix: 'Oakmoor ',
    recurring: 'Larkfield',
  };
}

function sharedArticle(): FixtureArticle {
  return {
    file: SHARED_FILE,
    title: 'If Putin is running Musk',
    text: read(SHARED_FILE),
    unique: ['Chelsea Manning', 'Vladimir Putin', 'Black Sea peninsula', "WSJ's report", 'Starlink terminals', 'nuclear war'],
    frequent: 'Musk',
    frequentPrefix: 'Elon ',
    recurring: 'Putin',
  };
}

export const ARTICLE: FixtureArticle = fs.existsSync(SHARED_FILE) ? sharedArticle() : ownArticle();
