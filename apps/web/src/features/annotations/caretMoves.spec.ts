/// <reference types="jest" />
import { nextSentenceEnd, nextWordEnd, previousSentenceStart, previousWordStart } from './caretMoves';

const TEXT = 'The river is cleaner. “Is it?” asked Ana! Officials’ data, from 2019, says so.\n\nA new paragraph here.';
const at = (s: string) => TEXT.indexOf(s);

describe('moving a caret by word', () => {
  it('goes to the end of this or the next word, over punctuation and spaces', () => {
    expect(nextWordEnd(TEXT, 0)).toBe(3);
    expect(nextWordEnd(TEXT, 3)).toBe(at(' is'));
    expect(nextWordEnd(TEXT, at('cleaner') + 7)).toBe(at('Is') + 2);
    expect(TEXT.slice(at('Officials'), nextWordEnd(TEXT, at('Officials')))).toBe('Officials’');
  });

  it('goes back to the start of this or the previous word', () => {
    expect(previousWordStart(TEXT, at(' is'))).toBe(at('river'));
    expect(previousWordStart(TEXT, at('Is') + 1)).toBe(at('Is'));
    expect(previousWordStart(TEXT, at('Is'))).toBe(at('cleaner'));
    expect(previousWordStart(TEXT, 2)).toBe(0);
  });

  it('stops at the ends of the text', () => {
    expect(nextWordEnd(TEXT, TEXT.length)).toBe(TEXT.length);
    expect(previousWordStart(TEXT, 0)).toBe(0);
  });
});

describe('moving a caret by sentence', () => {
  it('goes to the end of this sentence, after its full stop and closing quote', () => {
    expect(TEXT.slice(0, nextSentenceEnd(TEXT, 0))).toBe('The river is cleaner.');
    expect(TEXT.slice(at('“Is'), nextSentenceEnd(TEXT, at('“Is')))).toBe('“Is it?”');
    expect(TEXT.slice(at('Officials'), nextSentenceEnd(TEXT, at('data')))).toBe('Officials’ data, from 2019, says so.');
  });

  it('stops at the end of a paragraph and at the end of the text', () => {
    expect(nextSentenceEnd(TEXT, at('A new'))).toBe(TEXT.length);
    expect(nextSentenceEnd(TEXT, at('says so.') + 8)).toBe(TEXT.length);
  });

  it('goes back to the start of this sentence, then of the one before', () => {
    expect(previousSentenceStart(TEXT, at('data'))).toBe(at('Officials'));
    expect(previousSentenceStart(TEXT, at('Officials'))).toBe(at('asked'));
    expect(previousSentenceStart(TEXT, at('asked'))).toBe(at('“Is'));
    expect(previousSentenceStart(TEXT, at('A new'))).toBe(at('Officials'));
    expect(previousSentenceStart(TEXT, at('river'))).toBe(0);
  });
});
