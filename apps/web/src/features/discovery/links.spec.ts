import type { SearchResult } from '@corroborate/contracts';
import { claimLink, parsePassage, resultLink, snippetParts } from './links';

const result = (over: Partial<SearchResult>): SearchResult => ({
  type: 'article',
  id: 'a1',
  articleId: 'a1',
  articleTitle: 'Title',
  claimId: null,
  title: 'Title',
  snippet: { text: '', highlights: [] },
  snippetHtml: '',
  passage: null,
  author: null,
  status: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  rank: 1,
  ...over,
});

describe('discovery links', () => {
  it('takes a result to its claim, its passage or its article', () => {
    expect(resultLink(result({ type: 'claim', id: 'c1', claimId: 'c1', articleId: 'a1' }), 'w')).toBe('/articles/a1/claims/c1');
    expect(resultLink(result({ type: 'evidence', id: 'e1', claimId: 'c1', articleId: 'a1' }), 'w')).toBe('/articles/a1/claims/c1');
    expect(resultLink(result({ type: 'annotation', id: 'n1', passage: { start: 5, end: 9 } }), 'w')).toBe('/articles/a1?at=5-9');
    expect(resultLink(result({}), 'w')).toBe('/articles/a1');
    expect(resultLink(result({ type: 'source', articleId: null, title: 'example.org' }), 'w')).toBe('/w/w/search?q=example.org&type=evidence');
    expect(claimLink({ id: 'c/1', articleId: 'a 1' })).toBe('/articles/a%201/claims/c%2F1');
  });

  it('reads a passage parameter, refusing anything odd', () => {
    expect(parsePassage('120-164')).toEqual({ start: 120, end: 164 });
    expect(parsePassage('164-120')).toBeNull();
    expect(parsePassage('1e3-2e3')).toBeNull();
    expect(parsePassage(null)).toBeNull();
  });

  it('cuts a snippet into marked and plain pieces, ignoring bad ranges', () => {
    expect(snippetParts({ text: 'the river is cleaner', highlights: [{ start: 4, end: 9 }, { start: 13, end: 20 }, { start: 6, end: 8 }, { start: 18, end: 99 }] })).toEqual([
      { text: 'the ', mark: false },
      { text: 'river', mark: true },
      { text: ' is ', mark: false },
      { text: 'cleaner', mark: true },
    ]);
  });
});
