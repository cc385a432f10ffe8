import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { HttpClient, PASSWORD, newUser } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

const WEB_DIST = path.resolve(__dirname, '../../../web/dist');
const ARTICLE = fs.readFileSync(path.resolve(__dirname, '../../../../../shared/fixtures/article.txt'), 'utf8');

export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian’s chromium or set CHROMIUM_PATH');
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A free loopback port, so the app's public URL (and allowed origin) is the one the browser uses. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('reading an article in the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('Build the web client first (npm run build)');
    const port = await freePort();
    app = await startTestApp({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, WEB_DIST });
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
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(reporter.user!.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('button', { name: 'Import article' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import article' });
    await dialog.getByLabel('Title').fill('If Putin is running Musk');
    await dialog.getByLabel('Text', { exact: true }).fill(ARTICLE);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await page.waitForURL(/\/articles\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'If Putin is running Musk' }).waitFor();
    const text = page.getByTestId('article-text');
    await text.getByText('WSJ’s report', { exact: false }).or(text.getByText("WSJ's report", { exact: false })).first().waitFor();

    const articleId = page.url().split('/').pop()!;
    const stored = await new HttpClient(app.url).withToken((await reporter.post('/api/tokens', { name: 'check' })).body.token).get(`/api/articles/${articleId}`);
    const expectedParagraphs = stored.body.revision.paragraphs.length;
    expect(await text.locator('p').count()).toBe(expectedParagraphs);
    const firstParagraph = stored.body.revision.paragraphs[0];
    expect(await text.locator('p').first().innerText()).toBe(stored.body.revision.text.slice(firstParagraph.start, firstParagraph.end));
    expect(stored.body.revision.text).toBe(ARTICLE.replace(/\r\n?/g, '\n'));
    await page.close();
  });
});
