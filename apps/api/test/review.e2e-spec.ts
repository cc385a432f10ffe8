import { randomUUID } from 'node:crypto';
import { ClaimDetail, DEFAULT_RATING_SCALE, Verdict, type Claim, type ClaimHistoryEntry } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { connect, connected, join, type LiveSocket, recordEvents, waitFor } from './support/live-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';
import { workspaceScale } from '../src/review/scale.service';

describe('review and verdicts', () => {
  let app: TestApp;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient, reviewerA: HttpClient, reviewerB: HttpClient, reviewerC: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;
  const sockets: LiveSocket[] = [];

  const claimPath = (id: string) => `/api/claims/${id}`;
  const verdict = (as: HttpClient, claimId: string, rating: string, extra: Record<string, unknown> = {}) =>
    as.post(`${claimPath(claimId)}/verdicts`, { rating, rationale: `Because of the evidence (${rating}).`, ...extra });
  const detail = async (as: HttpClient, id: string) => ClaimDetail.parse((await as.get(claimPath(id))).body);

  /** A claim assigned to the analyst and sent to review, as the workflow does it. */
  async function inReview(): Promise<Claim> {
    const claim = await newClaim(editor, articleId, { statement: `Claim ${randomUUID()}`, assigneeIds: [analyst.user!.id] });
    await analyst.patch(claimPath(claim.id), { version: claim.version, status: 'in_progress' });
    const res = await analyst.patch(claimPath(claim.id), { version: claim.version + 1, status: 'in_review' });
    if (res.status !== 200) throw new Error(`to review failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    reviewerA = await newMember(app, owner, workspaceId, 'reviewer');
    reviewerB = await newMember(app, owner, workspaceId, 'reviewer');
    reviewerC = await newMember(app, owner, workspaceId, 'reviewer');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report'));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  describe('the rating scale and settings', () => {
    it('starts with the default scale and the default of two verdicts', async () => {
      const scale = (await viewer.get(`/api/workspaces/${workspaceId}/rating-scale`)).body;
      expect(scale.map((r: { key: string }) => r.key)).toEqual(['true', 'mostly-true', 'mixed', 'mostly-false', 'false', 'misleading', 'unverifiable']);
      expect(scale[0]).toEqual(DEFAULT_RATING_SCALE[0]);
      expect((await viewer.get(`/api/workspaces/${workspaceId}/review-settings`)).body).toMatchObject({ requiredVerdicts: 2, requireConfirmation: false });
    });

    it('answers scales asked for at once each with its workspace\'s own', async () => {
      const [one, two] = [await newWorkspace(owner, 'Short scale desk'), await newWorkspace(owner, 'Other scale desk')];
      const scale = (await owner.get(`/api/workspaces/${one}/rating-scale`)).body;
      expect((await owner.request('PUT', `/api/workspaces/${one}/rating-scale`, { ratings: [scale[4], scale[0]] })).status).toBe(200);
      expect((await owner.request('PUT', `/api/workspaces/${two}/rating-scale`, { ratings: [scale[2], scale[6], scale[1]] })).status).toBe(200);
      const keys = (ratings: { key: string }[]) => ratings.map((r) => r.key);
      const expected = [['false', 'true'], ['mixed', 'unverifiable', 'mostly-true'], DEFAULT_RATING_SCALE.map((r) => r.key), ['false', 'true']];
      const ids = [one, two, workspaceId, one.toUpperCase()];
      const answers = await Promise.all(ids.map((id) => owner.get(`/api/workspaces/${id}/rating-scale`)));
      expect(answers.map((res) => keys(res.body))).toEqual(expected);
      // Asked for in one turn, as requests arriving together are: one statement for all four.
      expect((await Promise.all(ids.map((id) => workspaceScale(app.prisma, id)))).map(keys)).toEqual(expected);
      expectError(await stranger.get(`/api/workspaces/${one}/rating-scale`), 404);
    });

    it('lets owners edit the scale, but not delete a rating in use', async () => {
      const ws = await newWorkspace(owner, 'Scale desk');
      const rev = await newMember(app, owner, ws, 'reviewer');
      const { id: article } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'River');
      const scale = (await owner.get(`/api/workspaces/${ws}/rating-scale`)).body;
      const edited = [{ ...scale[1], label: 'Largely true', colour: '#37b24d' }, scale[0], ...scale.slice(2), { ...scale[2], key: 'satire', label: 'Satire', alternateName: 'Satire' }];
      const res = await owner.request('PUT', `/api/workspaces/${ws}/rating-scale`, { ratings: edited });
      expect(res.status).toBe(200);
      expect(res.body.map((r: { key: string }) => r.key).slice(0, 2)).toEqual(['mostly-true', 'true']);
      expectError(await rev.request('PUT', `/api/workspaces/${ws}/rating-scale`, { ratings: edited }), 403);
      expectError(await owner.request('PUT', `/api/workspaces/${ws}/rating-scale`, { ratings: [...edited, edited[0]] }), 400, 'ratings');
      expectError(await owner.request('PUT', `/api/workspaces/${ws}/rating-scale`, { ratings: [{ ...edited[0], colour: 'green' }, edited[1]] }), 400, 'ratings.0.colour');

      await owner.patch(`/api/workspaces/${ws}/review-settings`, { requiredVerdicts: 1 });
      const claim = await newClaim(owner, article, { statement: 'Satirical', assigneeIds: [owner.user!.id] });
      await owner.patch(claimPath(claim.id), { version: 1, status: 'in_progress' });
      await owner.patch(claimPath(claim.id), { version: 2, status: 'in_review' });
      expect((await verdict(rev, claim.id, 'satire')).status).toBe(201);
      const without = edited.filter((r: { key: string }) => r.key !== 'satire');
      const refused = await owner.request('PUT', `/api/workspaces/${ws}/rating-scale`, { ratings: without });
      expectError(refused, 409);
      expect(refused.body.error.message).toMatch(/satire is in use by 1 verdict/);
    });

    it('lets owners set how many verdicts a claim needs, from 1 to 5', async () => {
      const ws = await newWorkspace(owner, 'Settings desk');
      expectError(await owner.patch(`/api/workspaces/${ws}/review-settings`, { requiredVerdicts: 6 }), 400, 'requiredVerdicts');
      expectError(await owner.patch(`/api/workspaces/${ws}/review-settings`, { organisationUrl: 'javascript:alert(1)' }), 400, 'organisationUrl');
      const res = await owner.patch(`/api/workspaces/${ws}/review-settings`, { requiredVerdicts: 3, organisationName: 'River Desk', organisationUrl: 'https://river.example.org' });
      expect(res.body).toEqual({ requiredVerdicts: 3, requireConfirmation: false, organisationName: 'River Desk', organisationUrl: 'https://river.example.org' });
      expectError(await editor.patch(`/api/workspaces/${workspaceId}/review-settings`, { requiredVerdicts: 1 }), 403);
    });
  });

  describe('who may give a verdict', () => {
    it('refuses analysts, viewers, assignees and strangers, each with the reason', async () => {
      const claim = await inReview();
      const byAnalyst = await verdict(analyst, claim.id, 'true');
      expectError(byAnalyst, 403);
      expect(byAnalyst.body.error.message).toMatch(/assigned to this claim|cannot give verdicts/);
      expectError(await verdict(viewer, claim.id, 'true'), 403);
      expectError(await verdict(stranger, claim.id, 'true'), 404);
      // An editor who is an assignee is refused too.
      await editor.patch(claimPath(claim.id), { version: claim.version, assigneeIds: [analyst.user!.id, editor.user!.id] });
      const byAssignee = await verdict(editor, claim.id, 'true');
      expectError(byAssignee, 403);
      expect(byAssignee.body.error.message).toMatch(/assigned to this claim/);
    });

    it('takes verdicts only while a claim is in review, with a rating on the scale and evidence of that claim', async () => {
      const open = await newClaim(editor, articleId, { statement: 'Not yet in review' });
      expectError(await verdict(reviewerA, open.id, 'true'), 409);
      const claim = await inReview();
      const other = await inReview();
      const foreign = (await analyst.post(`${claimPath(other.id)}/evidence`, { kind: 'note', note: 'elsewhere', stance: 'unclear' })).body;
      const own = (await analyst.post(`${claimPath(claim.id)}/evidence`, { kind: 'note', note: 'here', stance: 'supports' })).body;
      expectError(await verdict(reviewerA, claim.id, 'sort-of'), 400, 'rating');
      expectError(await reviewerA.post(`${claimPath(claim.id)}/verdicts`, { rating: 'true', rationale: '  ' }), 400, 'rationale');
      // Zero-width spaces and joiners, a word joiner and a lone combining mark: nothing to read.
      const invisible = await reviewerA.post(`${claimPath(claim.id)}/verdicts`, { rating: 'true', rationale: '\u200b\u200d \u2060\u0301' });
      expectError(invisible, 400, 'rationale');
      expect(invisible.body.error.details).toContainEqual({ path: 'rationale', message: 'must contain visible characters' });
      expectError(await verdict(reviewerA, claim.id, 'true', { evidenceIds: [own.id, foreign.id] }), 400, 'evidenceIds.1');
      const ok = await verdict(reviewerA, claim.id, 'true', { evidenceIds: [own.id] });
      expect(ok.status).toBe(201);
      expect(Verdict.parse(ok.body)).toMatchObject({ rating: 'true', evidenceIds: [own.id], round: 1, reviewer: { id: reviewerA.user!.id }, superseded: false });
      expectError(await verdict(reviewerA, claim.id, 'false'), 409);
    });
  });

  describe('blind review', () => {
    it('shows a reviewer only how many verdicts are in until they give theirs, over REST', async () => {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'misleading', { rationale: 'SECRET-RATIONALE-A' });
      const blind = await detail(reviewerB, claim.id);
      expect(blind).toMatchObject({ verdicts: [], verdictsHidden: true, review: { submitted: 1, required: 2, reviewerIds: [reviewerA.user!.id] } });
      expect((await reviewerB.get(`${claimPath(claim.id)}/verdicts`)).body).toEqual([]);
      const history = JSON.stringify((await reviewerB.get(`${claimPath(claim.id)}/history`)).body);
      expect(history).toContain('gave a verdict');
      expect(history).not.toMatch(/Misleading|misleading|SECRET/);
      for (const as of [analyst, viewer]) expect(JSON.stringify((await as.get(claimPath(claim.id))).body)).not.toMatch(/misleading|SECRET/);
      // Editors see everything.
      expect((await detail(editor, claim.id)).verdicts.map((v) => v.rating)).toEqual(['misleading']);
      // Once B has given theirs, B sees both.
      await verdict(reviewerB, claim.id, 'false');
      const seen = await detail(reviewerB, claim.id);
      expect(seen.verdictsHidden).toBe(false);
      expect(seen.verdicts.map((v) => v.rating)).toEqual(['misleading', 'false']);
      // The history now names each rating by the scale's label.
      const told = JSON.stringify((await reviewerB.get(`${claimPath(claim.id)}/history`)).body);
      expect(told).toContain('Misleading');
      expect(told).toContain('False');
    });

    it('never tells a reviewer’s socket another’s rating or rationale before they give theirs', async () => {
      const claim = await inReview();
      const socket = connect(app.url, reviewerB, { origin: TEST_ORIGIN });
      sockets.push(socket);
      await connected(socket);
      const received = recordEvents(socket);
      expect((await join(socket, articleId)).ok).toBe(true);
      await verdict(reviewerA, claim.id, 'mostly-false', { rationale: 'SECRET-RATIONALE-SOCKET' });
      await waitFor(() => received.some((e) => e.type === 'verdict.created'), 5_000, 'the verdict notice');
      await waitFor(() => received.some((e) => e.type === 'claim.updated' && (e.data as Claim).review.submitted === 1), 5_000, 'the claim update');
      const before = received.length;
      expect(before).toBeGreaterThan(0);
      for (const event of received) {
        const text = JSON.stringify(event);
        expect(text).not.toContain('mostly-false');
        expect(text).not.toContain('SECRET-RATIONALE-SOCKET');
      }
      expect(received.find((e) => e.type === 'verdict.created')!.data).toEqual({
        id: expect.any(String),
        claimId: claim.id,
        round: 1,
        reviewerId: reviewerA.user!.id,
        submitted: 1,
      });
    });
  });

  describe('deciding', () => {
    it('resolves a claim at once when the verdicts agree, and tells its assignee', async () => {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'false');
      const res = await verdict(reviewerB, claim.id, 'false');
      expect(res.status).toBe(201);
      const decided = await detail(owner, claim.id);
      expect(decided).toMatchObject({ status: 'resolved', rating: 'false', review: { submitted: 2 } });
      expect(decided.resolvedAt).not.toBeNull();
      expect(decided.decisions).toMatchObject([{ kind: 'consensus', rating: 'false', actor: null, round: 1 }]);
      const notes = (await analyst.get('/api/notifications')).body.items;
      expect(notes.some((n: { claimId: string; text: string }) => n.claimId === claim.id && n.text.includes('was resolved'))).toBe(true);
      // A decided claim is no longer blind.
      expect((await detail(reviewerC, claim.id)).verdicts).toHaveLength(2);
    });

    it('disputes differing verdicts; an editor adjudicates', async () => {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'mixed');
      const disputed = await detail(editor, claim.id);
      expect(disputed.status).toBe('disputed');
      expect((await editor.get('/api/notifications')).body.items.some((n: { claimId: string }) => n.claimId === claim.id)).toBe(true);
      expectError(await reviewerA.post(`${claimPath(claim.id)}/adjudication`, { version: disputed.version, rating: 'true', rationale: 'Mine' }), 403);
      expectError(await editor.post(`${claimPath(claim.id)}/adjudication`, { version: disputed.version, rating: 'nope', rationale: 'x' }), 400, 'rating');
      const res = await editor.post(`${claimPath(claim.id)}/adjudication`, { version: disputed.version, rating: 'mostly-true', rationale: 'The figure is right; the framing overstates it.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'resolved', rating: 'mostly-true' });
      const after = await detail(viewer, claim.id);
      expect(after.decisions).toMatchObject([{ kind: 'adjudication', rating: 'mostly-true', actor: { id: editor.user!.id }, rationale: 'The figure is right; the framing overstates it.' }]);
      expectError(await editor.post(`${claimPath(claim.id)}/adjudication`, { version: after.version, rating: 'true', rationale: 'again' }), 409);
    });

    it('of ten decisions at once with the same version, exactly one wins', async () => {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'false');
      const { version } = await detail(editor, claim.id);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? owner : editor).post(`${claimPath(claim.id)}/adjudication`, { version, rating: i % 2 ? 'true' : 'false', rationale: `Decision ${i}` })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      for (const lost of answers.filter((a) => a.status === 409)) expect(lost.body.error.current).toMatchObject({ id: claim.id, status: 'resolved', version: version + 1 });
      expect(await app.prisma.claimDecision.count({ where: { claimId: claim.id, kind: 'adjudication' } })).toBe(1);
    });

    it('waits for an editor’s confirmation when the workspace asks for it', async () => {
      await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: true });
      try {
        const claim = await inReview();
        await verdict(reviewerA, claim.id, 'unverifiable');
        await verdict(reviewerB, claim.id, 'unverifiable');
        const waiting = await detail(editor, claim.id);
        expect(waiting).toMatchObject({ status: 'in_review', rating: null, review: { awaitingConfirmation: true } });
        expectError(await verdict(reviewerC, claim.id, 'true'), 409);
        const res = await editor.post(`${claimPath(claim.id)}/confirmation`, { version: waiting.version });
        expect(res.body).toMatchObject({ status: 'resolved', rating: 'unverifiable' });
      } finally {
        await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: false });
      }
    });

    it('lets a reviewer supersede their own verdict with a reason, which can settle a dispute', async () => {
      const claim = await inReview();
      const a = (await verdict(reviewerA, claim.id, 'true')).body;
      const b = (await verdict(reviewerB, claim.id, 'mostly-true')).body;
      expect((await detail(editor, claim.id)).status).toBe('disputed');
      expectError(await verdict(reviewerB, claim.id, 'true', { supersedes: b.id }), 400, 'reason');
      expectError(await verdict(reviewerB, claim.id, 'true', { supersedes: a.id, reason: 'not mine' }), 400, 'supersedes');
      const replaced = await verdict(reviewerB, claim.id, 'true', { supersedes: b.id, reason: 'The 2019 baseline settles it' });
      expect(replaced.status).toBe(201);
      const after = await detail(editor, claim.id);
      expect(after).toMatchObject({ status: 'resolved', rating: 'true' });
      expect(after.verdicts.map((v) => [v.rating, v.superseded, v.supersedeReason])).toEqual([
        ['true', false, null],
        ['mostly-true', true, null],
        ['true', false, 'The 2019 baseline settles it'],
      ]);
      await expect(app.prisma.verdict.update({ where: { id: a.id }, data: { rating: 'false' } })).rejects.toThrow(/never changed/);
    });

    it('reopens a resolved claim into a new, blind round, on the record', async () => {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'false');
      await verdict(reviewerB, claim.id, 'false');
      const resolved = await detail(editor, claim.id);
      expectError(await editor.patch(claimPath(claim.id), { version: resolved.version, status: 'in_review' }), 400, 'reason');
      const reopened = await editor.patch(claimPath(claim.id), { version: resolved.version, status: 'in_review', reason: 'New data from the authority' });
      expect(reopened.body).toMatchObject({ status: 'in_review', rating: null, review: { round: 2, submitted: 0 } });
      const blind = await detail(reviewerC, claim.id);
      expect(blind).toMatchObject({ verdictsHidden: true, verdicts: [] });
      expect(blind.decisions).toMatchObject([{ kind: 'reopen', rationale: 'New data from the authority', rating: null }]);
      // Round 1's reviewers may review again in round 2.
      expect((await verdict(reviewerA, claim.id, 'mostly-false')).status).toBe(201);
      expect((await detail(editor, claim.id)).verdicts.map((v) => v.round)).toEqual([1, 1, 2]);
    });
  });

  describe('reopening a dismissed claim', () => {
    /** Dismisses a claim, then reopens, assigns and sends it back to review, as the workflow does it. */
    async function dismissAndReturn(claimId: string): Promise<Claim> {
      const { version } = await detail(editor, claimId);
      const dismissed = await editor.patch(claimPath(claimId), { version, status: 'dismissed', reason: 'Out of scope' });
      expect(dismissed.status).toBe(200);
      const reopened = await editor.patch(claimPath(claimId), { version: dismissed.body.version, status: 'open', reason: 'Back in scope' });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'open', rating: null, resolvedAt: null, review: { round: 2, submitted: 0, reviewerIds: [], awaitingConfirmation: false } });
      const assigned = await editor.patch(claimPath(claimId), { version: reopened.body.version, assigneeIds: [analyst.user!.id] });
      await analyst.patch(claimPath(claimId), { version: assigned.body.version, status: 'in_progress' });
      const back = await analyst.patch(claimPath(claimId), { version: assigned.body.version + 1, status: 'in_review' });
      expect(back.status).toBe(200);
      return back.body;
    }

    it('starts a new, blind round: a verdict read while the claim was dismissed does not count in it', async () => {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'true', { rationale: 'SECRET-DISMISSED-A' });
      const { version } = await detail(editor, claim.id);
      const dismissed = await editor.patch(claimPath(claim.id), { version, status: 'dismissed', reason: 'Out of scope' });
      // A dismissed claim's record is open to every member: B reads A's verdict.
      expect(((await reviewerB.get(`${claimPath(claim.id)}/verdicts`)).body as Verdict[]).map((v) => v.rating)).toEqual(['true']);
      const reopened = await editor.patch(claimPath(claim.id), { version: dismissed.body.version, status: 'open', reason: 'Back in scope' });
      expect(reopened.body).toMatchObject({ status: 'open', review: { round: 2, submitted: 0 } });
      const assigned = await editor.patch(claimPath(claim.id), { version: reopened.body.version, assigneeIds: [analyst.user!.id] });
      await analyst.patch(claimPath(claim.id), { version: assigned.body.version, status: 'in_progress' });
      await analyst.patch(claimPath(claim.id), { version: assigned.body.version + 1, status: 'in_review' });
      expect((await verdict(reviewerB, claim.id, 'true')).status).toBe(201);
      // B's verdict is the first of round 2: A's, given in round 1, does not resolve the claim with it.
      const after = await detail(editor, claim.id);
      expect(after).toMatchObject({ status: 'in_review', rating: null, review: { round: 2, submitted: 1, reviewerIds: [reviewerB.user!.id] } });
      expect(after.decisions).toMatchObject([{ kind: 'reopen', round: 1, rating: null, rationale: 'Back in scope', actor: { id: editor.user!.id } }]);
      expect(await detail(reviewerC, claim.id)).toMatchObject({ verdictsHidden: true, verdicts: [] });
    });

    it('takes verdicts again after a claim dismissed while disputed is reopened', async () => {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'false');
      expect((await detail(editor, claim.id)).status).toBe('disputed');
      await dismissAndReturn(claim.id);
      expect((await verdict(reviewerC, claim.id, 'mixed')).status).toBe(201);
      expect((await verdict(reviewerA, claim.id, 'mixed')).status).toBe(201);
      expect(await detail(editor, claim.id)).toMatchObject({ status: 'resolved', rating: 'mixed', review: { round: 2, submitted: 2 } });
    });

    it('drops a confirmation that was pending when the claim was dismissed', async () => {
      await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: true });
      try {
        const claim = await inReview();
        await verdict(reviewerA, claim.id, 'unverifiable');
        await verdict(reviewerB, claim.id, 'unverifiable');
        expect((await detail(editor, claim.id)).review.awaitingConfirmation).toBe(true);
        const back = await dismissAndReturn(claim.id);
        expect(back.review).toMatchObject({ round: 2, submitted: 0, awaitingConfirmation: false });
        expectError(await editor.post(`${claimPath(claim.id)}/confirmation`, { version: back.version }), 409);
      } finally {
        await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: false });
      }
    });
  });

  describe('lowering the verdicts a claim needs', () => {
    it('decides the claims in review that now have enough verdicts, as a verdict would', async () => {
      const ws = await newWorkspace(owner, 'Lowering desk');
      const [r1, r2, r3] = [await newMember(app, owner, ws, 'reviewer'), await newMember(app, owner, ws, 'reviewer'), await newMember(app, owner, ws, 'reviewer')];
      const worker = await newMember(app, owner, ws, 'analyst');
      const { id: article } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'River');
      await owner.patch(`/api/workspaces/${ws}/review-settings`, { requiredVerdicts: 3 });
      const toReview = async (ratings: string[]) => {
        const claim = await newClaim(owner, article, { statement: `Lowering ${randomUUID()}`, assigneeIds: [worker.user!.id] });
        await worker.patch(claimPath(claim.id), { version: 1, status: 'in_progress' });
        await worker.patch(claimPath(claim.id), { version: 2, status: 'in_review' });
        for (const [i, rating] of ratings.entries()) expect((await verdict([r1, r2, r3][i]!, claim.id, rating)).status).toBe(201);
        return claim.id as string;
      };
      const agreeing = await toReview(['true', 'true']);
      const differing = await toReview(['true', 'false']);
      const single = await toReview(['mixed']);
      // Sent back to work with two verdicts in its round: it is decided when it comes back to review.
      const paused = await toReview(['false', 'false']);
      const pausedAt = await detail(owner, paused);
      expect((await worker.patch(claimPath(paused), { version: pausedAt.version, status: 'in_progress', reason: 'One more source' })).status).toBe(200);

      const lowered = await owner.patch(`/api/workspaces/${ws}/review-settings`, { requiredVerdicts: 2 });
      expect(lowered.status).toBe(200);
      const resolved = await detail(owner, agreeing);
      expect(resolved).toMatchObject({ status: 'resolved', rating: 'true', review: { required: 2, submitted: 2 } });
      expect(resolved.resolvedAt).not.toBeNull();
      expect(resolved.decisions).toMatchObject([{ kind: 'consensus', rating: 'true', actor: null, round: 1 }]);
      expect(await detail(owner, differing)).toMatchObject({ status: 'disputed', rating: null });
      expect(await detail(owner, single)).toMatchObject({ status: 'in_review', review: { submitted: 1 } });
      expect((await owner.get(`${claimPath(agreeing)}/history`)).body.map((h: ClaimHistoryEntry) => h.text)).toContain('The verdicts agreed: resolved as True');
      const eventsOf = async (id: string) =>
        ((await owner.get(`/api/articles/${article}/events?after=0`)).body as { type: string; data: Claim }[]).filter((e) => e.type === 'claim.updated' && e.data.id === id);
      expect((await eventsOf(agreeing)).at(-1)!.data).toMatchObject({ status: 'resolved', rating: 'true' });
      expect((await eventsOf(differing)).at(-1)!.data).toMatchObject({ status: 'disputed' });
      const notes = (await worker.get('/api/notifications')).body.items as { claimId: string; text: string }[];
      expect(notes.some((n) => n.claimId === agreeing && n.text.includes('was resolved'))).toBe(true);
      // The claim that still waits takes the verdict it now lacks.
      expect((await verdict(r2, single, 'mixed')).status).toBe(201);
      expect(await detail(owner, single)).toMatchObject({ status: 'resolved', rating: 'mixed' });
      // Back in review with enough verdicts, the paused one is decided at once.
      const returned = await worker.patch(claimPath(paused), { version: (await detail(owner, paused)).version, status: 'in_review' });
      expect(returned.status).toBe(200);
      expect(await detail(owner, paused)).toMatchObject({ status: 'resolved', rating: 'false' });

      // Lowered again, with confirmation asked for: agreeing verdicts wait for an editor.
      const waiting = await toReview(['mostly-true']);
      await owner.patch(`/api/workspaces/${ws}/review-settings`, { requiredVerdicts: 1, requireConfirmation: true });
      const pending = await detail(owner, waiting);
      expect(pending).toMatchObject({ status: 'in_review', rating: null, review: { awaitingConfirmation: true } });
      expect((await owner.post(`${claimPath(waiting)}/confirmation`, { version: pending.version })).body).toMatchObject({ status: 'resolved', rating: 'mostly-true' });
    });
  });

  describe('history in a new round', () => {
    it('leaves out the earlier rounds’ ratings for whoever may not see verdicts yet', async () => {
      const reopen = async (claimId: string) => {
        const { version } = await detail(editor, claimId);
        const res = await editor.patch(claimPath(claimId), { version, status: 'in_review', reason: 'New data' });
        expect(res.status).toBe(200);
      };
      const texts = async (as: HttpClient, claimId: string) => ((await as.get(`${claimPath(claimId)}/history`)).body as ClaimHistoryEntry[]).map((h) => h.text);

      const agreed = await inReview();
      await verdict(reviewerA, agreed.id, 'mostly-false');
      await verdict(reviewerB, agreed.id, 'mostly-false');
      expect(await texts(reviewerC, agreed.id)).toContain('The verdicts agreed: resolved as Mostly false');
      await reopen(agreed.id);

      const adjudicated = await inReview();
      await verdict(reviewerA, adjudicated.id, 'true');
      await verdict(reviewerB, adjudicated.id, 'false');
      const disputed = await detail(editor, adjudicated.id);
      await editor.post(`${claimPath(adjudicated.id)}/adjudication`, { version: disputed.version, rating: 'misleading', rationale: 'Framing' });
      await reopen(adjudicated.id);

      await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: true });
      let confirmed: Claim;
      try {
        confirmed = await inReview();
        await verdict(reviewerA, confirmed.id, 'unverifiable');
        await verdict(reviewerB, confirmed.id, 'unverifiable');
        await editor.post(`${claimPath(confirmed.id)}/confirmation`, { version: (await detail(editor, confirmed.id)).version });
      } finally {
        await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requireConfirmation: false });
      }
      await reopen(confirmed.id);

      for (const [claim, label] of [[agreed, 'Mostly false'], [adjudicated, 'Misleading'], [confirmed, 'Unverifiable']] as const) {
        // Neither a reviewer new to the claim nor one who reviewed it in round 1 has a verdict in round 2.
        for (const as of [reviewerC, reviewerA, viewer]) {
          expect((await detail(as, claim.id)).verdictsHidden).toBe(true);
          const told = await texts(as, claim.id);
          expect(told.join('\n')).not.toContain(label);
          expect(told.length).toBeGreaterThan(4);
        }
        expect((await texts(editor, claim.id)).join('\n')).toContain(label);
      }
      expect(await texts(reviewerC, agreed.id)).toContain('The verdicts agreed: resolved');
      expect(await texts(reviewerC, adjudicated.id)).toContain('editor adjudicated');
      expect(await texts(reviewerC, confirmed.id)).toContain('editor confirmed the verdicts');
    });
  });

  describe('queue and agreement', () => {
    it('lists claims awaiting my verdict, longest waiting first', async () => {
      const reviewer = await newMember(app, owner, workspaceId, 'reviewer');
      const first = await inReview();
      const second = await inReview();
      const done = await inReview();
      await verdict(reviewer, done.id, 'true');
      const queue = ((await reviewer.get(`/api/workspaces/${workspaceId}/review-queue`)).body as Claim[]).map((c) => c.id);
      expect(queue.indexOf(first.id)).toBeLessThan(queue.indexOf(second.id));
      expect(queue.indexOf(first.id)).toBeGreaterThanOrEqual(0);
      expect(queue).not.toContain(done.id);
      expect((await analyst.get(`/api/workspaces/${workspaceId}/review-queue`)).body).toEqual([]);
    });

    it('measures agreement from first verdicts', async () => {
      const ws = await newWorkspace(owner, 'Agreement desk');
      const [r1, r2] = [await newMember(app, owner, ws, 'reviewer'), await newMember(app, owner, ws, 'reviewer')];
      const worker = await newMember(app, owner, ws, 'analyst');
      const { id: article } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'River');
      // Four claims: the pair agrees on true, true and false, and differs on the last (true / false).
      const pairs: [string, string][] = [['true', 'true'], ['true', 'true'], ['false', 'false'], ['true', 'false']];
      for (const [a, b] of pairs) {
        const claim = await newClaim(owner, article, { statement: `Agreement ${randomUUID()}`, assigneeIds: [worker.user!.id] });
        await worker.patch(claimPath(claim.id), { version: 1, status: 'in_progress' });
        await worker.patch(claimPath(claim.id), { version: 2, status: 'in_review' });
        await verdict(r1, claim.id, a);
        await verdict(r2, claim.id, b);
      }
      const res = await owner.get(`/api/workspaces/${ws}/agreement`);
      // po = 3/4; r1 rates true 3/4, r2 true 2/4: pe = 3/4·2/4 + 1/4·2/4 = 1/2; κ = (0.75 − 0.5)/(1 − 0.5) = 0.5.
      expect(res.body).toMatchObject({ claims: 4, percentAgreement: 0.75, cohenKappa: 0.5, fleissRaters: 2 });
      expect(res.body.confusion).toEqual(
        expect.arrayContaining([
          { a: 'true', b: 'true', count: 2 },
          { a: 'false', b: 'false', count: 1 },
          { a: 'true', b: 'false', count: 1 },
        ]),
      );
      expect(res.body.pairs).toEqual([expect.objectContaining({ claims: 4, percentAgreement: 0.75, cohenKappa: 0.5 })]);
      expectError(await r1.get(`/api/workspaces/${ws}/agreement`), 403);
      expectError(await stranger.get(`/api/workspaces/${ws}/agreement`), 404);
    });
  });
});
