import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchChromium, signIn, startBrowserApp } from '../support/browser';
import { ARTICLE } from '../support/fixture-article';
import { newMember, newUser, newWorkspace, PASSWORD, type HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

// An axe scan of a full page takes seconds on a busy machine; a test here makes several.
jest.setTimeout(60_000);

/** Presses Tab until `done` holds for the focused element, at most `limit` times. */
async function tabUntil(page: Page, done: () => Promise<boolean>, limit = 30): Promise<boolean> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await done()) return true;
  }
  return false;
}

const focusedIsMainHeading = (page: Page) =>
  page.waitForFunction(() => {
    const el = document.activeElement;
    return !!el && el.tagName === 'H1' && !!el.textContent?.trim();
  });

describe('accessibility of every main view', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let context: BrowserContext;

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    owner = await newUser(app, 'Priya');
    workspaceId = await newWorkspace(owner, 'Fact desk');
    await newMember(app, owner, workspaceId, 'analyst');
    const article = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: ARTICLE.title, text: ARTICLE.text })).body;
    articleId = article.id;
    const start = article.revision.text.indexOf(ARTICLE.unique[0]);
    const root = await owner.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'questioning',
      body: 'Who else **confirmed** this? See [the filing](https://example.org/filing).',
      tags: ['sourcing'],
      target: { selector: [{ type: 'TextPositionSelector', start, end: start + ARTICLE.unique[0].length }] },
    });
    await owner.post(`/api/articles/${articleId}/annotations`, { motivation: 'replying', body: 'Two officials, on the record.', replyTo: root.body.id });
    const other = article.revision.text.indexOf(ARTICLE.unique[2]);
    const settled = await owner.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'commenting',
      body: 'Checked against the council minutes.',
      target: { selector: [{ type: 'TextPositionSelector', start: other, end: other + ARTICLE.unique[2].length }] },
    });
    await owner.patch(`/api/annotations/${settled.body.id}`, { version: 1, resolved: true });
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(async () => {
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in and up with nothing serious for axe, and the show-password toggle is reachable by Tab', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Email').waitFor();
    await expectAccessible(page, 'sign-in');

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Tab');
    const toggle = page.getByRole('button', { name: 'Show or hide characters' });
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Display name').waitFor();
    await expectAccessible(page, 'sign-up');
  });

  it('focuses the main heading after sign-in, with nothing serious for axe on the articles and the import dialog', async () => {
    const page = await context.newPage();
    await signIn(page, app.url, owner.user!.email, `/w/${workspaceId}`);
    await page.getByRole('heading', { level: 1, name: 'Fact desk' }).waitFor();
    await focusedIsMainHeading(page);
    await expectAccessible(page, 'articles');

    await page.getByRole('button', { name: 'Import article' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import article' });
    await dialog.getByLabel('Title').waitFor();
    await expectAccessible(page, 'import dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: ARTICLE.title }).click();
    await page.getByRole('heading', { level: 1, name: ARTICLE.title }).waitFor();
    await focusedIsMainHeading(page);
  });

  it('has nothing serious for axe in the reader and its threads', async () => {
    const page = await context.newPage();
    await signIn(page, app.url, owner.user!.email, `/articles/${articleId}`);
    const threads = page.getByRole('region', { name: 'Threads' });
    await threads.getByText('Two officials, on the record.').waitFor();
    await expectAccessible(page, 'reader');

    // A reply being written, then only the resolved threads.
    await threads.getByRole('button', { name: 'Reply' }).first().click();
    await threads.getByRole('textbox', { name: 'Reply' }).fill('Checking the filing now.');
    await threads.getByRole('button', { name: 'Save' }).waitFor();
    await expectAccessible(page, 'threads');
    await threads.getByText('Resolved 1').click();
    await threads.getByText('Checked against the council minutes.').waitFor();
    await expectAccessible(page, 'resolved threads');
  });

  it('focuses the main heading after each navigation, with nothing serious for axe on members, activity, the review pages and settings', async () => {
    const page = await context.newPage();
    await signIn(page, app.url, owner.user!.email, `/w/${workspaceId}`);
    await page.getByRole('heading', { level: 1, name: 'Fact desk' }).waitFor();
    for (const name of ['Members', 'Activity', 'Review queue', 'Agreement', 'Review settings']) {
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await focusedIsMainHeading(page);
      await expectAccessible(page, name.toLowerCase());
    }

    await page.getByRole('button', { name: /account menu/i }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    // The account menu may still be leaving (a menu with its items gone); it is no part of the view.
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await focusedIsMainHeading(page);
    await expectAccessible(page, 'settings');
  });

  it('offers a skip link from the top of the reader to its threads', async () => {
    const page = await context.newPage();
    await signIn(page, app.url, owner.user!.email, `/articles/${articleId}`);
    await page.getByRole('heading', { level: 1, name: ARTICLE.title }).waitFor();
    await page.getByRole('region', { name: 'Threads' }).getByText('Two officials, on the record.').waitFor();
    await focusedIsMainHeading(page);
    const skip = page.getByRole('link', { name: 'Skip to threads' });
    expect(await tabUntil(page, () => skip.evaluate((el) => el === document.activeElement), 3)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !!document.activeElement?.closest('[aria-label="Threads"]'));
  });
});
