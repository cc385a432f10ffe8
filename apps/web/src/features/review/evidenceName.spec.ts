/// <reference types="jest" />
import { evidenceName } from './evidenceName';

describe('evidenceName', () => {
  const none = { title: null, publisher: null, excerpt: null, url: null };
  it('names evidence by title, then publisher and excerpt, then address', () => {
    expect(evidenceName({ ...none, title: 'Bridge plan', url: 'https://x.example' })).toBe('Bridge plan');
    expect(evidenceName({ ...none, publisher: 'Gazette', excerpt: 'Into 2029.' })).toBe('Gazette: “Into 2029.”');
    expect(evidenceName({ ...none, url: 'https://x.example' })).toBe('https://x.example');
    expect(evidenceName(none)).toBe('Untitled evidence');
    expect(evidenceName({ ...none, excerpt: 'x'.repeat(100) })).toHaveLength(80);
  });
});
