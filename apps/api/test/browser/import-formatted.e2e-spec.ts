import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from '../support/accessibility';
import { launchChromium, signIn, startBrowserApp } from '../support/browser';
import { HttpClient, newUser } from '../support/http-client';
import type { TestApp } from '../support/test-app';

/*
 * Formatted text pasted into the import dialog keeps its structure and links in the reader,
 * and a highlight across a heading and a link anchors to the same text offsets.
 */

const PASTED =
  '<meta charset="utf-8"><h1>Harbour dredging resumes</h1>' +
  '<p>Work restarts on Monday, the <a href="https://port.example/notice">port authority said</a> in a notice.</p>' +
  '<h2>What the notice says</h2><ul><li>Two dredgers on site</li><li>Night work <em>banned</em></li></ul>' +
  '<blockquote><p>We expect to finish by June.</p></blockquote>' +
  '<p>An <a href="javascript:alert(document.cookie)">unsafe link</a> stays plain text.</p>';

async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

/** Selects from `from` (inside one text node) to the end of `to` (inside another), as a drag across blocks would. */
async function selectAcross(page: Page, from: string, to: string) {
  await page.getByTestId('article-text').evaluate(
    (root, [from, to]: [string, string]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let start: [Node, number] | null = null;
      let end: [Node, number] | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent!;
        if (!start && text.includes(from)) start = [node, text.indexOf(from)];
        else if (start && text.includes(to)) end = [node, text.indexOf(to) + to.length];
        if (end) break;
      }
      if (!start || !end) throw new Error('passage not found');
      const range = document.createRange();
      range.setStart(...start);
      range.setEnd(...end);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    },
    [from, to] as [string, string],
  );
}

describe('pasting formatted text into the import dialog', () => {
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

  it('keeps headings, lists, quotes and links, draws them in the reader and anchors a highlight across them', async () => {
    const editor = await newUser(app, 'Harbour editor');
    await editor.post('/api/workspaces', { name: 'Harbour desk' });
    const api = new HttpClient(app.url).withToken((await editor.post('/api/tokens', { name: 'check' })).body.token);

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, editor.user!.email);
    await page.getByRole('button', { name: 'Import article' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import article' });
    await dialog.getByRole('tab', { name: 'Paste formatted text' }).click();
    const box = dialog.getByLabel('Formatted text');
    await box.focus();
    // What a browser hands over when formatted text is pasted: the HTML beside its plain text.
    await box.evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Harbour dredging resumes');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PASTED);
    expect(await box.inputValue()).toBe(PASTED);
    await expect(dialog.getByTestId('html-summary').innerText()).resolves.toMatch(/2 headings, 3 paragraphs, 1 list, 1 quote, 2 links/);
    await expectAccessible(page);

    // No title typed: the document's first heading names it.
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/articles\/[0-9a-f-]{36}$/);
    const articleId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Harbour dredging resumes' }).waitFor();

    const text = page.getByTestId('article-text');
    await text.getByRole('heading', { level: 3, name: 'What the notice says' }).waitFor();
    expect(await text.locator('ul > li').allInnerTexts()).toEqual(['Two dredgers on site', 'Night work banned']);
    expect(await text.locator('blockquote').innerText()).toBe('We expect to finish by June.');
    expect(await text.locator('em').innerText()).toBe('banned');
    const link = text.getByRole('link', { name: 'port authority said' });
    expect(await link.getAttribute('href')).toBe('https://port.example/notice');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    // The unsafe link is text only.
    expect(await text.getByRole('link').count()).toBe(1);
    await text.getByText('unsafe link').waitFor();
    const sources = page.getByRole('region', { name: 'Sources cited in the article' });
    expect(await sources.getByRole('link').allInnerTexts()).toEqual(['port authority said']);
    // The scan is of the reader: the "Article imported" notice (the app's, not this view's) is dismissed first, by its named button.
    const notice = page.getByRole('alert').filter({ hasText: 'Article imported' });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await expectAccessible(page);

    // Highlight from inside the heading, across the link, by keyboard shortcut.
    const { body: article } = await api.get(`/api/articles/${articleId}`);
    const exact = 'resumes\n\nWork restarts on Monday, the port authority said';
    await selectAcross(page, 'resumes', 'port authority said');
    await page.getByRole('toolbar', { name: 'Annotate selection' }).waitFor();
    await page.keyboard.press('h');
    await text.locator('mark.hl').first().waitFor();
    let annotations: { target: { selector: { type: string; exact?: string; start?: number; end?: number }[] } }[] = [];
    for (let i = 0; i < 50 && annotations.length === 0; i++) {
      annotations = (await api.get(`/api/articles/${articleId}/annotations`)).body;
      if (!annotations.length) await page.waitForTimeout(100);
    }
    expect(annotations).toHaveLength(1);
    const selectors = annotations[0]!.target.selector;
    const position = selectors.find((s) => s.type === 'TextPositionSelector')!;
    expect(selectors.find((s) => s.type === 'TextQuoteSelector')?.exact).toBe(exact);
    expect(article.revision.text.slice(position.start, position.end)).toBe(exact);
    // The highlight is drawn in the heading and inside the link: same offsets, structure kept around them.
    expect(await text.locator('h2 mark.hl').innerText()).toBe('resumes');
    expect(await text.locator('a mark.hl').innerText()).toBe('port authority said');
    await expectAccessible(page);
    await context.close();
  }, 120_000);
});
