import { ANNOTATION_BODY_MAX } from '@corroborate/contracts';
import { checkComposerText, formatCount } from './composerCheck';

describe('checkComposerText', () => {
  it('counts what would be sent (trimmed) against the API limit', () => {
    const check = checkComposerText('commenting', '  Which report?  ');
    expect(check).toEqual({ count: 13, limit: ANNOTATION_BODY_MAX, problem: null, ready: true });
    expect(formatCount(check)).toBe('13 / 20,000 characters');
  });

  it('accepts exactly the limit and refuses one more, saying by how much', () => {
    expect(checkComposerText('questioning', 'x'.repeat(ANNOTATION_BODY_MAX))).toMatchObject({ ready: true, problem: null });
    const over = checkComposerText('commenting', 'x'.repeat(ANNOTATION_BODY_MAX + 345));
    expect(over).toMatchObject({ count: 20_345, ready: false });
    expect(over.problem).toBe('Too long to save: at most 20,000 characters. Remove 345 to save it.');
    expect(formatCount(over)).toBe('20,345 / 20,000 characters');
  });

  it('is not ready with nothing but spaces', () => {
    expect(checkComposerText('replying', '   \n ')).toMatchObject({ count: 0, ready: false, problem: null });
  });

  it('checks tags by number and length instead of characters', () => {
    expect(checkComposerText('tagging', 'budget, stadium')).toEqual({ count: null, limit: null, problem: null, ready: true });
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(', ');
    expect(checkComposerText('tagging', many)).toMatchObject({ ready: false, problem: 'At most 20 tags; this has 21.' });
    expect(checkComposerText('tagging', `ok, ${'y'.repeat(65)}`).problem).toMatch(/at most 64 characters; “y{20}…” has 65/);
    expect(checkComposerText('tagging', ' , ')).toMatchObject({ ready: false, problem: null });
  });
});
