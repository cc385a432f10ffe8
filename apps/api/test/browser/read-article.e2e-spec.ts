import type { IncomingMessage } from 'node:http';
import type { Browser } from 'playwright-core';
import { launchChromium, signIn, startBrowserApp } from '../support/browser';
import { ARTICLE } from '../support/fixture-article';
import { HttpClient, newUser } from '../support/http-client';
import type { TestApp } from '../support/test-app';

describe('reading an article in the browser', () => {
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

  it('signs in, imports the article and reads it', async () => {
    const reporter = await newUser(app, 'Reporter');
    await reporter.post('/api/workspaces', { name: 'Fact desk' });

    const page = await browser.newPage();
    // The live connection opens straight on a WebSocket, with no long-polling handshake first.
    const polls: string[] = [];
    page.on('request', (req) => req.url().includes('transport=polling') && polls.push(req.url()));
    const live = page.waitForEvent('websocket', (ws) => ws.url().includes('/socket.io/'));
    await signIn(page, app.url, reporter.user!.email);

    await page.getByRole('button', { name: 'Import article' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import article' });
    await dialog.getByLabel('Title').fill(ARTICLE.title);
    await dialog.getByLabel('Text', { exact: true }).fill(ARTICLE.text);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await page.waitForURL(/\/articles\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: ARTICLE.title }).waitFor();
    const text = page.getByTestId('article-text');
    await text.getByText(ARTICLE.unique[0], { exact: false }).first().waitFor();

    const articleId = page.url().split('/').pop()!;
    const stored = await new HttpClient(app.url).withToken((await reporter.post('/api/tokens', { name: 'check' })).body.token).get(`/api/articles/${articleId}`);
    const expectedParagraphs = stored.body.revision.paragraphs.length;
    expect(await text.locator('p').count()).toBe(expectedParagraphs);
    const firstParagraph = stored.body.revision.paragraphs[0];
    expect(await text.locator('p').first().innerText()).toBe(stored.body.revision.text.slice(firstParagraph.start, firstParagraph.end));
    expect(stored.body.revision.text).toBe(ARTICLE.text.replace(/\r\n?/g, '\n'));
    expect(new URL((await live).url()).searchParams.get('transport')).toBe('websocket');
    expect(polls).toEqual([]);
    await page.close();
  });

  it('lists every thread of a heavily annotated article, and a highlight far down opens its own', async () => {
    const reader = await newUser(app, 'Reader');
    const workspace = (await reader.post('/api/workspaces', { name: 'Busy desk' })).body;
    const article = (await reader.post(`/api/workspaces/${workspace.id}/articles`, { title: 'Annotated throughout', text: ARTICLE.text })).body;
    const words = [...(article.revision.text as string).matchAll(/\p{L}{4,}/gu)];
    const COUNT = 150;
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const m = words[Math.floor((i * words.length) / COUNT)]!;
      const res = await reader.post(`/api/articles/${article.id}/annotations`, {
        motivation: 'commenting',
        body: `Note ${i}`,
        target: { selector: { type: 'TextPositionSelector', start: m.index, end: m.index! + m[0].length } },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }

    const page = await browser.newPage();
    await signIn(page, app.url, reader.user!.email, `/articles/${article.id}`);
    const threads = page.getByRole('region', { name: 'Threads' });
    // The list fills in after the first threads show; none is left out.
    await threads.locator(`article[data-annotation-id="${ids[COUNT - 1]}"]`).waitFor({ state: 'attached' });
    expect(await threads.locator('article[data-annotation-id]').count()).toBe(COUNT);

    // Open afresh and go straight to the last highlight: its thread is there and active.
    await page.reload();
    const last = page.locator(`mark[data-annotation-ids~="${ids[COUNT - 1]}"]`);
    await last.scrollIntoViewIfNeeded();
    await last.click();
    const card = threads.locator(`article[data-annotation-id="${ids[COUNT - 1]}"]`);
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('is-active');
    expect(await card.innerText()).toContain(`Note ${COUNT - 1}`);
    await page.close();
  });

  it('opens the reader with what the page preloaded: the client takes every preloaded answer and asks for nothing else', async () => {
    const reader = await newUser(app, 'Preloaded');
    const workspace = (await reader.post('/api/workspaces', { name: 'Quick desk' })).body;
    const article = (await reader.post(`/api/workspaces/${workspace.id}/articles`, { title: 'Opened at once', text: ARTICLE.text })).body;
    // A notification for the bell to show: someone tried to sign up with the reader's address.
    await new HttpClient(app.url).post('/api/auth/register', { email: reader.user!.email, password: 'some long password', displayName: 'Impostor' });
    const context = await browser.newContext();
    const signingIn = await context.newPage();
    await signIn(signingIn, app.url, reader.user!.email);
    await signingIn.waitForURL((url) => !url.pathname.startsWith('/login'));
    // The reader opens in a page of its own (same session), and the page signed into is closed
    // first: on a busy machine it was still asking for its workspace and notifications, which
    // were counted as the reader's. What it had sent is given a moment to reach the server.
    const page = await context.newPage();
    await signingIn.close();
    await new Promise((resolve) => setTimeout(resolve, 250));

    // Counted by the server: a preload the client did not take would be asked for twice.
    const asked: string[] = [];
    const count = (req: IncomingMessage) => void asked.push(req.url!);
    app.app.getHttpServer().on('request', count);
    const navigation = await page.goto(`${app.url}/articles/${article.id}`);
    const preloaded = navigation!.headers().link!.split(', ').map((link) => link.slice(1, link.indexOf('>')));
    expect(preloaded).toEqual(['/api/me', `/api/articles/${article.id}/reader`]);
    // The client is one classic deferred script: Chromium keeps the compiled code of those
    // between visits, not of module scripts (apps/web/vite.config.ts).
    const scripts = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => ({ type: s.type, defer: s.defer })));
    expect(scripts).toEqual([{ type: '', defer: true }]);
    // A file the build does not have (asked for by a page from before a deploy) is not found,
    // rather than answered with the page or as an error of the server's.
    const missing = await page.request.get(`${app.url}/assets/index-gone.js`);
    expect([missing.status(), await missing.text()]).toEqual([404, 'Not found']);
    await page.getByTestId('article-text').getByText(ARTICLE.unique[0], { exact: false }).first().waitFor();
    // The suggested claims are shown from the view, not asked for.
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.locator('article[data-suggestion-hash]').first().waitFor();
    // The notifications are read over the live connection as it comes up, not by a request.
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await page.waitForLoadState('networkidle');
    app.app.getHttpServer().off('request', count);
    // The preloads and nothing else: the panels found their members, rating scale and
    // suggestions in the reader view. (The socket's own handshake is not an /api/ request.)
    expect(asked.filter((u) => u.startsWith('/api/')).sort()).toEqual([...preloaded].sort());
    await context.close();
  });
});
