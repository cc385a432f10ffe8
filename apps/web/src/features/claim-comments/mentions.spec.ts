/// <reference types="jest" />
import { insertMention, mentionMatches, mentionQuery } from './mentions';

describe('mentions while typing', () => {
  it('finds the name being typed after an @', () => {
    expect(mentionQuery('Ask @An', 7)).toEqual({ start: 4, query: 'An' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('Ask @Ana Li', 11)).toEqual({ start: 4, query: 'Ana Li' });
  });

  it('ignores e-mail addresses, finished lines and text after the caret', () => {
    expect(mentionQuery('mail ana@example.org', 20)).toBeNull();
    expect(mentionQuery('@Ana\nthanks', 11)).toBeNull();
    expect(mentionQuery('no mention @', 3)).toBeNull();
    expect(mentionQuery('@ space', 7)).toBeNull();
  });

  it('matches names by their start, then by any word', () => {
    const members = [{ displayName: 'Priya Raman' }, { displayName: 'Ana Lima' }, { displayName: 'Tomás Ramos' }];
    expect(mentionMatches(members, 'ra').map((m) => m.displayName)).toEqual(['Priya Raman', 'Tomás Ramos']);
    expect(mentionMatches(members, 'an').map((m) => m.displayName)).toEqual(['Ana Lima']);
  });

  it('replaces the typed part with the full name and puts the caret after it', () => {
    const text = 'Ask @an about it';
    expect(insertMention(text, { start: 4, query: 'an' }, 7, 'Ana Lima')).toEqual({ text: 'Ask @Ana Lima about it', caret: 14 });
    expect(insertMention('@an', { start: 0, query: 'an' }, 3, 'Ana Lima')).toEqual({ text: '@Ana Lima ', caret: 10 });
  });
});
