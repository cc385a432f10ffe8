import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchChromium, openSignedIn, select, startBrowserApp } from '../support/browser';
import { newMember, newUser, newWorkspace, type HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

/** A short article of our own with checkable sentences. */
const ARTICLE = [
  'The harbour bridge carried 61,000 vehicles a day last year, the transport office said on Tuesday.',
  '',
  'Officials said repairs would cost $48 million and finish by 2027, two years earlier than first planned.',
  '',
  'A council member claimed the bridge is the busiest crossing in the region.',
].join('\n');

const CLAIMED = 'repairs would cost $48 million and finish by 2027';

const claimPanel = (page: Page) => page.getByRole('complementary', { name: 'Claim' });
const boardCard = (page: Page, status: string, claimId: string) => page.locator(`.board-column[data-status="${status}"] [data-claim-id="${claimId}"]`);

describe('claims in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: HttpClient;
  let editor: HttpClient;
  let analyst: HttpClient;
  let workspaceId: string;
  let articleId: string;
  const contexts: BrowserContext[] = [];

  const open = (user: HttpClient, path: string) => openSignedIn(contexts, browser, app.url, user.user!.email, path);

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    owner = await newUser(app, 'Olu Owner');
    workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    articleId = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Harbour bridge', text: ARTICLE })).body.id;
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('A makes a claim and assigns B; B sees it live, starts work and adds evidence; A watches it on the board', async () => {
    const a = await open(editor, `/articles/${articleId}`);
    const b = await open(analyst, `/w/${workspaceId}/queue`);
    await b.getByText('Nothing assigned to you').waitFor();
    await a.getByTestId('article-text').waitFor();

    // A: a selection becomes a claim, its statement prefilled with the passage.
    await select(a, CLAIMED);
    await a.getByRole('toolbar', { name: 'Annotate selection' }).getByRole('button', { name: 'Make claim' }).click();
    const composer = a.getByRole('dialog', { name: 'New claim' });
    expect(await composer.getByLabel('Claim', { exact: true }).inputValue()).toBe(CLAIMED);
    await composer.getByLabel('Claimant').fill('the transport office');
    await composer.getByRole('button', { name: 'Make claim' }).click();

    await a.waitForURL(/\/claims\/[0-9a-f-]{36}$/);
    const claimId = a.url().split('/claims/')[1]!;
    const panel = claimPanel(a);
    expect(await panel.getByTestId('claim-statement').innerText()).toBe(CLAIMED);
    // Its passage is underlined in the text, unlike an annotation's fill.
    const mark = a.locator(`mark.claim-hl[data-claim-ids~="${claimId}"]`);
    expect(await mark.innerText()).toBe(CLAIMED);
    expect(await mark.evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe('dashed');
    await eventually(() => owner.get(`/api/claims/${claimId}`), (r) => r.status === 200, 'the claim to be stored');

    // A assigns B.
    await panel.getByLabel('Assignees').click();
    await a.getByRole('option', { name: analyst.user!.displayName }).click();
    await a.keyboard.press('Escape');
    await eventually(() => owner.get(`/api/claims/${claimId}`), (r) => r.body.status === 'assigned', 'the assignment');

    // B: the notification and the queue update without a reload.
    await b.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await b.getByTestId('queue').locator(`[data-claim-id="${claimId}"]`).waitFor();

    // A watches the board.
    await panel.getByRole('link', { name: 'Board' }).click();
    await boardCard(a, 'assigned', claimId).waitFor();

    // B opens the claim from the notification, which marks it read.
    await b.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    await b.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: /assigned you/ }).click();
    await b.waitForURL(new RegExp(`/claims/${claimId}$`));
    await b.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

    // B moves it to In progress: only the moves the workflow allows B are offered.
    const bPanel = claimPanel(b);
    const moves = bPanel.getByRole('group', { name: 'Move this claim' });
    await moves.getByRole('button', { name: 'Start work' }).waitFor();
    expect(await moves.getByRole('button').allInnerTexts()).toEqual(['Start work']);
    await moves.getByRole('button', { name: 'Start work' }).click();
    await boardCard(a, 'in_progress', claimId).waitFor();
    expect(await boardCard(a, 'assigned', claimId).count()).toBe(0);

    // B adds two pieces of evidence; A's card counts each one as it arrives.
    const evidence = bPanel.getByTestId('claim-evidence');
    await evidence.getByRole('button', { name: 'Add evidence' }).click();
    let form = evidence.getByRole('form', { name: 'Add evidence' });
    await form.getByLabel('Address (URL)').fill('https://transport.example.org/bridge-repairs-2025');
    await form.getByLabel('Title').fill('Bridge repair plan');
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await a.locator(`[data-claim-id="${claimId}"] [data-testid="evidence-count"]`).filter({ hasText: '1' }).waitFor();

    await evidence.getByRole('button', { name: 'Add evidence' }).click();
    form = evidence.getByRole('form', { name: 'Add evidence' });
    await form.locator('label', { hasText: /^Quote$/ }).click();
    await form.getByLabel('Excerpt').fill('The repairs are now expected to run into 2029.');
    await form.getByLabel('Publisher').fill('Harbour Gazette');
    await form.getByLabel('Stance').click();
    await b.getByRole('option', { name: 'Refutes' }).click();
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await a.locator(`[data-claim-id="${claimId}"] [data-testid="evidence-count"]`).filter({ hasText: '2' }).waitFor();

    // A drags the card on: the columns the workflow allows A take the drop.
    await boardCard(a, 'in_progress', claimId).dragTo(a.locator('.board-column[data-status="in_review"]'));
    await boardCard(a, 'in_review', claimId).waitFor();
    await eventually(() => owner.get(`/api/claims/${claimId}`), (r) => r.body.status === 'in_review', 'the move to review');

    const stored = await eventually(() => analyst.get(`/api/claims/${claimId}/evidence`), (r) => r.body.length === 2, 'two evidence items');
    expect(stored.body.map((e: { stance: string }) => e.stance)).toEqual(['supports', 'refutes']);
    // B's list shows each stance, and the link is inert text with a safe link beside it.
    await evidence.locator('[data-stance="refutes"]').waitFor();
    const link = evidence.getByRole('link', { name: /Open/ });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('href')).toBe('https://transport.example.org/bridge-repairs-2025');

    // The workspace's claims table filters on the server; the Sources page groups by outlet.
    await b.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Claims' }).click();
    const table = b.getByTestId('claims-table');
    await table.locator(`[data-claim-id="${claimId}"]`).waitFor();
    await b.getByRole('search', { name: 'Filter claims' }).getByLabel('Search statements').fill('no such words');
    await b.getByText('No claims match these filters.').waitFor();
    expect(new URL(b.url()).searchParams.get('q')).toBe('no such words');
    await b.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Sources' }).click();
    const outlet = b.getByRole('region', { name: 'transport.example.org' });
    await outlet.getByText('Supports 1').first().waitFor();
    await b.getByRole('region', { name: 'Harbour Gazette' }).getByText('Refutes 1').first().waitFor();
  }, 60_000);

  it('works from the keyboard: m makes a claim, a card moves from its menu, a mention notifies; a claim without a passage', async () => {
    const a = await open(editor, `/articles/${articleId}`);
    await a.getByTestId('article-text').waitFor();
    const quote = 'the busiest crossing in the region';
    await select(a, quote);
    await a.getByRole('toolbar', { name: 'Annotate selection' }).waitFor();
    await a.keyboard.press('m');
    const composer = a.getByRole('dialog', { name: 'New claim' });
    const statement = composer.getByLabel('Claim', { exact: true });
    expect(await statement.inputValue()).toBe(quote);
    await statement.fill('The bridge is the busiest crossing in the region');
    await a.keyboard.press('Control+Enter');
    await a.waitForURL(/\/claims\/[0-9a-f-]{36}$/);
    const claimId = a.url().split('/claims/')[1]!;
    await eventually(() => owner.get(`/api/claims/${claimId}`), (r) => r.status === 200, 'the claim to be stored');

    // A comment mentioning the analyst, picked from the suggestions with the keyboard.
    const comments = claimPanel(a).getByTestId('claim-comments');
    const box = comments.getByLabel('New comment');
    await box.click();
    await box.pressSequentially('Worth a look @' + analyst.user!.displayName.slice(0, 3));
    await a.getByRole('option', { name: `@${analyst.user!.displayName}` }).waitFor();
    await a.keyboard.press('Enter');
    expect(await box.inputValue()).toBe(`Worth a look @${analyst.user!.displayName} `);
    await comments.getByRole('button', { name: 'Comment' }).click();
    await comments.locator('[data-comment-id]').getByText(`Worth a look @${analyst.user!.displayName}`).waitFor();
    const mentions = await eventually(
      () => analyst.get('/api/notifications'),
      (r) => r.body.items.some((n: { kind: string }) => n.kind === 'mention'),
      'the mention notification',
    );
    expect(mentions.body.items.find((n: { kind: string }) => n.kind === 'mention').claimId).toBe(claimId);

    // On the board, the card's menu offers only A's allowed moves; dismissing asks why.
    await a.goto(`${app.url}/articles/${articleId}/board`);
    const card = boardCard(a, 'open', claimId);
    await card.waitFor();
    await card.getByRole('button', { name: /^Move/ }).focus();
    await a.keyboard.press('Enter');
    const items = await a.getByRole('menuitem').allInnerTexts();
    expect(items).toEqual(['Dismiss → Dismissed']);
    await a.keyboard.press('ArrowDown');
    await a.keyboard.press('Enter');
    const prompt = a.getByRole('dialog', { name: 'Dismiss: why?' });
    await prompt.getByLabel('Reason').fill('An opinion, not a checkable claim');
    await prompt.getByRole('button', { name: 'Dismiss' }).click();
    await boardCard(a, 'dismissed', claimId).waitFor();
    const stored = await eventually(() => owner.get(`/api/claims/${claimId}`), (r) => r.body.status === 'dismissed', 'the dismissal');
    expect(stored.body.statusReason).toBe('An opinion, not a checkable claim');

    // A claim tied to no passage, made on the board.
    await a.getByRole('button', { name: 'New claim' }).click();
    const modal = a.getByRole('dialog', { name: 'New claim' });
    await modal.getByLabel('Claim', { exact: true }).fill('The bridge has never closed for a full day');
    await modal.getByRole('button', { name: 'Make claim' }).click();
    await a.locator('.board-column[data-status="open"] .board-card', { hasText: 'The bridge has never closed for a full day' }).waitFor();
    const spanless = await eventually(
      () => owner.get(`/api/articles/${articleId}/claims`),
      (r) => r.body.some((c: { statement: string }) => c.statement === 'The bridge has never closed for a full day'),
      'the claim without a passage',
    );
    expect(spanless.body.find((c: { statement: string }) => c.statement === 'The bridge has never closed for a full day').spans).toEqual([]);
  }, 60_000);

  it('lists a claim and a thread a revision orphaned, and re-attaches each to newly selected text', async () => {
    // An article of its own, so the orphans listed are this test's.
    const article = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Bridge traffic', text: ARTICLE })).body;
    const text: string = article.revision.text;
    const exact = '61,000 vehicles a day';
    const start = text.indexOf(exact);
    const created = await owner.post(`/api/articles/${article.id}/claims`, {
      statement: 'The bridge carried 61,000 vehicles a day',
      target: { selector: [{ type: 'TextPositionSelector', start, end: start + exact.length }] },
    });
    expect(created.status).toBe(201);
    const quoted = 'carried 61,000 vehicles';
    const thread = await owner.post(`/api/articles/${article.id}/annotations`, {
      motivation: 'questioning',
      body: 'Which counter?',
      target: { selector: [{ type: 'TextPositionSelector', start: text.indexOf(quoted), end: text.indexOf(quoted) + quoted.length }] },
    });
    expect(thread.status).toBe(201);
    const revised = text.replace('The harbour bridge carried 61,000 vehicles a day last year', 'Traffic over the harbour bridge averaged fifty-nine thousand cars daily in 2024');
    expect((await owner.post(`/api/articles/${article.id}/revisions`, { text: revised })).status).toBe(201);
    expect((await owner.get(`/api/claims/${created.body.id}`)).body.spans[0].orphaned).toBe(true);

    const a = await open(editor, `/articles/${article.id}`);
    await a.getByRole('link', { name: /Orphans \(2\)/ }).click();
    const orphans = a.getByTestId('orphans-panel');
    await orphans.getByRole('button', { name: /Re-attach “The bridge carried/ }).click();
    await a.getByText('Select the new passage').waitFor();
    await select(a, 'fifty-nine thousand cars daily');
    await a.getByRole('toolbar', { name: 'Annotate selection' }).getByRole('button', { name: 'Re-attach here' }).click();
    await a.locator(`mark.claim-hl[data-claim-ids~="${created.body.id}"]`).waitFor();
    const moved = await eventually(() => owner.get(`/api/claims/${created.body.id}`), (r) => !r.body.spans[0].orphaned, 'the re-attachment');
    expect(moved.body.spans[0].target.selector[0].exact).toBe('fifty-nine thousand cars daily');
    await orphans.getByText('Every claim is anchored.').waitFor();

    // The question's thread, moved by an editor who did not write it.
    await orphans.getByRole('button', { name: /Re-attach the question on “carried 61,000 vehicles”/ }).click();
    await a.getByText('Select the new passage').waitFor();
    await select(a, 'Traffic over the harbour bridge');
    await a.getByRole('toolbar', { name: 'Annotate selection' }).getByRole('button', { name: 'Re-attach here' }).click();
    await orphans.getByText('Every annotation is anchored.').waitFor();
    const threads = await eventually(
      () => owner.get(`/api/articles/${article.id}/annotations`),
      (r) => r.body.some((t: { id: string; target: { selector: { exact: string }[] } }) => t.id === thread.body.id && t.target.selector[0]?.exact === 'Traffic over the harbour bridge'),
      'the thread re-attached',
    );
    expect(threads.status).toBe(200);
  });
});
