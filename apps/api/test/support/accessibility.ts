import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { eventually } from './browser';

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

/**
 * Fails naming the view and every serious or critical finding axe-core makes on it, once its
 * transitions have ended: a dialog caught mid-fade has text at part opacity, which is no
 * finding about the view.
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  await eventually(
    () => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity).length),
    (running) => running === 0,
    `the transitions on ${view} to end`,
  );
  expect({ view, violations: await seriousViolations(page) }).toEqual({ view, violations: [] });
}
