import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { ClaimDetail, Verdict, type ArticleEvent, type Claim } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { type HttpClient, newMember, newUser, newWorkspace, type Reply } from './support/http-client';
import { join, openSocket, type LiveSocket } from './support/live-client';
import { whileLocked } from './support/lock-race';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

// Starting the app and writing the setup takes long on a busy machine.
jest.setTimeout(120_000);

/** Blind review as someone trying to get round it would: every read, the live channel, and the decisions' rules. */
describe('blind review under attack', () => {
  let app: TestApp;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient, reviewerA: HttpClient, reviewerB: HttpClient, reviewerC: HttpClient, viewer: HttpClient;
  let workspaceId: string;
  let articleId: string;
  const sockets: LiveSocket[] = [];

  const claimPath = (id: string) => `/api/claims/${id}`;
  const verdict = (as: HttpClient, claimId: string, rating: string, extra: Record<string, unknown> = {}) =>
    as.post(`${claimPath(claimId)}/verdicts`, { rating, rationale: `Because of the evidence (${rating}).`, ...extra });
  const detail = async (as: HttpClient, id: string) => ClaimDetail.parse((await as.get(claimPath(id))).body);
  const settings = (body: Record<string, unknown>) => owner.patch(`/api/workspaces/${workspaceId}/review-settings`, body);

  /** A claim assigned to the analyst and sent to review, as the workflow does it. */
  async function inReview(statement = `Claim ${randomUUID()}`): Promise<Claim> {
    const claim = await newClaim(editor, articleId, { statement, assigneeIds: [analyst.user!.id] });
    await analyst.patch(claimPath(claim.id), { version: claim.version, status: 'in_progress' });
    const res = await analyst.patch(claimPath(claim.id), { version: claim.version + 1, status: 'in_review' });
    if (res.status !== 200) throw new Error(`to review failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Resolves once some statement of the app waits on a lock. */
  /** The change lands after the request's access check and before its write, which waits for the article's row. */
  const whileArticleLocked = (request: () => Promise<Reply>, change: (db: Client) => Promise<unknown>) =>
    whileLocked(app, { sql: 'SELECT 1 FROM articles WHERE id = $1 FOR NO KEY UPDATE', params: [articleId] }, request, change);
  /** The change lands between the reads the request had made and the one of `table` it waits to make. */
  const whileTableLocked = (table: 'verdicts' | 'audit_entries', request: () => Promise<Reply>, change: (db: Client) => Promise<unknown>) =>
    whileLocked(app, { sql: `LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE` }, request, change);

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
    ({ id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report'));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  describe('what a member who has not given a verdict can read', () => {
    it('tells no rating or rationale of a pending, an agreeing or a disputed round, over any read or the live channel', async () => {
      // Ratings of our own, so that any trace of one is found (the scale itself is public and is left out of the search).
      const scale = (await owner.get(`/api/workspaces/${workspaceId}/rating-scale`)).body;
      const extra = (key: string, label: string) => ({ ...scale[2], key, label, alternateName: label });
      expect((await owner.request('PUT', `/api/workspaces/${workspaceId}/rating-scale`, { ratings: [...scale, extra('hidden-one', 'Hiddenone'), extra('hidden-two', 'Hiddentwo')] })).status).toBe(200);

      const pending = await inReview('Nitrate fell by 42 percent');
      const evidence = (await analyst.post(`${claimPath(pending.id)}/evidence`, { kind: 'note', note: 'The authority’s table', stance: 'supports' })).body;
      expect((await verdict(reviewerA, pending.id, 'hidden-one', { rationale: 'SECRETPENDING nitrate', evidenceIds: [evidence.id] })).status).toBe(201);
      await settings({ requireConfirmation: true });
      let agreeing: Claim;
      try {
        agreeing = await inReview('Fish species rose from 11 to 19');
        await verdict(reviewerA, agreeing.id, 'hidden-two', { rationale: 'SECRETAGREE one' });
        await verdict(reviewerB, agreeing.id, 'hidden-two', { rationale: 'SECRETAGREE two' });
      } finally {
        await settings({ requireConfirmation: false });
      }
      const disputed = await inReview('The city spent $310 million');
      await verdict(reviewerA, disputed.id, 'hidden-one', { rationale: 'SECRETDISPUTE one' });
      await verdict(reviewerB, disputed.id, 'hidden-two', { rationale: 'SECRETDISPUTE two' });
      expect((await detail(editor, agreeing.id)).review.awaitingConfirmation).toBe(true);
      expect((await detail(editor, disputed.id)).status).toBe('disputed');
      // A snapshot published now is made as anyone may read it.
      const snapshot = await editor.post(`/api/articles/${articleId}/reports`, { includeUnresolved: true, includeAudit: true });
      expect(snapshot.status).toBe(201);

      const token = (await reviewerC.post('/api/tokens', { name: 'reads', scopes: ['read'] })).body.token as string;
      const readers: [string, HttpClient, string | undefined][] = [
        ['a reviewer without a verdict', reviewerC, undefined],
        ['an analyst (the assignee)', analyst, undefined],
        ['a viewer', viewer, undefined],
        ['a read-only token', reviewerC.withToken(token), token],
      ];
      const ws = `/api/workspaces/${workspaceId}`;
      const reads = [
        ...[pending, agreeing, disputed].flatMap((c) => ['', '/verdicts', '/history', '/similar', '/evidence', '/comments'].map((tail) => `${claimPath(c.id)}${tail}`)),
        `/api/articles/${articleId}/claims`,
        `/api/articles/${articleId}/reader`,
        `/api/articles/${articleId}/events?after=0`,
        `/api/articles/${articleId}/annotations.jsonld`,
        `${ws}/claims`,
        `${ws}/queue`,
        `${ws}/review-queue`,
        `${ws}/search?q=SECRETPENDING`,
        `${ws}/search?q=nitrate`,
        `${ws}/similar-claims?q=nitrate`,
        '/api/notifications',
        ...['html', 'md', 'json', 'csv', 'claimreview'].map((f) => `/api/articles/${articleId}/report?format=${f}&includeUnresolved=true&includeAudit=true`),
        ...['html', 'json'].map((f) => `/api/reports/${snapshot.body.id}?format=${f}`),
      ];
      const traces = (text: string) => ['SECRET', 'hidden-', 'Hiddenone', 'Hiddentwo'].filter((s) => text.replace(/"(scale|ratingScale)":\[[^\]]*\]/g, '').includes(s));
      for (const [who, as, asToken] of readers) {
        for (const url of reads) {
          const res = await as.get(url);
          expect({ who, url, status: res.status }).toEqual({ who, url, status: 200 });
          expect({ who, url, traces: traces(typeof res.body === 'string' ? res.body : JSON.stringify(res.body)) }).toEqual({ who, url, traces: [] });
        }
        for (const url of [`${ws}/audit`, `${ws}/agreement`]) expectError(await as.get(url), 403);
        const socket = await openSocket(sockets, app.url, as, { origin: TEST_ORIGIN, ...(asToken ? { token: asToken } : {}) });
        const ack = await join(socket, articleId, 0);
        expect(ack.ok).toBe(true);
        expect({ who, traces: traces(JSON.stringify(ack)) }).toEqual({ who, traces: [] });
      }
      // The same reads do show them to an editor: the search above looks where they would be.
      expect(JSON.stringify((await editor.get(claimPath(disputed.id))).body)).toContain('SECRETDISPUTE one');
      const editorsReport = await editor.get(`/api/articles/${articleId}/report?format=json&includeUnresolved=true`);
      expect(traces(JSON.stringify(editorsReport.body))).toEqual(expect.arrayContaining(['SECRET', 'hidden-']));
    });
  });

  describe('a round reopened while a read is under way', () => {
    /** A claim both reviewers agreed on: resolved, its verdicts open to every member. */
    async function resolved(): Promise<Claim> {
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'true');
      return claim;
    }
    /** The claim reopened for review and given a verdict in its new round, as those writes leave the tables. */
    const reopenedAndReviewed = (claimId: string) => async (db: Client) => {
      await db.query(`UPDATE claims SET status = 'in_review', review_round = 2, rating = NULL, resolved_at = NULL, version = version + 2 WHERE id = $1`, [claimId]);
      const id = randomUUID();
      const given = { id, claimId, round: 2, reviewer: { id: reviewerB.user!.id, displayName: 'reviewer' }, rating: 'misleading', rationale: 'SECRET-ROUND-TWO' };
      await db.query(`INSERT INTO verdicts (id, claim_id, reviewer_id, round, rating, rationale, evidence_ids) VALUES ($1, $2, $3, 2, 'misleading', 'SECRET-ROUND-TWO', '{}')`, [id, claimId, reviewerB.user!.id]);
      await db.query(`INSERT INTO audit_entries (workspace_id, actor_id, action, entity_type, entity_id, after) VALUES ($1, $2, 'verdict.created', 'claim', $3, $4)`, [
        workspaceId,
        reviewerB.user!.id,
        claimId,
        JSON.stringify(given),
      ]);
    };

    it('shows the new round’s verdict to nobody who has not given one: the verdicts, the history and the report’s audit', async () => {
      const listed = await resolved();
      const verdicts = await whileTableLocked('verdicts', () => reviewerC.get(`${claimPath(listed.id)}/verdicts`), reopenedAndReviewed(listed.id));
      expect(verdicts.status).toBe(200);
      expect(JSON.stringify(verdicts.body)).not.toContain('SECRET-ROUND-TWO');

      const told = await resolved();
      const history = await whileTableLocked('verdicts', () => reviewerC.get(`${claimPath(told.id)}/history`), reopenedAndReviewed(told.id));
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).not.toContain('Misleading');

      const reported = await resolved();
      const report = await whileTableLocked('audit_entries', () => reviewerC.get(`/api/articles/${articleId}/report?format=json&includeAudit=true`), reopenedAndReviewed(reported.id));
      expect(report.status).toBe(200);
      const audit = (report.body as { audit: { text: string }[] }).audit.map((a) => a.text);
      expect(audit).toContain('reviewer gave a verdict');
      expect(audit.join('\n')).not.toContain('Misleading');
      // Read again, afterwards, each is as blind as it should be.
      expect(await detail(reviewerC, listed.id)).toMatchObject({ verdictsHidden: true, verdicts: [] });
    });
  });

  describe('who decides a round', () => {
    it('lets an editor who reviewed the claim settle its dispute: a desk with one editor is never stuck', async () => {
      const claim = await inReview();
      expect((await verdict(editor, claim.id, 'true')).status).toBe(201);
      expect((await verdict(reviewerA, claim.id, 'false')).status).toBe(201);
      const disputed = await detail(owner, claim.id);
      expect(disputed.status).toBe('disputed');
      const settled = await editor.post(`${claimPath(claim.id)}/adjudication`, { version: disputed.version, rating: 'mixed', rationale: 'Both have a point.' });
      expect(settled.status).toBe(200);
      expect(settled.body).toMatchObject({ status: 'resolved', rating: 'mixed' });
    });

    it('refuses an editor who gave one of the agreeing verdicts their confirmation, which another editor or owner gives', async () => {
      await settings({ requireConfirmation: true });
      try {
        const claim = await inReview();
        await verdict(editor, claim.id, 'unverifiable');
        await verdict(reviewerA, claim.id, 'unverifiable');
        const waiting = await detail(owner, claim.id);
        expect(waiting.review.awaitingConfirmation).toBe(true);
        expectError(await editor.post(`${claimPath(claim.id)}/confirmation`, { version: waiting.version }), 403);
        expect(await detail(owner, claim.id)).toMatchObject({ status: 'in_review', rating: null, version: waiting.version });
        expect((await owner.post(`${claimPath(claim.id)}/confirmation`, { version: waiting.version })).body).toMatchObject({ status: 'resolved', rating: 'unverifiable' });
      } finally {
        await settings({ requireConfirmation: false });
      }
    });
  });

  describe('a change to the member while their write waits for the article', () => {
    const seqNow = async () => (await app.prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { lastSeq: true } })).lastSeq;
    const verdictEvents = async (after: number, claimId: string) =>
      ((await owner.get(`/api/articles/${articleId}/events?after=${after}`)).body as ArticleEvent[]).filter((e) => e.type === 'verdict.created' && (e.data as { claimId: string }).claimId === claimId);

    it('refuses the verdict of a reviewer removed meanwhile (404), and writes nothing', async () => {
      const reviewer = await newMember(app, owner, workspaceId, 'reviewer');
      const claim = await inReview();
      const since = await seqNow();
      const res = await whileArticleLocked(
        () => verdict(reviewer, claim.id, 'true'),
        (db) => db.query('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2', [workspaceId, reviewer.user!.id]),
      );
      expectError(res, 404);
      expect(await app.prisma.verdict.count({ where: { claimId: claim.id } })).toBe(0);
      expect((await detail(owner, claim.id)).review).toMatchObject({ submitted: 0, reviewerIds: [] });
      expect(await verdictEvents(since, claim.id)).toEqual([]);
    });

    it('refuses the verdict of a reviewer made a viewer meanwhile (403)', async () => {
      const reviewer = await newMember(app, owner, workspaceId, 'reviewer');
      const claim = await inReview();
      const res = await whileArticleLocked(
        () => verdict(reviewer, claim.id, 'true'),
        (db) => db.query(`UPDATE memberships SET role = 'viewer' WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, reviewer.user!.id]),
      );
      expectError(res, 403);
      expect(await app.prisma.verdict.count({ where: { claimId: claim.id } })).toBe(0);
    });

    it('refuses the verdict of a reviewer assigned to the claim meanwhile (403): a claim’s verdicts never come from its assignees', async () => {
      const reviewer = await newMember(app, owner, workspaceId, 'reviewer');
      const claim = await inReview();
      const res = await whileArticleLocked(
        () => verdict(reviewer, claim.id, 'true'),
        (db) => db.query('INSERT INTO claim_assignees (claim_id, user_id, assigned_by_id) VALUES ($1, $2, $3)', [claim.id, reviewer.user!.id, editor.user!.id]),
      );
      expectError(res, 403);
      expect(res.body.error.message).toMatch(/assigned to this claim/);
      expect(await app.prisma.verdict.count({ where: { claimId: claim.id } })).toBe(0);
    });

    it('refuses the adjudication of an editor made a reviewer meanwhile (403); the claim stays disputed', async () => {
      const decider = await newMember(app, owner, workspaceId, 'editor');
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'false');
      const disputed = await detail(owner, claim.id);
      const res = await whileArticleLocked(
        () => decider.post(`${claimPath(claim.id)}/adjudication`, { version: disputed.version, rating: 'mixed', rationale: 'Settled.' }),
        (db) => db.query(`UPDATE memberships SET role = 'reviewer' WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, decider.user!.id]),
      );
      expectError(res, 403);
      expect(await detail(owner, claim.id)).toMatchObject({ status: 'disputed', rating: null, decisions: [] });
    });
  });

  describe('a rating taken off the scale meanwhile', () => {
    const scalePath = () => `/api/workspaces/${workspaceId}/rating-scale`;
    /** Adds a rating of its own to the scale, and answers the change that takes it off again. */
    async function shortLived(key: string): Promise<() => Promise<Reply>> {
      const scale = (await owner.get(scalePath())).body as { key: string }[];
      const added = { ...scale[2], key, label: key, alternateName: key };
      expect((await owner.request('PUT', scalePath(), { ratings: [...scale, added] })).status).toBe(200);
      return () => owner.request('PUT', scalePath(), { ratings: scale });
    }

    it('refuses a verdict with it (400 naming the rating) rather than recording a rating the scale no longer has', async () => {
      const takeOff = await shortLived('short-lived');
      const claim = await inReview();
      let removal: Reply | undefined;
      const res = await whileArticleLocked(
        () => verdict(reviewerA, claim.id, 'short-lived'),
        async () => (removal = await takeOff()),
      );
      expect(removal!.status).toBe(200);
      expectError(res, 400, 'rating');
      expect(await app.prisma.verdict.count({ where: { claimId: claim.id } })).toBe(0);
    });

    it('refuses an adjudication with it (400); the claim stays disputed', async () => {
      const takeOff = await shortLived('soon-gone');
      const claim = await inReview();
      await verdict(reviewerA, claim.id, 'true');
      await verdict(reviewerB, claim.id, 'false');
      const disputed = await detail(owner, claim.id);
      let removal: Reply | undefined;
      const res = await whileArticleLocked(
        () => editor.post(`${claimPath(claim.id)}/adjudication`, { version: disputed.version, rating: 'soon-gone', rationale: 'Settled.' }),
        async () => (removal = await takeOff()),
      );
      expect(removal!.status).toBe(200);
      expectError(res, 400, 'rating');
      expect(await detail(owner, claim.id)).toMatchObject({ status: 'disputed', rating: null, decisions: [] });
    });
  });

  describe('a verdict sent again', () => {
    it('answers the stored verdict to the same create sent several times at once, and gives one verdict', async () => {
      const claim = await inReview();
      const id = randomUUID();
      const answers = await Promise.all(Array.from({ length: 4 }, () => verdict(reviewerA, claim.id, 'mostly-true', { id })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      for (const a of answers) expect(Verdict.parse(a.body)).toMatchObject({ id, rating: 'mostly-true', reviewer: { id: reviewerA.user!.id } });
      expect(await app.prisma.verdict.count({ where: { claimId: claim.id } })).toBe(1);
      expect((await detail(owner, claim.id)).review.submitted).toBe(1);
    });

    it('refuses (409) an id in use with another body: other evidence, another replacement, or a reason', async () => {
      const claim = await inReview();
      const evidence = (await analyst.post(`${claimPath(claim.id)}/evidence`, { kind: 'note', note: 'The 2019 table', stance: 'refutes' })).body;
      const id = randomUUID();
      expect((await verdict(reviewerA, claim.id, 'false', { id })).status).toBe(201);
      expectError(await verdict(reviewerA, claim.id, 'false', { id, evidenceIds: [evidence.id] }), 409);
      expectError(await verdict(reviewerA, claim.id, 'false', { id, supersedes: id, reason: 'Changed my mind' }), 409);
      expect((await verdict(reviewerA, claim.id, 'false', { id })).status).toBe(200);
      // Replaced meanwhile, the repeat says so.
      expect((await verdict(reviewerA, claim.id, 'mixed', { supersedes: id, reason: 'The 2021 closures matter' })).status).toBe(201);
      expect((await verdict(reviewerA, claim.id, 'false', { id })).body).toMatchObject({ id, superseded: true });
    });

    it('refuses a reason without a verdict it replaces (400), rather than recording one', async () => {
      const claim = await inReview();
      expectError(await verdict(reviewerA, claim.id, 'true', { reason: 'Replacing nothing' }), 400, 'reason');
      expect(await app.prisma.verdict.count({ where: { claimId: claim.id } })).toBe(0);
    });
  });
});
