import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchChromium, select, signIn, startBrowserApp } from '../support/browser';
import { ARTICLE } from '../support/fixture-article';
import { newMember, newUser, newWorkspace, type HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

// Passages found once in the article, one per annotation the tests make.
const [FIRST, SECOND, THIRD, FOURTH, FIFTH] = ARTICLE.unique;

async function comment(page: Page, quote: string, text: string): Promise<void> {
  await select(page, quote);
  await page.getByRole('toolbar', { name: 'Annotate selection' }).getByRole('button', { name: 'Comment' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(text);
  await composer.getByRole('button', { name: 'Save' }).click();
}

const threads = (page: Page) => page.getByRole('region', { name: 'Threads' });

describe('two analysts annotating live in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let alice: HttpClient;
  let bob: HttpClient;
  let articleId: string;
  const contexts: BrowserContext[] = [];

  const open = async (user: HttpClient) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, app.url, user.user!.email, `/articles/${articleId}`);
    await page.getByTestId('article-text').waitFor();
    return { context, page };
  };

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    alice = await newUser(app, 'Alice');
    const workspaceId = await newWorkspace(alice);
    bob = await newMember(app, alice, workspaceId, 'analyst');
    articleId = (await alice.post(`/api/workspaces/${workspaceId}/articles`, { title: ARTICLE.title, text: ARTICLE.text })).body.id;
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows A’s comment to B without a reload, and B catches up after being offline', async () => {
    const a = await open(alice);
    const b = await open(bob);

    await comment(a.page, FIRST, 'Is this claim sourced anywhere?');
    const bThreads = threads(b.page);
    await bThreads.getByText('Is this claim sourced anywhere?').waitFor();
    const [stored] = (await alice.get(`/api/articles/${articleId}/annotations`)).body;
    await b.page.locator(`mark[data-annotation-ids~="${stored.id}"]`).waitFor();
    expect(await b.page.locator(`mark[data-annotation-ids~="${stored.id}"]`).innerText()).toBe(FIRST);
    expect(await bThreads.locator('article[data-annotation-id]').count()).toBe(1);

    await b.context.setOffline(true);
    await b.page.getByTestId('connection-banner').waitFor();
    await comment(a.page, SECOND, 'Which terminals, and who confirmed it?');
    await comment(a.page, THIRD, 'Musk’s words or the Journal’s paraphrase?');
    await threads(a.page).getByText('Musk’s words or the Journal’s paraphrase?').waitFor();
    expect(await bThreads.getByText('Which terminals, and who confirmed it?').count()).toBe(0);

    await b.context.setOffline(false);
    await bThreads.getByText('Which terminals, and who confirmed it?').waitFor();
    await bThreads.getByText('Musk’s words or the Journal’s paraphrase?').waitFor();
    await b.page.getByTestId('connection-banner').waitFor({ state: 'detached' });
    expect(await bThreads.locator('article[data-annotation-id]').count()).toBe(3);
    // Reading order: the threads follow the article.
    const order = await bThreads.locator('article[data-annotation-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')));
    const byStart = (await alice.get(`/api/articles/${articleId}/annotations`)).body
      .sort((x: { target: { selector: [unknown, { start: number }] } }, y: { target: { selector: [unknown, { start: number }] } }) => x.target.selector[1].start - y.target.selector[1].start)
      .map((x: { id: string }) => x.id);
    expect(order).toEqual(byStart);
  });

  it('shows who is reading and what they select, and annotates from the keyboard', async () => {
    const a = await open(alice);
    const b = await open(bob);
    const presence = a.page.getByRole('group', { name: /^Reading now:/ });
    const bobName = bob.user!.displayName;
    await presence.getByRole('img', { name: bobName }).waitFor();

    // B's selection shows in A's text, in B's colour, named.
    await select(b.page, FOURTH);
    const theirs = a.page.locator(`.reader-selection[title="Selected by ${bobName}"]`);
    await theirs.first().waitFor();
    expect(await theirs.evaluateAll((els) => els.map((e) => e.textContent).join(''))).toBe(FOURTH);

    // Keys: q opens a question on the selection, Enter in the composer is text, the button saves.
    await select(a.page, FOURTH);
    await a.page.getByRole('toolbar', { name: 'Annotate selection' }).waitFor();
    await a.page.keyboard.press('q');
    const composer = a.page.getByRole('dialog', { name: 'New annotation' });
    await composer.getByLabel('Question').fill('Occupied since 2014, or annexed?');
    await composer.getByRole('button', { name: 'Save' }).click();
    const thread = threads(a.page).locator('article[data-annotation-id]', { hasText: 'Occupied since 2014, or annexed?' });
    await thread.waitFor();
    // The focused thread takes you back to its passage.
    const id = await thread.getAttribute('data-annotation-id');
    await thread.getByRole('button', { name: /Show in article/ }).click();
    await a.page.locator(`mark.is-flash[data-annotation-ids~="${id}"]`).waitFor();

    // A reader whose browser knows it went offline leaves at once, well before the 8 s a
    // silent connection takes to time out (pingInterval + pingTimeout), and comes back online.
    await b.context.setOffline(true);
    await presence.getByRole('img', { name: bobName }).waitFor({ state: 'detached', timeout: 3_000 });
    await b.context.setOffline(false);
    await presence.getByRole('img', { name: bobName }).waitFor();

    await b.page.close();
    await presence.getByRole('img', { name: bobName }).waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('keeps a comment written offline and sends it on reconnect, even after leaving the article', async () => {
    const b = await open(bob);
    await b.page.getByTestId('article-text').waitFor();
    await b.context.setOffline(true);
    await b.page.getByTestId('connection-banner').waitFor();
    await comment(b.page, FIFTH, 'Written on the train, no signal.');
    await threads(b.page).getByText('Written on the train, no signal.').waitFor();
    const onServer = async () =>
      ((await alice.get(`/api/articles/${articleId}/annotations`)).body as { body: string | null }[]).filter((x) => x.body === 'Written on the train, no signal.');
    expect(await onServer()).toEqual([]);

    await b.page.getByRole('link', { name: 'All articles' }).click();
    await b.page.waitForURL(/\/w\/[^/]+$/);
    await b.context.setOffline(false);
    const until = Date.now() + 10_000;
    while ((await onServer()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await onServer()).toEqual([expect.objectContaining({ author: expect.objectContaining({ id: bob.user!.id }) })]);
  });
});

describe('threads in the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A new owner's article with one comment, open in a page of its own. */
  const openComment = async (body: string) => {
    const owner = await newUser(app, 'Owner');
    const workspaceId = await newWorkspace(owner);
    const article = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Bodies', text: ARTICLE.text })).body;
    const start = article.revision.text.indexOf(ARTICLE.frequent);
    const created = await owner.post(`/api/articles/${article.id}/annotations`, {
      motivation: 'commenting',
      body,
      target: { selector: [{ type: 'TextPositionSelector', start, end: start + ARTICLE.frequent.length }] },
    });
    expect(created.status).toBe(201);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, owner.user!.email, `/articles/${article.id}`);
    const thread = page.locator(`article[data-annotation-id="${created.body.id}"]`);
    return { owner, articleId: article.id as string, id: created.body.id as string, context, page, thread };
  };

  it('renders Markdown without raw HTML, and links open safely', async () => {
    const { context, page, thread } = await openComment(
      'See **the report** at [the source](https://example.org/report) <img src=x onerror="window.__owned=1"> <script>window.__owned=2</script>' +
        ' and [the trap](javascript:window.__owned=3) or [another](data:text/html,x).',
    );
    await thread.getByRole('link', { name: 'the source' }).waitFor();
    expect(await thread.locator('strong').innerText()).toBe('the report');
    expect(await thread.getByRole('link', { name: 'the source' }).getAttribute('rel')).toBe('noopener noreferrer');
    expect(await thread.locator('img, script').count()).toBe(0);
    // Unsafe-scheme links are plain text: no link at all, not an empty one that opens the app.
    expect(await thread.locator('a').count()).toBe(1);
    expect(await thread.getByText('the trap').evaluate((el) => el.closest('a'))).toBeNull();
    await thread.getByText('another').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    await context.close();
  });
  it('asks before deleting a thread, and gives focus back to the thread when cancelled', async () => {
    const { owner, articleId, id, context, page, thread } = await openComment('Delete me');
    const deleteButton = thread.getByRole('button', { name: /^Delete/ });
    // The dialog mounts on the first click (see useDialogMount) and must still note the focus.
    await deleteButton.click();
    const dialog = page.getByRole('dialog', { name: 'Delete comment' });
    await dialog.getByRole('button', { name: 'Delete' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(
      () => page.evaluate(() => document.activeElement?.closest('article')?.getAttribute('data-annotation-id') ?? null),
      (focused) => focused === id,
      'focus back on the thread the dialog was opened from',
    );
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Delete/);

    // Asked again, it deletes.
    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await thread.waitFor({ state: 'detached' });
    // Gone from the page at once; on the server once the delete has gone through.
    await eventually(async () => (await owner.get(`/api/articles/${articleId}/annotations`)).body as unknown[], (rows) => rows.length === 0, 'the thread deleted on the server');
    await context.close();
  });
  it('opens a reply box when asked, keeps what is written in it, and sends it', async () => {
    const { owner, articleId, id, context, page, thread } = await openComment('Who said this first?');
    // No text field per thread until one is asked for.
    await thread.getByRole('button', { name: 'Reply' }).waitFor();
    expect(await thread.getByRole('textbox', { name: 'Reply' }).count()).toBe(0);
    await thread.getByRole('button', { name: 'Reply' }).click();
    const box = thread.getByRole('textbox', { name: 'Reply' });
    await eventually(() => box.evaluate((el) => el === document.activeElement), Boolean, 'focus in the reply box');
    // Escape on an empty box puts the button back, with focus on it.
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    const focused = () => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.tagName));
    await eventually(focused, (name) => name === 'Reply', 'focus back on Reply');

    // Text being written survives Escape and focus moving away.
    await thread.getByRole('button', { name: 'Reply' }).click();
    await box.fill('The agency, a day earlier.');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1 }).click();
    expect(await box.inputValue()).toBe('The agency, a day earlier.');
    await thread.getByRole('button', { name: 'Save' }).click();
    await thread.getByText('The agency, a day earlier.').waitFor();
    await box.waitFor({ state: 'detached' });
    await eventually(
      async () => (await owner.get(`/api/articles/${articleId}/annotations`)).body as { replyTo?: string | null; body?: string }[],
      (rows) => rows.some((r) => r.replyTo === id && r.body === 'The agency, a day earlier.'),
      'the reply saved on the server',
    );
    await context.close();
  });
  it('filters threads by status and kind, and a clicked highlight brings back a hidden thread', async () => {
    const owner = await newUser(app, 'Owner');
    const workspaceId = await newWorkspace(owner);
    const article = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Filters', text: ARTICLE.text })).body;
    const text: string = article.revision.text;
    const annotate = async (motivation: string, quote: string, body: string) => {
      const start = text.indexOf(quote);
      const res = await owner.post(`/api/articles/${article.id}/annotations`, {
        motivation,
        body,
        target: { selector: [{ type: 'TextPositionSelector', start, end: start + quote.length }] },
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number };
    };
    const openComment = await annotate('commenting', ARTICLE.unique[0], 'Open comment');
    const openQuestion = await annotate('questioning', ARTICLE.unique[1], 'Open question');
    const settled = await annotate('commenting', ARTICLE.unique[2], 'Settled comment');
    expect((await owner.patch(`/api/annotations/${settled.id}`, { version: settled.version, resolved: true })).status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, owner.user!.email, `/articles/${article.id}`);
    const cards = threads(page).locator('article[data-annotation-id]');
    const listed = async () => (await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')))).sort();
    await cards.first().waitFor();
    expect(await listed()).toEqual([openComment.id, openQuestion.id, settled.id].sort());

    await threads(page).getByText('Open 2').click();
    await cards.nth(1).waitFor();
    expect(await listed()).toEqual([openComment.id, openQuestion.id].sort());
    await threads(page).getByText('Resolved 1').click();
    expect(await listed()).toEqual([settled.id]);

    await threads(page).getByText('Open 2').click();
    await threads(page).getByRole('group', { name: 'Thread kinds' }).getByText('Questions').click();
    await page.waitForFunction((id) => document.querySelectorAll('article[data-annotation-id]').length === 1 && !!document.querySelector(`article[data-annotation-id="${id}"]`), openQuestion.id);
    expect(await threads(page).getByText('Open 1').count()).toBe(1);

    // The hidden comment's highlight is still in the text; clicking it lists and focuses its thread.
    await page.locator(`mark[data-annotation-ids~="${openComment.id}"]`).first().click();
    const card = threads(page).locator(`article[data-annotation-id="${openComment.id}"]`);
    await card.waitFor();
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-annotation-id') === id, openComment.id);
    expect(await listed()).toEqual([openComment.id, openQuestion.id, settled.id].sort());
    await context.close();
  });
});
