import type { Annotation, Article } from '@corroborate/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { eventually, launchChromium, select, signIn, startBrowserApp } from '../support/browser';
import { ARTICLE } from '../support/fixture-article';
import { newMember, newUser, newWorkspace, type HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

// Each test signs in and runs axe more than once; a busy machine takes seconds for each.
jest.setTimeout(120_000);

const composer = (page: Page) => page.getByRole('dialog', { name: 'New annotation' });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Annotate selection' });
/** The threads button's name on a narrow screen, with its count. */
const threadsCount = (count: number) => new RegExp(`^Threads\\W*${count}$`);
const articleText = (page: Page) => page.getByRole('region', { name: 'Article text' });

/** A box lies across the window's width (a phone's), not cut off at either side. */
async function expectInsideWidth(page: Page, box: { x: number; width: number } | null, what: string) {
  const width = page.viewportSize()!.width;
  expect({ what, left: box && box.x >= 0, right: box && box.x + box.width <= width }).toEqual({ what, left: true, right: true });
}

/** Selects the first word of the article's `index`-th paragraph (words at a line's start sit at the screen's edge). */
async function selectFirstWord(page: Page, index: number): Promise<string> {
  return page.getByTestId('article-text').evaluate((root, index) => {
    const paragraph = root.querySelectorAll('p')[index]!;
    const node = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT).nextNode()!;
    const length = /^\S+/.exec(node.textContent!)![0].length;
    paragraph.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return range.toString();
  }, index);
}

