import { offsetOf } from './support/annotating';
import { ARTICLE, type FixtureArticle, ownArticle } from './support/fixture-article';

const count = (text: string, part: string) => text.split(part).length - 1;

// The specs annotate spans by role; each article must give them what the roles promise.
describe.each([
  ['the project’s own article', ownArticle()],
  ['the article the tests use', ARTICLE],
])('%s', (_name, article: FixtureArticle) => {
  const { text } = article;

  it('has several blank-line paragraphs', () => {
    expect(text.split(/\n\s*\n/).filter((p) => p.trim()).length).toBeGreaterThan(10);
  });

  it('holds each unique phrase exactly once, with 32 characters of context either side', () => {
    expect(new Set(article.unique).size).toBe(6);
    for (const phrase of article.unique) {
      expect({ phrase, times: count(text, phrase) }).toEqual({ phrase, times: 1 });
      const at = offsetOf(text, phrase);
      expect(at).toBeGreaterThanOrEqual(32);
      expect(text.length - (at + phrase.length)).toBeGreaterThanOrEqual(32);
    }
  });

  it('repeats the frequent and recurring words enough, and the prefix picks one occurrence', () => {
    expect(count(text, article.frequent)).toBeGreaterThanOrEqual(36);
    expect(count(text, article.recurring)).toBeGreaterThanOrEqual(6);
    expect(count(text, article.frequentPrefix + article.frequent)).toBe(1);
  });
});
