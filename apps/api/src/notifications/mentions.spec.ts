import { findMentions } from './mentions';

const members = [
  { id: 'ana', displayName: 'Ana' },
  { id: 'ana-lima', displayName: 'Ana Lima' },
  { id: 'tomas', displayName: 'Tomás Ruiz' },
];

describe('findMentions', () => {
  it('finds a mention by display name, whatever its case', () => {
    expect(findMentions('Can @tomás ruiz check this?', members)).toEqual(['tomas']);
  });

  it('prefers the longest name that matches', () => {
    expect(findMentions('@Ana Lima, please', members)).toEqual(['ana-lima']);
    expect(findMentions('@Ana, please', members)).toEqual(['ana']);
  });

  it('needs the name to end where a word ends', () => {
    expect(findMentions('@Anastasia knows', members)).toEqual([]);
  });

  it('ignores e-mail addresses and repeats', () => {
    expect(findMentions('write to ana@example.org', members)).toEqual([]);
    expect(findMentions('@Ana and @ana again', members)).toEqual(['ana']);
  });

  it('looks at a bounded number of @ signs', () => {
    expect(findMentions(`${'@x '.repeat(10_000)}@Ana`, members)).toEqual([]);
  });
});