describe('the reader without a mouse, on a phone, and for each role', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: HttpClient;
  let analyst: HttpClient;
  let viewer: HttpClient;
  let workspaceId: string;
  let article: Article;
  let context: BrowserContext | undefined;

  /** The article's annotations on the server, with the passage each quotes. */
  const annotations = async () =>
    ((await owner.get(`/api/articles/${article.id}/annotations`)).body as Annotation[]).map((a) => ({ exact: a.target.selector[0].exact, body: a.body, motivation: a.motivation }));

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    owner = await newUser(app, 'Priya');
    workspaceId = await newWorkspace(owner, 'Fact desk');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    article = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: ARTICLE.title, text: ARTICLE.text })).body;
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const openReader = async (as: HttpClient, options: Parameters<Browser['newContext']>[0] = { viewport: { width: 1280, height: 900 } }) => {
    context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, app.url, as.user!.email, `/articles/${article.id}`);
    await page.getByTestId('article-text').waitFor();
    return page;
  };

  it('selects a passage with the keyboard (by word and by sentence) and comments on it with the c key', async () => {
    const page = await openReader(analyst);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'reader');

    // The text is reached by Tab from the main heading, and describes its keys.
    await page.getByRole('heading', { level: 1 }).focus();
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await articleText(page).evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    expect(await articleText(page).getAttribute('aria-describedby')).toBe('reader-keys-hint');
    await page.getByText('hold Shift to select').waitFor();

    // Down: to the end of the first paragraph's sentence; Right: over the next word; Shift+Down: to that sentence's end.
    const text = article.revision.text;
    const second = article.revision.paragraphs[1]!.start;
    const wordEnd = second + /^[\p{L}\p{N}_'’-]+/u.exec(text.slice(second))![0].length;
    const stop = /[.!?…]["”’')\]»]*(?=\s|$)/.exec(text.slice(wordEnd))!;
    const expected = text.slice(wordEnd, wordEnd + stop.index + stop[0].length).trim();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await toolbar(page).waitFor();
    expect(await page.evaluate(() => getSelection()!.toString().trim())).toBe(expected);
    await page.getByText(`Selected “${expected.slice(0, 40)}`).waitFor({ state: 'attached' });

    // Shift+Left gives back the last word; Shift+Down takes the sentence again.
    await page.keyboard.press('Shift+ArrowLeft');
    const shorter = await page.evaluate(() => getSelection()!.toString().trim());
    expect(expected.startsWith(shorter) && shorter.length < expected.length).toBe(true);
    await page.keyboard.press('Shift+ArrowDown');
    expect(await page.evaluate(() => getSelection()!.toString().trim())).toBe(expected);

    await page.keyboard.press('c');
    const field = composer(page).getByLabel('Comment');
    await field.waitFor();
    await field.fill('Which communications, and when?');
    await expectAccessible(page, 'reader with the composer');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('region', { name: 'Threads' }).getByText('Which communications, and when?').waitFor();
    // The thread shows at once; the server has it a moment later.
    const stored = await eventually(annotations, (list) => list.some((a) => a.body === 'Which communications, and when?'), 'the comment to be stored');
    expect(stored).toContainEqual({ exact: expected, body: 'Which communications, and when?', motivation: 'commenting' });

    // A caret alone (nothing selected) offers no toolbar; h on a one-word selection highlights it.
    await articleText(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowRight');
    await toolbar(page).waitFor();
    await page.keyboard.press('ArrowRight');
    await toolbar(page).waitFor({ state: 'detached' });
    await page.keyboard.press('Shift+ArrowLeft');
    const word = await page.evaluate(() => getSelection()!.toString().trim());
    expect(word).toMatch(/^\S+$/);
    // As a user would, press h once the toolbar for this selection shows.
    await toolbar(page).waitFor();
    await page.keyboard.press('h');
    await page.waitForFunction(() => getSelection()!.isCollapsed);
    const highlights = await eventually(annotations, (list) => list.some((a) => a.motivation === 'highlighting'), 'the highlight to be stored');
    expect(highlights.find((a) => a.motivation === 'highlighting')?.exact).toBe(word);
  });

  it.each([390, 375])('annotates on a %i px phone: toolbar and composer inside the screen, threads in a drawer with a count', async (width) => {
    const page = await openReader(analyst, { viewport: { width, height: 740 }, isMobile: true, hasTouch: true });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, `reader at ${width} px`);
    const before = (await annotations()).length;
    const threadsButton = page.getByRole('button', { name: threadsCount(before) });
    await threadsButton.waitFor();

    const word = await selectFirstWord(page, 2);
    await toolbar(page).waitFor();
    await expectInsideWidth(page, await toolbar(page).boundingBox(), 'toolbar');
    await toolbar(page).getByRole('button', { name: 'Comment' }).tap();
    const field = composer(page).getByLabel('Comment');
    await field.waitFor();
    await expectInsideWidth(page, await composer(page).boundingBox(), 'composer');
    await field.fill(`Source for “${word}”? (${width})`);
    await composer(page).getByRole('button', { name: 'Save' }).tap();

    // The new thread opens in the drawer; closed, the button counts it.
    const drawer = page.getByRole('dialog', { name: 'Threads and suggestions' });
    await drawer.getByText(`Source for “${word}”? (${width})`).waitFor();
    await expectInsideWidth(page, await drawer.boundingBox(), 'threads drawer');
    // Colours are checked once the drawer has slid in: mid-transition, its text is still faded.
    await page.evaluate(() =>
      Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
    );
    await expectAccessible(page, `threads drawer at ${width} px`);
    await drawer.getByRole('button', { name: 'Close threads' }).tap();
    await drawer.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: threadsCount(before + 1) }).tap();
    await drawer.getByText(`Source for “${word}”? (${width})`).waitFor();
  });

  it('tells a viewer who selects text that the article is view-only for their role, and offers no annotation keys', async () => {
    const quote = ARTICLE.unique[3]!;
    const start = article.revision.text.indexOf(quote);
    const comment = await owner.post(`/api/articles/${article.id}/annotations`, {
      motivation: 'commenting',
      body: 'For the viewer to read',
      target: { selector: [{ type: 'TextQuoteSelector', exact: quote }, { type: 'TextPositionSelector', start, end: start + quote.length }] },
    });
    expect(comment.status).toBe(201);
    const page = await openReader(viewer);
    await page.getByRole('region', { name: 'Threads' }).getByText(/View-only for your role/).waitFor();
    // The highlights are drawn a moment after the text, replacing the text nodes a selection
    // made before then would sit in: select once they are there.
    await page.locator(`mark[data-annotation-ids~="${comment.body.id}"]`).first().waitFor();
    await select(page, ARTICLE.unique[4]);
    const note = page.getByTestId('view-only-note');
    await note.getByText(/view-only for you: as a Viewer/).waitFor();
    expect(await note.getAttribute('role')).toBe('status');
    expect(await toolbar(page).count()).toBe(0);
    await page.keyboard.press('c');
    expect(await composer(page).count()).toBe(0);
    await expectAccessible(page, 'reader for a viewer, text selected');
  });

  it('describes each role on the Members page and keeps the only owner from demoting or removing themselves, with the reason', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, owner.user!.email, `/w/${workspaceId}/members`);
    const guide = page.getByRole('region', { name: 'What each role can do' });
    await guide.waitFor();
    for (const [role, words] of [
      ['Owner', /manages members/],
      ['Editor', /assigns claims/],
      ['Analyst', /Cannot give verdicts/],
      ['Reviewer', /independent verdicts/],
      ['Viewer', /Cannot annotate/],
    ] as const) {
      await guide.getByText(role, { exact: true }).waitFor();
      await guide.getByText(words).waitFor();
    }
    await guide.getByText('Your role').waitFor();

    const roleSelect = page.getByRole('combobox', { name: 'Role for Priya' });
    const remove = page.getByRole('button', { name: 'Remove Priya' });
    await page.getByText('You are the only owner. Make another member an owner first').waitFor();
    expect(await roleSelect.isDisabled()).toBe(true);
    expect(await remove.isDisabled()).toBe(true);
    // Both controls are described by the reason.
    for (const control of [roleSelect, remove]) {
      const id = await control.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${id}"]`).innerText()).toContain('You are the only owner');
    }
    await expectAccessible(page, 'members, sole owner');

    // With a second owner the controls work; if that owner is demoted meanwhile, the refusal is in plain words.
    const second = await newMember(app, owner, workspaceId, 'owner');
    await page.reload();
    await roleSelect.waitFor();
    expect(await roleSelect.isDisabled()).toBe(false);
    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${second.user!.id}`, { role: 'editor' })).status).toBe(200);
    await roleSelect.click();
    await page.getByRole('option', { name: 'Editor' }).click();
    const toast = page.getByRole('alert').filter({ hasText: 'A workspace needs at least one owner' });
    await toast.waitFor();
    await toast.getByText('That could not be done').waitFor();
    expect(await page.getByText(/Conflict|CONFLICT/).count()).toBe(0);
  });
});
