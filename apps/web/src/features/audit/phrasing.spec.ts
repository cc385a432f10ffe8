/// <reference types="jest" />
import type { AuditEntry } from '@corroborate/contracts';
import { cut, describeEntry, sentenceOf, wordDiff } from './phrasing';

const ARTICLE = { id: '11111111-1111-4111-8111-111111111111', title: 'The river is cleaner than it was a century ago, officials say' };
const NOTE = {
  id: '22222222-2222-4222-8222-222222222222',
  articleId: ARTICLE.id,
  motivation: 'commenting',
  body: 'What would a century-old measurement of the river even look like, and who took it?',
  tags: [],
  resolved: false,
  target: {
    source: '66666666-6666-4666-8666-666666666666',
    selector: [
      { type: 'TextQuoteSelector', exact: 'cleaner than it was', prefix: 'The river is ', suffix: ' a century ago' },
      { type: 'TextPositionSelector', start: 13, end: 32 },
    ],
  },
};

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: '7',
  at: '2026-11-30T08:00:00.000Z',
  actorId: '33333333-3333-4333-8333-333333333333',
  actorName: 'Priya',
  action: 'annotation.created',
  entityType: 'annotation',
  entityId: NOTE.id,
  before: null,
  after: NOTE,
  article: ARTICLE,
  subjectName: null,
  ...over,
});

describe('describeEntry', () => {
  it('says who commented on which article and what, linked to the passage', () => {
    const line = describeEntry(entry({}));
    expect(sentenceOf(line)).toBe('Priya commented on The river is cleaner than it was a century ago…: “What would a century-old measurement of the river even look like, and who took…”');
    expect(line.link).toBe(`/articles/${ARTICLE.id}?at=13-32`);
    expect(line.changes).toEqual([]);
  });

  it('tells a question, a highlight, a tag and a reply apart', () => {
    expect(describeEntry(entry({ after: { ...NOTE, motivation: 'questioning' } })).verb).toBe('asked a question on');
    const highlight = describeEntry(entry({ after: { ...NOTE, motivation: 'highlighting', body: null } }));
    expect([highlight.verb, highlight.quote]).toEqual(['highlighted a passage in', 'cleaner than it was']);
    const tagged = describeEntry(entry({ after: { ...NOTE, motivation: 'tagging', body: null, tags: ['sourcing', 'numbers'] } }));
    expect([tagged.verb, tagged.quote]).toEqual(['tagged a passage in', 'sourcing, numbers']);
    expect(describeEntry(entry({ after: { ...NOTE, motivation: 'replying', body: 'Two officials.' } })).verb).toBe('replied on');
  });

  it('says what an update did: an edit (with the old and new text), a resolve, a reopen', () => {
    const edited = describeEntry(entry({ action: 'annotation.updated', before: NOTE, after: { ...NOTE, body: 'Who measured the river a century ago?' } }));
    expect(edited.verb).toBe('edited a comment on');
    expect(edited.changes).toEqual([{ label: 'Comment', before: NOTE.body, after: 'Who measured the river a century ago?', prose: true }]);
    expect(describeEntry(entry({ action: 'annotation.updated', before: NOTE, after: { ...NOTE, resolved: true } })).verb).toBe('resolved a thread on');
    expect(describeEntry(entry({ action: 'annotation.updated', before: { ...NOTE, resolved: true }, after: NOTE })).verb).toBe('reopened a thread on');
    const deleted = describeEntry(entry({ action: 'annotation.deleted', before: NOTE, after: null }));
    expect([deleted.verb, deleted.quote]).toEqual(['deleted a note on', NOTE.body]);
  });

  it('links a claim to its panel and lists the fields a change touched', () => {
    const claim = { id: '44444444-4444-4444-8444-444444444444', articleId: ARTICLE.id, statement: 'The river is cleaner.', status: 'open', priority: 'normal', tags: [] };
    const line = describeEntry(entry({ action: 'claim.updated', entityType: 'claim', entityId: claim.id, before: claim, after: { ...claim, status: 'in_progress', priority: 'high' } }));
    expect(sentenceOf(line)).toBe('Priya updated a claim on The river is cleaner than it was a century ago…: “The river is cleaner.”');
    expect(line.link).toBe(`/articles/${ARTICLE.id}/claims/${claim.id}`);
    expect(line.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Status', 'open', 'in_progress'],
      ['Priority', 'normal', 'high'],
    ]);
  });

  it('names the member whose role changed, and who joined or was removed', () => {
    const membership = { entityType: 'membership', entityId: '55555555-5555-4555-8555-555555555555', subjectName: 'Ana', article: null };
    expect(describeEntry(entry({ ...membership, action: 'member.role_changed', before: { role: 'analyst' }, after: { role: 'editor' } })).verb).toBe('changed Ana’s role from Analyst to Editor');
    expect(describeEntry(entry({ ...membership, action: 'member.added', before: null, after: { role: 'viewer' } })).verb).toBe('added Ana as Viewer');
    expect(describeEntry(entry({ ...membership, action: 'member.removed', before: { role: 'viewer' }, after: null })).verb).toBe('removed Ana');
    expect(describeEntry(entry({ ...membership, action: 'invite.accepted', actorName: 'Ana', before: null, after: { role: 'analyst' } })).verb).toBe('joined the workspace as Analyst');
  });

  it('phrases an article import and revision, and an action it does not know in plain words, never the raw key', () => {
    expect(sentenceOf(describeEntry(entry({ action: 'article.imported', entityType: 'article', entityId: ARTICLE.id, after: { title: ARTICLE.title } })))).toBe(
      'Priya imported The river is cleaner than it was a century ago…',
    );
    const revised = describeEntry(entry({ action: 'article.revised', entityType: 'article', before: { revision: 1 }, after: { revision: 2 } }));
    expect(revised.changes).toEqual([{ label: 'Revision', before: '1', after: '2', prose: false }]);
    const unknown = sentenceOf(describeEntry(entry({ action: 'widget.spun_up', entityType: 'widget', article: null, after: null, actorName: null })));
    expect(unknown).toBe('Someone spun up widget');
    expect(unknown).not.toMatch(/\./);
  });
});

describe('cut', () => {
  it('keeps short text and cuts long text on a word, with an ellipsis', () => {
    expect(cut('A  short\nline', 20)).toBe('A short line');
    expect(cut('The river is cleaner than it was', 16)).toBe('The river is…');
  });
});

describe('wordDiff', () => {
  it('marks the words taken out and put in, keeping the rest', () => {
    expect(wordDiff('Who took the measurement?', 'Who took the first measurement, and when?')).toEqual([
      { text: 'Who took the ', kind: 'same' },
      { text: 'first measurement, and when?', kind: 'added' },
      { text: 'measurement?', kind: 'removed' },
    ]);
    expect(wordDiff('one two three', 'one three')).toEqual([
      { text: 'one ', kind: 'same' },
      { text: 'two ', kind: 'removed' },
      { text: 'three', kind: 'same' },
    ]);
  });

  it('handles empty sides', () => {
    expect(wordDiff('', 'new words')).toEqual([{ text: 'new words', kind: 'added' }]);
    expect(wordDiff('old words', '')).toEqual([{ text: 'old words', kind: 'removed' }]);
  });
});
