import { safeHref } from './linkPolicy';

describe('safeHref', () => {
  it.each(['https://example.org/report', 'http://example.org', 'mailto:desk@example.org'])('keeps %s', (href) => {
    expect(safeHref(href)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '/w/123',
    '#top',
    '',
    null,
    undefined,
  ])('refuses %p', (href) => {
    expect(safeHref(href)).toBeNull();
  });
});
