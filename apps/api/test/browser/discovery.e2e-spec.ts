import type { Browser, BrowserContext } from 'playwright-core';
import { importArticle } from '../support/annotating';
import { launchChromium, signIn, startBrowserApp } from '../support/browser';
import { CLAIMS_ARTICLE, claimOn, newClaim } from '../support/claims';
import { discoveryArticle } from '../support/discovery';
import { type HttpClient, newUser, newWorkspace } from '../support/http-client';
import type { TestApp } from '../support/test-app';

describe('discovery in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let desk: HttpClient;
  let workspaceId: string;
  let budget: { id: string; text: string };

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    desk = await newUser(app, 'Desk Editor');
    workspaceId = await newWorkspace(desk, 'Fact desk');
    budget = await importArticle(desk, workspaceId, discoveryArticle('transit-budget'), 'Transit budget');
    context = await browser.newContext();
    // A step that cannot happen fails on its own, well before the test's timeout.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signIn(page, app.url, desk.user!.email, `/w/${workspaceId}`);
    await page.getByRole('heading', { name: 'Fact desk' }).first().waitFor();
    await page.close();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  it('turns a suggestion into a claim anchored to its sentence in one click, and dismisses another with a key', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/articles/${budget.id}`);
    await page.getByRole('heading', { name: 'Transit budget' }).waitFor();

    await page.getByRole('tab', { name: 'Suggestions' }).click();
    const panel = page.getByRole('region', { name: 'Suggestions' });
    const sentence = 'Ridership has recovered to 78 percent of its 2019 level, the authority said in its annual report, up from 64 percent a year earlier.';
    const card = panel.locator('article.suggestion-card', { hasText: 'Ridership has recovered to 78 percent' });
    await card.waitFor();
    await card.getByText('Percentage').waitFor();

    // The faint marker is on the sentence in the text, and can be switched off and on.
    const marker = page.locator(`.reader-text .suggested`, { hasText: 'Ridership has recovered' });
    await marker.first().waitFor();
    await panel.getByLabel('Mark in text').click({ force: true });
    await page.locator('.reader-text .suggested').first().waitFor({ state: 'detached' });
    await panel.getByLabel('Mark in text').click({ force: true });
    await marker.first().waitFor();

    await card.getByRole('button', { name: 'Make claim' }).click();
    // The new claim opens in the claim panel.
    const claimPanel = page.getByRole('complementary', { name: 'Claim', exact: true });
    await claimPanel.getByText(sentence).first().waitFor();
    const claimId = await claimPanel.getAttribute('data-claim-id');
    const claims = (await desk.get(`/api/articles/${budget.id}/claims`)).body as { id: string; statement: string; spans: { target: { selector: [{ exact: string }, { start: number; end: number }] } }[] }[];
    expect(claims.map((c) => c.id)).toEqual([claimId]);
    const start = budget.text.indexOf(sentence);
    expect(claims[0]!.spans[0]!.target.selector[1]).toMatchObject({ start, end: start + sentence.length });
    expect(claims[0]!.statement).toBe(sentence);

    // Claimed: it leaves the suggestions.
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await panel.locator('article.suggestion-card', { hasText: 'Ridership has recovered' }).waitFor({ state: 'detached' });

    // x on a focused card dismisses it for the workspace.
    const other = panel.locator('article.suggestion-card', { hasText: 'had spent $310 million on consultants' });
    await other.focus();
    await page.keyboard.press('x');
    await other.waitFor({ state: 'detached' });
    // The card leaves the list at once; the stored dismissal follows the request.
    let dismissed: string[] = [];
    for (let i = 0; i < 50 && !dismissed.length; i++) {
      dismissed = ((await desk.get(`/api/workspaces/${workspaceId}/claim-candidate-dismissals`)).body as { sentence: string }[]).map((d) => d.sentence);
      if (!dismissed.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(dismissed).toEqual(['She said the authority had spent $310 million on consultants over the past three years.']);
    await page.close();
  });

  it('finds a claim with Ctrl+K and opens it in its article', async () => {
    const river = await importArticle(desk, workspaceId, CLAIMS_ARTICLE, 'River report');
    const claim = await newClaim(desk, river.id, claimOn(river.text, 'nitrate levels fell by 42 percent between 2019 and 2024'));

    const page = await context.newPage();
    await page.goto(`${app.url}/w/${workspaceId}`);
    await page.getByRole('heading', { name: 'Fact desk' }).first().waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Quick search' });
    await palette.getByRole('combobox', { name: 'Search the workspace' }).fill('nitrate levels');
    const option = palette.getByRole('option').filter({ hasText: 'Claim' }).filter({ hasText: 'nitrate levels fell by 42 percent' });
    await option.click();

    await page.waitForURL(new RegExp(`/articles/${river.id}/claims/${claim.id}$`));
    const opened = page.getByRole('complementary', { name: 'Claim', exact: true });
    await opened.getByText('nitrate levels fell by 42 percent between 2019 and 2024').first().waitFor();
    expect(await opened.getAttribute('data-claim-id')).toBe(claim.id);
    await page.close();
  });
});
