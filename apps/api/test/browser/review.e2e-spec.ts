import type { Browser, BrowserContext, Page } from 'playwright-core';
import { selectorsFor } from '../support/annotating';
import { expectAccessible } from '../support/accessibility';
import { eventually, launchChromium, openSignedIn, startBrowserApp } from '../support/browser';
import { newMember, newUser, newWorkspace, type HttpClient } from '../support/http-client';
import type { WorkspaceRole } from '@corroborate/contracts';
import type { TestApp } from '../support/test-app';

// Three browsers and an axe scan of each view they visit.
jest.setTimeout(300_000);

const ARTICLE = [
  'The harbour bridge carried 61,000 vehicles a day last year, the transport office said on Tuesday.',
  '',
  'Officials said repairs would cost $48 million and finish by 2027, two years earlier than first planned.',
].join('\n');
const CLAIMED = 'repairs would cost $48 million and finish by 2027';

const claimPanel = (page: Page) => page.getByRole('complementary', { name: 'Claim' });
const reviewOf = (page: Page) => claimPanel(page).getByTestId('claim-review');

describe('review in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient, reviewerA: HttpClient, reviewerB: HttpClient;
  let workspaceId: string;
  let articleId: string;
  const contexts: BrowserContext[] = [];

  const open = (user: HttpClient, path: string) => openSignedIn(contexts, browser, app.url, user.user!.email, path);

  /** A claim on the passage, worked on by the analyst with two pieces of evidence, then sent to review. */
  async function claimInReview(): Promise<{ id: string; evidence: { id: string; title: string }[] }> {
    const created = await editor.post(`/api/articles/${articleId}/claims`, {
      statement: CLAIMED,
      target: { selector: selectorsFor(ARTICLE, CLAIMED) },
      assigneeIds: [analyst.user!.id],
    });
    const id = created.body.id as string;
    const evidence: { id: string; title: string }[] = [];
    for (const title of ['Bridge repair plan', 'Council budget 2025']) {
      const res = await analyst.post(`/api/claims/${id}/evidence`, { kind: 'url', url: `https://example.org/${evidence.length}`, title, stance: 'supports' });
      if (res.status !== 201) throw new Error(`evidence failed: ${res.status} ${JSON.stringify(res.body)}`);
      evidence.push({ id: res.body.id as string, title });
    }
    const version = created.body.version as number;
    await analyst.patch(`/api/claims/${id}`, { version, status: 'in_progress' });
    const sent = await analyst.patch(`/api/claims/${id}`, { version: version + 1, status: 'in_review' });
    if (sent.status !== 200) throw new Error(`to review failed: ${sent.status} ${JSON.stringify(sent.body)}`);
    return { id, evidence };
  }

  /** A member with a name of their own, so their verdict cards can be told apart. */
  async function named(displayName: string, role: WorkspaceRole): Promise<HttpClient> {
    const member = await newUser(app, displayName);
    const res = await owner.post(`/api/workspaces/${workspaceId}/members`, { email: member.user!.email, role });
    if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`);
    return member;
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
    owner = await newUser(app, 'Oona Owner');
    workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    reviewerA = await named('Ada Reviewer', 'reviewer');
    reviewerB = await named('Bo Reviewer', 'reviewer');
    articleId = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Harbour bridge', text: ARTICLE })).body.id;
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('two reviewers disagree blind, an editor adjudicates, and the claim shows resolved live for all three', async () => {
    const { id: claimId, evidence } = await claimInReview();
    const claimUrl = `/articles/${articleId}/claims/${claimId}`;

    // Reviewer A finds the claim in the review queue.
    const a = await open(reviewerA, `/w/${workspaceId}`);
    await a.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Review queue' }).click();
    const queued = a.getByTestId('review-queue').locator(`[data-claim-id="${claimId}"]`);
    await queued.waitFor();
    expect(await queued.innerText()).toContain('0 of 2 verdicts in');
    await expectAccessible(a, 'review queue');
    await queued.getByRole('link', { name: CLAIMED }).click();
    await a.waitForURL(new RegExp(`/claims/${claimId}$`));

    const b = await open(reviewerB, claimUrl);
    const e = await open(editor, claimUrl);
    for (const page of [a, b, e]) await reviewOf(page).getByTestId('review-progress').filter({ hasText: '0 of 2 verdicts in' }).waitFor();
    // The editor waits: no verdicts yet, nothing to adjudicate.
    expect(await reviewOf(e).getByRole('form', { name: 'Adjudicate' }).count()).toBe(0);

    // A gives a verdict: False, citing the first piece of evidence.
    const formA = reviewOf(a).getByRole('form', { name: 'Your verdict' });
    await expectAccessible(a, 'blind review form');
    await formA.getByRole('radio', { name: 'False', exact: true }).check();
    await formA.getByLabel('Rationale').fill('The plan itself says **2029**, not 2027.');
    await formA.getByRole('checkbox', { name: evidence[0]!.title }).check();
    await formA.getByRole('button', { name: 'Submit verdict' }).click();
    await formA.waitFor({ state: 'detached' });
    await eventually(() => reviewerA.get(`/api/claims/${claimId}`), (r) => r.body.review.submitted === 1, 'the first verdict');

    // B learns only that one verdict is in: no rating, no rationale, no reviewer's card.
    const reviewB = reviewOf(b);
    await reviewB.getByTestId('review-progress').filter({ hasText: '1 of 2 verdicts in' }).waitFor();
    await reviewB.getByText('The other ratings stay hidden until you give yours.').waitFor();
    expect(await reviewB.locator('[data-verdict-id]').count()).toBe(0);
    expect(await claimPanel(b).innerText()).not.toContain('2029');
    expect(await reviewB.locator('[data-rating="false"]').count()).toBe(0);

    // B's first try never reaches the server: what B typed stays, and is sent again.
    const formB = reviewB.getByRole('form', { name: 'Your verdict' });
    await formB.getByRole('radio', { name: 'Mostly true', exact: true }).check();
    await formB.getByLabel('Rationale').fill('The office stands by 2027; the plan has a buffer.');
    await formB.getByRole('checkbox', { name: evidence[1]!.title }).check();
    await b.route('**/api/claims/*/verdicts', (route) => route.abort('connectionreset'));
    await formB.getByRole('button', { name: 'Submit verdict' }).click();
    await formB.getByRole('alert').filter({ hasText: 'Verdict not given' }).waitFor();
    expect(await formB.getByLabel('Rationale').inputValue()).toBe('The office stands by 2027; the plan has a buffer.');
    expect(await formB.getByRole('radio', { name: 'Mostly true', exact: true }).isChecked()).toBe(true);
    await b.unroute('**/api/claims/*/verdicts');
    // Kept across a reload too, as a draft.
    await b.reload();
    const formB2 = reviewOf(b).getByRole('form', { name: 'Your verdict' });
    await formB2.waitFor();
    expect(await formB2.getByLabel('Rationale').inputValue()).toBe('The office stands by 2027; the plan has a buffer.');
    expect(await formB2.getByRole('checkbox', { name: evidence[1]!.title }).isChecked()).toBe(true);
    await formB2.getByRole('button', { name: 'Submit verdict' }).click();
    await formB2.waitFor({ state: 'detached' });

    // The verdicts differ: disputed, and everyone sees them side by side, live.
    await eventually(() => editor.get(`/api/claims/${claimId}`), (r) => r.body.status === 'disputed', 'the dispute');
    for (const page of [a, b, e]) {
      await claimPanel(page).getByTestId('claim-status').filter({ hasText: 'Disputed' }).waitFor();
      const verdicts = reviewOf(page).getByTestId('verdicts');
      await verdicts.getByRole('heading', { name: 'The verdicts differ' }).waitFor();
      const cardA = verdicts.getByRole('article', { name: `Verdict of ${reviewerA.user!.displayName}` });
      const cardB = verdicts.getByRole('article', { name: `Verdict of ${reviewerB.user!.displayName}` });
      await cardA.getByText('2029').waitFor();
      expect(await cardA.locator('[data-rating="false"]').count()).toBe(1);
      expect(await cardA.innerText()).toContain(evidence[0]!.title);
      await cardB.getByText('The office stands by 2027; the plan has a buffer.').waitFor();
      expect(await cardB.locator('[data-rating="mostly-true"]').count()).toBe(1);
      expect(await cardB.innerText()).toContain(evidence[1]!.title);
    }
    await expectAccessible(b, 'disagreement view (reviewer)');
    // Only the editor adjudicates.
    expect(await reviewOf(a).getByRole('form', { name: 'Adjudicate' }).count()).toBe(0);
    expect(await reviewOf(b).getByRole('form', { name: 'Adjudicate' }).count()).toBe(0);
    const adjudicate = reviewOf(e).getByRole('form', { name: 'Adjudicate' });
    await adjudicate.waitFor();
    await expectAccessible(e, 'disagreement view with the adjudication form');

    // The editor settles it: Mixed.
    await adjudicate.getByRole('radio', { name: 'Mixed', exact: true }).check();
    await adjudicate.getByLabel('Adjudication rationale').fill('Both read the same plan differently; the date is contested.');
    await adjudicate.getByRole('button', { name: 'Adjudicate' }).click();

    // Resolved, with its final rating, for all three without a reload: panel head, review and highlight.
    for (const page of [a, b, e]) {
      const panel = claimPanel(page);
      await panel.getByTestId('claim-status').filter({ hasText: 'Resolved' }).waitFor();
      await panel.getByTestId('claim-rating').filter({ hasText: 'Mixed' }).waitFor();
      await reviewOf(page).getByTestId('final-rating').filter({ hasText: 'Mixed' }).waitFor();
      await reviewOf(page).getByText('Both read the same plan differently; the date is contested.').waitFor();
      const mark = page.locator(`mark.claim-hl[data-claim-ids~="${claimId}"]`);
      await page.waitForFunction((id) => document.querySelector(`mark.claim-hl[data-claim-ids~="${id}"]`)?.getAttribute('title')?.includes('Resolved: Mixed'), claimId);
      // Underlined in the rating's colour (#e67700), not the status colour.
      expect(await mark.first().evaluate((el) => getComputedStyle(el).borderBottomColor)).toBe('rgb(230, 119, 0)');
    }
    await expectAccessible(a, 'resolved claim');
    const stored = await editor.get(`/api/claims/${claimId}`);
    expect(stored.body).toMatchObject({ status: 'resolved', rating: 'mixed' });
    expect(stored.body.decisions.map((d: { kind: string; rating: string }) => [d.kind, d.rating])).toEqual([['adjudication', 'mixed']]);

    // The board card carries the final rating.
    await claimPanel(e).getByRole('link', { name: 'Board' }).click();
    const card = e.locator(`.board-column[data-status="resolved"] [data-claim-id="${claimId}"]`);
    await card.getByTestId('claim-rating').filter({ hasText: 'Mixed' }).waitFor();
    await expectAccessible(e, 'board with a rated claim');

    // The queue no longer lists it for A; the agreement page counts it for the editor.
    await a.goto(`${app.url}/w/${workspaceId}/review`);
    await a.getByText('Nothing awaits your verdict.').waitFor();
    await e.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Agreement' }).click();
    const figures = e.getByTestId('agreement-figures');
    await figures.getByRole('group', { name: 'Claims compared' }).getByText('1', { exact: true }).waitFor();
    expect(await figures.getByRole('group', { name: 'Percentage agreement' }).innerText()).toContain('0.0%');
    const confusion = e.getByTestId('confusion-table');
    expect(await confusion.getByRole('row', { name: /^Mostly true/ }).innerText()).toMatch(/1/);
    expect(await e.getByTestId('pairs-table').innerText()).toContain(`${reviewerA.user!.displayName}`);
    await expectAccessible(e, 'agreement page');
  });

  it('a reviewer replaces their verdict with a reason; agreeing verdicts wait for the editor, who confirms them', async () => {
    await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: true });
    try {
      const { id: claimId } = await claimInReview();
      const claimUrl = `/articles/${articleId}/claims/${claimId}`;
      expect((await reviewerA.post(`/api/claims/${claimId}/verdicts`, { rating: 'false', rationale: 'Wrong year.' })).status).toBe(201);

      const a = await open(reviewerA, claimUrl);
      const e = await open(editor, claimUrl);
      const reviewA = reviewOf(a);
      await reviewA.getByRole('article', { name: 'Verdict of Ada Reviewer' }).getByText('Wrong year.').waitFor();
      await reviewA.getByRole('button', { name: 'Change my verdict' }).click();
      const change = reviewA.getByRole('form', { name: 'Change my verdict' });
      await change.getByRole('radio', { name: 'Mostly false', exact: true }).check();
      await change.getByLabel('Rationale').fill('The year is wrong, the cost is right.');
      // A reason is required to replace a verdict: nothing is sent without one.
      await change.getByRole('button', { name: 'Replace my verdict' }).click();
      await change.getByText('is required to supersede a verdict').waitFor();
      await expectAccessible(a, 'replacing a verdict');
      await change.getByLabel('Reason for the change').fill('The cost figure checks out');
      await change.getByRole('button', { name: 'Replace my verdict' }).click();
      await change.waitFor({ state: 'detached' });
      const record = await eventually(() => editor.get(`/api/claims/${claimId}`), (r) => r.body.verdicts.length === 2, 'the replacement');
      expect(record.body.verdicts.map((v: { rating: string; superseded: boolean; supersedeReason: string | null }) => [v.rating, v.superseded, v.supersedeReason])).toEqual([
        ['false', true, null],
        ['mostly-false', false, 'The cost figure checks out'],
      ]);
      await reviewA.locator('details').filter({ hasText: 'Earlier verdicts (1)' }).waitFor();

      // B agrees: the claim waits in review for the editor's confirmation.
      expect((await reviewerB.post(`/api/claims/${claimId}/verdicts`, { rating: 'mostly-false', rationale: 'Cost right, date wrong.' })).status).toBe(201);
      const confirm = reviewOf(e).getByRole('form', { name: 'Confirm the agreed rating' });
      await confirm.locator('[data-rating="mostly-false"]').waitFor();
      expect(await claimPanel(e).getByTestId('claim-status').innerText()).toBe('In review');
      expect(await reviewOf(a).getByRole('form', { name: 'Confirm the agreed rating' }).count()).toBe(0);
      await expectAccessible(e, 'confirmation');
      await confirm.getByLabel('Note (optional)').fill('Agreed, rated on the date.');
      await confirm.getByRole('button', { name: 'Confirm rating' }).click();

      for (const page of [a, e]) {
        await claimPanel(page).getByTestId('claim-status').filter({ hasText: 'Resolved' }).waitFor();
        await claimPanel(page).getByTestId('claim-rating').filter({ hasText: 'Mostly false' }).waitFor();
        await reviewOf(page).getByText(`Confirmed by ${editor.user!.displayName}`).waitFor();
      }
      expect((await editor.get(`/api/claims/${claimId}`)).body.decisions.map((d: { kind: string }) => d.kind)).toEqual(['confirmation']);
    } finally {
      await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: false });
    }
  });

  it('lets the owner edit the scale and settings; a rating in use cannot be removed, and the edits stay', async () => {
    const page = await open(owner, `/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Review settings' }).click();
    const settings = page.getByRole('form', { name: 'Review settings' });
    await settings.waitFor();
    await expectAccessible(page, 'review settings');

    await settings.getByRole('switch', { name: 'An editor confirms agreeing verdicts' }).click({ force: true });
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => owner.get(`/api/workspaces/${workspaceId}/review-settings`), (r) => r.body.requireConfirmation === true, 'the setting');

    const scale = page.getByRole('form', { name: 'Rating scale' });
    await scale.getByLabel('New rating').fill('Satire');
    await scale.getByRole('button', { name: 'Add rating' }).click();
    await scale.locator('[data-rating="satire"]').waitFor();
    await scale.getByRole('button', { name: 'Move Satire up' }).click();
    await scale.getByRole('button', { name: 'Save scale' }).click();
    const saved = await eventually(
      () => owner.get(`/api/workspaces/${workspaceId}/rating-scale`),
      (r) => r.body.some((x: { key: string }) => x.key === 'satire'),
      'the new rating',
    );
    expect(saved.body.map((x: { key: string }) => x.key).slice(-2)).toEqual(['satire', 'unverifiable']);

    // A verdict rated False puts that rating in use.
    const { id: used } = await claimInReview();
    expect((await reviewerA.post(`/api/claims/${used}/verdicts`, { rating: 'false', rationale: 'Wrong year.' })).status).toBe(201);
    await scale.locator('[data-rating="satire"]').waitFor();
    await scale.getByRole('button', { name: 'Remove False' }).click();
    await scale.getByLabel('Label').first().fill('Accurate');
    await scale.getByRole('button', { name: 'Save scale' }).click();
    const refused = scale.getByRole('alert').filter({ hasText: 'Scale not saved' });
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/in use/);
    // The edits are still there to change.
    expect(await scale.getByLabel('Label').first().inputValue()).toBe('Accurate');
    expect(await scale.locator('[data-rating="false"]').count()).toBe(0);
    await expectAccessible(page, 'scale editor with a refusal');
  });
});
