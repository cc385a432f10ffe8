import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core's serious and critical findings on the page as it stands, one line each, so a
 * failing test names the rule and the elements. Besides axe's default rules it checks that a
 * control's accessible name contains its visible label (WCAG 2.5.3), which axe keeps opt-in.
 */
export async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  const builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  // `exclude`: frames that run no script (sandboxed), where axe cannot be injected; check their documents on their own.
  for (const selector of exclude) builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
      return `${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}): ${v.help} at ${where.join(' | ')}`;
    });
}

/** Fails naming the view and every serious or critical finding axe-core makes on it. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  expect({ view, violations: await seriousViolations(page) }).toEqual({ view, violations: [] });
}
