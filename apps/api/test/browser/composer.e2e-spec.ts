import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchChromium, select, signIn, startBrowserApp } from '../support/browser';
import { ARTICLE } from '../support/fixture-article';
import { newMember, newUser, newWorkspace, type HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

const [FIRST, SECOND, THIRD, FOURTH, FIFTH, SIXTH] = ARTICLE.unique;
/** A passage far from SECOND, so the composer open there never covers it. */
const FAR = [FOURTH!, FIFTH!, SIXTH!].sort((x, y) => Math.abs(ARTICLE.text.indexOf(y) - ARTICLE.text.indexOf(SECOND!)) - Math.abs(ARTICLE.text.indexOf(x) - ARTICLE.text.indexOf(SECOND!)))[0]!;

const composer = (page: Page) => page.getByRole('dialog', { name: 'New annotation' });
const threads = (page: Page) => page.getByRole('region', { name: 'Threads' });

/** Selects `quote` and opens a new comment on it with the `c` key. */
async function openComment(page: Page, quote: string) {
  await select(page, quote);
  await page.getByRole('toolbar', { name: 'Annotate selection' }).waitFor();
  await page.keyboard.press('c');
  const field = composer(page).getByLabel('Comment');
  await field.waitFor();
  return field;
}

describe('never losing what someone typed', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: HttpClient;
  let analyst: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let context: BrowserContext;

  const open = async () => {
    const page = await context.newPage();
    await signIn(page, app.url, analyst.user!.email, `/articles/${articleId}`);
    await page.getByTestId('article-text').waitFor();
    await threads(page).getByRole('heading', { name: /Threads/ }).waitFor();
    return page;
  };
  const setRole = async (role: string) => {
    const res = await owner.patch(`/api/workspaces/${workspaceId}/members/${analyst.user!.id}`, { role });
    expect(res.status).toBe(200);
  };
  const comment = async (as: HttpClient, quote: string, body: string) => {
    const start = ARTICLE.text.indexOf(quote);
    const res = await as.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'commenting',
      body,
      target: { selector: [{ type: 'TextPositionSelector', start, end: start + quote.length }] },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const bodiesOnServer = async () => ((await owner.get(`/api/articles/${articleId}/annotations`)).body as { body: string | null }[]).map((a) => a.body);

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    articleId = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: ARTICLE.title, text: ARTICLE.text })).body.id;
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterEach(async () => {
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('keeps an over-long comment open with a live count and the limit, and explains a refusal inline', async () => {
    const page = await open();
    const field = await openComment(page, FIRST);
    const count = composer(page).getByTestId('composer-count');
    await field.fill('Who confirmed this?');
    expect(await count.innerText()).toBe('19 / 20,000 characters');

    await field.fill('x'.repeat(20_001));
    expect(await count.innerText()).toBe('20,001 / 20,000 characters');
    await composer(page).getByText('Too long to save: at most 20,000 characters. Remove 1 to save it.').waitFor();
    expect(await composer(page).getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.keyboard.press('Control+Enter');
    expect(await composer(page).isVisible()).toBe(true);
    expect((await field.inputValue()).length).toBe(20_001);

    // The server refuses (the analyst became a viewer meanwhile): the text and the reason stay.
    await field.fill('Who confirmed this?');
    await setRole('viewer');
    try {
      await composer(page).getByRole('button', { name: 'Save' }).click();
      const alert = composer(page).getByRole('alert');
      await alert.getByText(/permission/).waitFor();
      expect(await composer(page).getByLabel('Comment').inputValue()).toBe('Who confirmed this?');
      expect(await bodiesOnServer()).not.toContain('Who confirmed this?');
    } finally {
      await setRole('analyst');
    }
  });

  it('closes the composer on a click elsewhere or Esc from anywhere, and keeps the draft until it is discarded or sent', async () => {
    const page = await open();
    let field = await openComment(page, SECOND);
    await field.fill('Half a thought');

    // A click elsewhere in the article closes it; another passage gets the toolbar and `c` works.
    await page.getByTestId('article-text').getByText(FAR, { exact: false }).first().click();
    await composer(page).waitFor({ state: 'detached' });
    field = await openComment(page, THIRD);
    expect(await field.inputValue()).toBe('');
    // Esc closes it wherever focus is.
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('Escape');
    await composer(page).waitFor({ state: 'detached' });

    // The first passage's draft is back, after Esc and after a reload.
    field = await openComment(page, SECOND);
    expect(await field.inputValue()).toBe('Half a thought');
    await page.keyboard.press('Escape');
    await composer(page).waitFor({ state: 'detached' });
    await page.reload();
    await threads(page).getByRole('heading', { name: /Threads/ }).waitFor();
    field = await openComment(page, SECOND);
    expect(await field.inputValue()).toBe('Half a thought');

    // Discarded on purpose: gone.
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await composer(page).waitFor({ state: 'detached' });
    field = await openComment(page, SECOND);
    expect(await field.inputValue()).toBe('');

    // Sent: gone too, and sent once however quickly Save is pressed twice.
    await field.fill('A whole thought');
    await composer(page).getByRole('button', { name: 'Save' }).dblclick();
    await threads(page).getByText('A whole thought').waitFor();
    field = await openComment(page, SECOND);
    expect(await field.inputValue()).toBe('');
    expect((await bodiesOnServer()).filter((body) => body === 'A whole thought')).toHaveLength(1);
    expect(await threads(page).getByText('A whole thought').count()).toBe(1);
  });

  it('tells an editor whose thread is resolved or deleted meanwhile, and keeps their text', async () => {
    const resolved = await comment(analyst, FIFTH, 'First wording');
    const deleted = await comment(analyst, SIXTH, 'Second wording');
    const page = await open();

    const card = (id: string) => threads(page).locator(`article[data-annotation-id="${id}"]`);
    await card(resolved.id).getByRole('button', { name: 'Edit', exact: true }).click();
    await card(resolved.id).getByLabel('Edit comment').fill('First wording, with the source');
    expect((await owner.patch(`/api/annotations/${resolved.id}`, { version: resolved.version, resolved: true })).status).toBe(200);
    await card(resolved.id).getByRole('alert').getByText(/resolved this thread while you were editing/).waitFor();
    expect(await card(resolved.id).getByLabel('Edit comment').inputValue()).toBe('First wording, with the source');

    await card(deleted.id).getByRole('button', { name: 'Edit', exact: true }).click();
    await card(deleted.id).getByLabel('Edit comment').fill('Second wording, improved');
    expect((await owner.delete(`/api/annotations/${deleted.id}`)).status).toBe(204);
    const orphan = threads(page).getByTestId('orphaned-edit');
    await orphan.waitFor();
    expect(await orphan.getByLabel('Your unsent text').inputValue()).toBe('Second wording, improved');
    await orphan.getByRole('button', { name: 'Post as new comment' }).click();
    await orphan.waitFor({ state: 'detached' });
    await threads(page).getByText('Second wording, improved').waitFor();
    const until = Date.now() + 10_000;
    while (!(await bodiesOnServer()).includes('Second wording, improved') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await bodiesOnServer()).toContain('Second wording, improved');
  });

  it('marks an edited comment "edited" for everyone, live, and shows what it said before', async () => {
    const { id } = await comment(analyst, FOURTH, 'Filed in March');
    const page = await open();
    const ownerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const other = await ownerContext.newPage();
      await signIn(other, app.url, owner.user!.email, `/articles/${articleId}`);
      const card = (p: Page) => threads(p).locator(`article[data-annotation-id="${id}"]`);
      await card(other).getByText('Filed in March').waitFor();
      expect(await card(other).getByRole('button', { name: /^edited/ }).count()).toBe(0);

      await card(page).getByRole('button', { name: 'Edit', exact: true }).click();
      await card(page).getByLabel('Edit comment').fill('Filed in **April**, per the registry');
      await card(page).getByRole('button', { name: 'Save' }).click();
      await card(page).getByRole('button', { name: /^edited/ }).waitFor();

      // The other reader sees the marker arrive, and the earlier wording behind it.
      const marker = card(other).getByRole('button', { name: /^edited\W+show earlier versions$/ });
      await marker.waitFor();
      await card(other).getByText('Filed in April, per the registry').waitFor();
      await marker.click();
      const versions = card(other).getByRole('list', { name: 'Earlier versions' });
      await versions.getByText('Filed in March').waitFor();
      expect(await versions.getByRole('listitem').count()).toBe(1);
      expect(await versions.innerText()).toContain(analyst.user!.displayName);
      expect(await card(other).getByRole('button', { name: /^edited\W+hide earlier versions$/ }).getAttribute('aria-expanded')).toBe('true');
      await expectAccessible(other, 'earlier versions of a comment');
    } finally {
      await ownerContext.close();
    }
    // Two browsers and an axe scan.
  }, 60_000);
});
