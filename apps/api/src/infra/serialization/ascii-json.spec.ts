import { asciiJson } from './ascii-json';

describe('asciiJson', () => {
  it('escapes every character outside ASCII and keeps the value', () => {
    const value = { body: 'The report’s “cleaner” river — café, 北京, 😀', exact: 'x\u2028y', lone: '\ud800' };
    const json = asciiJson(JSON.stringify(value));
    expect(json).not.toMatch(/[^\x20-\x7e]/); // printable ASCII: JSON escapes the rest
    expect(json).toContain('\\u2019');
    expect(json).toContain('\\ud83d\\ude00');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('returns ASCII text as it is, and gives the same answer when called again', () => {
    const json = JSON.stringify({ body: 'plain "quoted" \\ text' });
    expect(asciiJson(json)).toBe(json);
    const mixed = JSON.stringify(['é']);
    expect(asciiJson(mixed)).toBe('["\\u00e9"]');
    expect(asciiJson(mixed)).toBe('["\\u00e9"]');
  });

  it('escapes a lone surrogate written as it is, and a character of Latin-1 beyond ASCII', () => {
    expect(asciiJson('["\ud800"]')).toBe('["\\ud800"]');
    expect(asciiJson('["\u00ff\u007f"]')).toBe('["\\u00ff\u007f"]');
  });
});
