import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from '../support/accessibility';
import { launchChromium, signIn, startBrowserApp } from '../support/browser';
import { CLAIMS_ARTICLE, claimOn, newClaim } from '../support/claims';
import { newMember, newUser, newWorkspace, type HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

const RESOLVED = 'nitrate levels fell by 42 percent';
const IN_REVIEW = 'the city spent $310 million on new treatment plants';

const PREVIEW = 'iframe[title="Report preview"]';
const preview = (page: Page) => page.frameLocator(PREVIEW);
/** The preview frame is sandboxed without scripts, so axe cannot enter it: the same HTML is checked as a page of its own (the shared link). */
const violations = (page: Page) => seriousViolations(page, [PREVIEW]);

/** The text of the preview frame's document, once it holds (or lacks) a piece of text. */
async function previewText(page: Page): Promise<string> {
  return preview(page).locator('body').innerText();
}

async function downloaded(page: Page, button: string): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), body: fs.readFileSync(file) };
}

describe('the report page in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient;
  let articleId: string;
  const contexts: BrowserContext[] = [];

  const open = async (user: HttpClient, path: string) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, app.url, user.user!.email, path);
    return page;
  };

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    owner = await newUser(app, 'Orla Owner');
    const workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    const reviewerA = await newMember(app, owner, workspaceId, 'reviewer');
    const reviewerB = await newMember(app, owner, workspaceId, 'reviewer');
    const res = await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'River report', text: CLAIMS_ARTICLE, sourceUrl: 'https://news.example.org/river' });
    articleId = res.body.id;
    const text: string = res.body.revision.text;
    const toReview = async (claimId: string) => {
      await analyst.patch(`/api/claims/${claimId}`, { version: 1, status: 'in_progress' });
      await analyst.patch(`/api/claims/${claimId}`, { version: 2, status: 'in_review' });
    };
    // One claim resolved by agreement, one still in review.
    const resolved = await newClaim(editor, articleId, { ...claimOn(text, RESOLVED), claimant: 'the water authority', assigneeIds: [analyst.user!.id] });
    await toReview(resolved.id);
    await reviewerA.post(`/api/claims/${resolved.id}/verdicts`, { rating: 'false', rationale: 'The data shows 24 percent.' });
    await reviewerB.post(`/api/claims/${resolved.id}/verdicts`, { rating: 'false', rationale: 'Only 24 percent in the published series.' });
    const pending = await newClaim(editor, articleId, { ...claimOn(text, IN_REVIEW), claimant: 'The mayor', assigneeIds: [analyst.user!.id] });
    await toReview(pending.id);
    expect((await editor.get(`/api/claims/${resolved.id}`)).body.status).toBe('resolved');
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('previews with options, downloads, publishes, shares to a signed-out reader and revokes', async () => {
    const page = await open(editor, `/articles/${articleId}`);
    await page.getByRole('link', { name: 'Report', exact: true }).click();
    await page.waitForURL(`**/articles/${articleId}/report`);
    await page.getByRole('heading', { name: 'Report', level: 1 }).waitFor();

    // Resolved claims only by default; the option brings the one in review, marked as such.
    // (The appendix quotes the whole article: look for the claim itself.)
    await preview(page).getByText(RESOLVED).first().waitFor();
    expect(await previewText(page)).not.toContain('claimed by The mayor');
    expect(await violations(page)).toEqual([]);
    await page.getByRole('checkbox', { name: 'Include unresolved claims' }).check();
    await preview(page).getByText('claimed by The mayor').waitFor();
    expect(await previewText(page)).toContain('In review: not yet decided');
    // The appendix goes when it is switched off.
    expect(await previewText(page)).toContain('Appendix: the article');
    await page.getByRole('checkbox', { name: 'Include the appendix' }).uncheck();
    await page.waitForFunction(() => {
      const html = document.querySelector('iframe[title="Report preview"]')?.getAttribute('srcdoc') ?? '';
      return html.includes(`In review`) && !html.includes('Appendix: the article');
    });

    // Downloads carry the options chosen on the page.
    const md = await downloaded(page, 'Markdown');
    expect(md.name).toMatch(/\.md$/);
    expect(md.body.toString('utf8')).toContain(RESOLVED);
    expect(md.body.toString('utf8')).toContain(IN_REVIEW);
    expect(md.body.toString('utf8')).not.toContain('Appendix');
    const csv = await downloaded(page, 'CSV');
    const rows = parseCsv(csv.body.toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.statement, r.status])).toEqual([
      [RESOLVED, 'Resolved'],
      [IN_REVIEW, 'In review'],
    ]);
    const pdf = await downloaded(page, 'PDF');
    expect(pdf.body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const annotations = JSON.parse((await downloaded(page, 'W3C Web Annotations')).body.toString('utf8'));
    expect(annotations.type).toContain('AnnotationCollection');
    await page.getByRole('status').filter({ hasText: /^Downloaded / }).waitFor();

    // Publish: a numbered snapshot appears in the list.
    await page.getByRole('button', { name: 'Publish snapshot' }).click();
    await page.getByText('Published as snapshot 1.').waitFor();
    const snapshot = page.getByTestId('snapshot-1');
    await snapshot.getByText('unresolved claims included').waitFor();

    // A share link, shown once, opens the snapshot for someone signed out, without cookies.
    await snapshot.getByRole('button', { name: 'Create share link for Snapshot 1' }).click();
    const url = (await page.getByTestId('share-url').innerText()).trim();
    expect(url).toMatch(new RegExp(`^${app.url}/api/shared/rpt_`));
    await snapshot.getByText('1 active').waitFor();
    expect(await violations(page)).toEqual([]);

    const outsider = await browser.newContext();
    contexts.push(outsider);
    const reader = await outsider.newPage();
    const shared = await reader.goto(url);
    expect(shared?.status()).toBe(200);
    await reader.getByText(RESOLVED).first().waitFor();
    expect(await reader.content()).toContain(IN_REVIEW);
    expect(await outsider.cookies()).toEqual([]);
    expect(await seriousViolations(reader)).toEqual([]);

    // Revoked: the list says so and the link is a plain 404.
    await snapshot.getByRole('button', { name: 'Revoke' }).click();
    // Dispatched on the button itself: a pointer click while the dialog still slides in (on a
    // loaded machine) can land on the overlay behind it, which closes the dialog instead.
    await page.getByRole('dialog', { name: 'Revoke this share link?' }).getByRole('button', { name: 'Revoke link' }).dispatchEvent('click');
    await snapshot.getByText('0 active').waitFor();
    await snapshot.getByText(/^revoked /).waitFor();
    await page.getByTestId('share-url').waitFor({ state: 'detached' });
    const gone = await reader.reload();
    expect(gone?.status()).toBe(404);
    expect(await reader.content()).not.toContain(RESOLVED);
    expect(await violations(page)).toEqual([]);
  }, 120_000);

  it('shows an analyst the preview and the snapshots, without Publish or share controls', async () => {
    await editor.post(`/api/articles/${articleId}/reports`, {});
    const page = await open(analyst, `/articles/${articleId}/report`);
    await preview(page).getByText(RESOLVED).first().waitFor();
    await page.getByText('Editors and owners publish snapshots and manage their share links.').waitFor();
    expect(await page.getByTestId(/^snapshot-/).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Publish snapshot' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Create share link/ }).count()).toBe(0);
    expect(await violations(page)).toEqual([]);

    // ClaimReview names each claim at its published report's page, which opens the frozen report.
    const [latest] = (await analyst.get(`/api/articles/${articleId}/reports`)).body as { id: string; number: number }[];
    const reviews = (await analyst.get(`/api/reports/${latest!.id}?format=claimreview`)).body;
    const claimUrl = new URL(([reviews].flat()[0] as { url: string }).url);
    expect(claimUrl.pathname).toBe(`/articles/${articleId}/reports/${latest!.number}`);
    await page.goto(`${app.url}${claimUrl.pathname}${claimUrl.hash}`);
    await page.getByRole('heading', { name: `Published report ${latest!.number}` }).waitFor();
    await page.frameLocator('iframe[title^="Published report"]').getByText(RESOLVED).first().waitFor();
    expect(await seriousViolations(page, ['iframe[title^="Published report"]'])).toEqual([]);
    await page.goto(`${app.url}/articles/${articleId}/reports/999`);
    await page.getByText('This article has no published report 999.').waitFor();
  }, 60_000);

  it('says in plain words why a PDF cannot be made where there is no Chromium, and the other formats still download', async () => {
    const bare = await startBrowserApp({ CHROMIUM_PATH: '/nonexistent/chromium' });
    try {
      const owner2 = await newUser(bare, 'Nell Owner');
      const workspaceId = await newWorkspace(owner2);
      const id = (await owner2.post(`/api/workspaces/${workspaceId}/articles`, { title: 'No printer here', text: CLAIMS_ARTICLE })).body.id;
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, bare.url, owner2.user!.email, `/articles/${id}/report`);
      await page.getByRole('heading', { name: 'Preview' }).waitFor();
      await page.getByRole('button', { name: 'PDF', exact: true }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Not downloaded' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain('the PDF could not be made');
      expect(await alert.innerText()).toContain('CHROMIUM_PATH');
      expect(await alert.innerText()).toContain('The other formats still work.');
      // Not mistaken for the server being away.
      expect(await page.getByText('Reconnecting…').count()).toBe(0);
      expect(await violations(page)).toEqual([]);
      const md = await downloaded(page, 'Markdown');
      expect(md.body.toString('utf8')).toContain('No printer here');
    } finally {
      await bare.close();
    }
  }, 90_000);
});
