import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchChromium, signIn, startBrowserApp } from '../support/browser';
import { newMember, newUser, newWorkspace, type HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const TEXT = 'The river is cleaner than it was a century ago, officials say. Nobody measured it then.';
const QUESTION = 'What would a century-old measurement of the river look like?';

describe('activity in words', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: HttpClient;
  let ana: HttpClient;
  let editor: HttpClient;
  let workspaceId: string;
  let riverId: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    owner = await newUser(app, 'Priya');
    workspaceId = await newWorkspace(owner, 'Fact desk');
    ana = await newUser(app, 'Ana');
    expect((await owner.post(`/api/workspaces/${workspaceId}/members`, { email: ana.user!.email, role: 'analyst' })).status).toBe(201);
    editor = await newMember(app, owner, workspaceId, 'editor');
    riverId = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'The river is cleaner', text: TEXT })).body.id;
    await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'The stadium loan', text: 'The council lent the club money.' });
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (as: HttpClient, path: string) => {
    context ??= await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, as.user!.email, path);
    return page;
  };
  const lines = (page: Page) => page.getByRole('list', { name: 'Activity' }).getByTestId('activity-line');

  it('reads like a feed, marks what came since the last visit, narrows by person, kind and article, and keeps the raw record for owners', async () => {
    const page = await open(owner, `/w/${workspaceId}/activity`);
    await lines(page).first().waitFor();
    await page.getByText('Priya imported The river is cleaner').waitFor();
    // Nothing is new on a first visit.
    expect(await page.getByTestId('activity-since').count()).toBe(0);

    // Ana comments and then rewords it while Priya is away.
    const comment = await ana.post(`/api/articles/${riverId}/annotations`, {
      motivation: 'commenting',
      body: QUESTION,
      target: { selector: [{ type: 'TextPositionSelector', start: 13, end: 32 }] },
    });
    expect(comment.status).toBe(201);
    const edited = await ana.patch(`/api/annotations/${comment.body.id}`, { version: 1, body: 'Who measured the river a century ago?' });
    expect(edited.status).toBe(200);

    await page.reload();
    await page.getByTestId('activity-since').getByText('Since you were last here: 2 new').waitFor();
    const [latest, before] = [lines(page).nth(0), lines(page).nth(1)];
    expect(await latest.getAttribute('data-new')).toBe('true');
    await latest.getByText(/Ana edited a comment on/).waitFor();
    expect((await latest.locator('del').allInnerTexts()).join(' ')).toContain('What would');
    expect((await latest.locator('ins').allInnerTexts()).join(' ')).toContain('Who measured');
    await before.getByText(`Ana commented on`).waitFor();
    expect(await before.innerText()).toContain(`“${QUESTION}”`);
    expect(await before.getByRole('link', { name: 'The river is cleaner' }).getAttribute('href')).toBe(`/articles/${riverId}?at=13-32`);
    await page.getByText('Earlier', { exact: true }).waitFor();
    // No raw keys, ids or JSON in the feed.
    const feedText = await page.getByRole('list', { name: 'Activity' }).innerText();
    expect(feedText).not.toMatch(/annotation\.|article\.|\{"|[0-9a-f]{8}-[0-9a-f]{4}/);
    await expectAccessible(page, 'activity feed');

    // By person, by kind, by article.
    await page.getByRole('combobox', { name: 'Person' }).click();
    await page.getByRole('option', { name: 'Ana' }).click();
    await expectLinesAll(page, /^Ana /, 2);
    await page.getByRole('combobox', { name: 'Person' }).click();
    await page.getByRole('option', { name: 'Ana' }).click();
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Articles' }).click();
    await expectLinesAll(page, /^Priya imported /, 2);
    await page.getByRole('combobox', { name: 'Article' }).click();
    await page.getByRole('option', { name: 'The stadium loan' }).click();
    await expectLinesAll(page, /^Priya imported The stadium loan/, 1);
    await expectAccessible(page, 'activity feed, filtered');

    // The raw record, for an audit.
    await page.getByRole('switch', { name: 'Raw record' }).check();
    await page.getByTestId('audit-table').getByText('article.imported').waitFor();

    // Seen now: the next visit marks nothing.
    await page.reload();
    await lines(page).first().waitFor();
    expect(await page.getByTestId('activity-since').count()).toBe(0);
  });

  it('shows an article’s own activity in a tab of the reader, and no raw record to an editor', async () => {
    const page = await open(editor, `/articles/${riverId}`);
    await page.getByRole('tab', { name: 'Activity' }).click();
    await expectLinesAll(page, /^(Ana|Priya) .*The river is cleaner/, 3);
    expect(await page.getByRole('switch', { name: 'Raw record' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Article' }).count()).toBe(0);
    await expectAccessible(page, 'reader activity tab');

    const activityPage = await context!.newPage();
    await activityPage.goto(`${app.url}/w/${workspaceId}/activity`);
    await lines(activityPage).first().waitFor();
    expect(await activityPage.getByRole('switch', { name: 'Raw record' }).count()).toBe(0);
  });

  async function expectLinesAll(page: Page, pattern: RegExp, count: number) {
    await page.waitForFunction(
      ([count]) => document.querySelectorAll('[data-testid="activity-line"]').length === count,
      [count],
    );
    for (const text of await lines(page).locator('.activity-sentence').allInnerTexts()) expect(text).toMatch(pattern);
  }
});
