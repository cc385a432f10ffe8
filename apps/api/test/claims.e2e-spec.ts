import { randomUUID } from 'node:crypto';
import { Claim, CLAIM_TRANSITIONS, nextStatuses, type ClaimHistoryEntry, type ClaimStatus } from '@corroborate/contracts';
import { importArticle, selectorsFor } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('claims', () => {
  let app: TestApp;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient, analyst2: HttpClient, reviewer: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;

  const claimPath = (id: string) => `/api/claims/${id}`;
  const events = async () => (await owner.get(`/api/articles/${articleId}/events?after=0`)).body as { seq: number; type: string; data: { id: string } }[];
  const fresh = (extra: Record<string, unknown> = {}) => newClaim(owner, articleId, { statement: `A claim ${randomUUID()}`, ...extra });
  /** Puts a claim straight into a state, for tests of the moves out of it. */
  const setState = async (id: string, status: ClaimStatus, assigneeIds: string[] = []) => {
    await app.prisma.claimAssignee.deleteMany({ where: { claimId: id } });
    if (assigneeIds.length) await app.prisma.claimAssignee.createMany({ data: assigneeIds.map((userId) => ({ claimId: id, userId, assignedById: userId })) });
    const row = await app.prisma.claim.update({ where: { id }, data: { status } });
    return row.version;
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Olga Owner');
    workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    analyst2 = await newMember(app, owner, workspaceId, 'analyst');
    reviewer = await newMember(app, owner, workspaceId, 'reviewer');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId, text } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report'));
  });
  afterAll(() => app.close());

  describe('creating', () => {
    it('makes a claim from a selection, logged as an event and an audit entry', async () => {
      const exact = 'nitrate levels fell by 42 percent between 2019 and 2024';
      const res = await analyst.post(`/api/articles/${articleId}/claims`, claimOn(text, exact, { claimant: 'the city’s water authority', tags: ['environment'] }));
      expect(res.status).toBe(201);
      expect(Claim.safeParse(res.body).error).toBeUndefined();
      const start = text.indexOf(exact);
      expect(res.body).toMatchObject({
        statement: exact,
        claimant: 'the city’s water authority',
        tags: ['environment'],
        priority: 'normal',
        status: 'open',
        version: 1,
        assignees: [],
        createdBy: { id: analyst.user!.id },
      });
      expect(res.body.spans).toHaveLength(1);
      expect(res.body.spans[0].target.selector[1]).toEqual({ type: 'TextPositionSelector', start, end: start + exact.length });
      expect(res.body.spans[0].orphaned).toBe(false);
      expect((await events()).filter((e) => e.data.id === res.body.id).map((e) => e.type)).toEqual(['claim.created']);
      expect(await app.prisma.auditEntry.count({ where: { entityType: 'claim', entityId: res.body.id, action: 'claim.created' } })).toBe(1);
      expect((await owner.get(claimPath(res.body.id))).body).toEqual({ ...res.body, verdicts: [], decisions: [], verdictsHidden: false });
    });

    it('makes a claim with no span, or with several, and lists them in article order', async () => {
      const none = await newClaim(analyst, articleId, { statement: 'The city spent more than any other in the region' });
      expect(none.spans).toEqual([]);
      const several = await newClaim(analyst, articleId, {
        statement: 'Fish species rose while mills closed',
        targets: [{ selector: selectorsFor(text, 'closure of two paper mills in 2021') }, { selector: selectorsFor(text, 'rose from 11 to 19') }],
      });
      expect(several.spans.map((s: { target: { selector: [{ exact: string }] } }) => s.target.selector[0].exact)).toEqual([
        'closure of two paper mills in 2021',
        'rose from 11 to 19',
      ]);
      const list = (await reviewer.get(`/api/articles/${articleId}/claims`)).body as Claim[];
      const order = list.map((c) => c.id);
      expect(order.indexOf(several.id)).toBeLessThan(order.indexOf(none.id));
      expect(order.at(-1)).toBe(none.id);
    });

    it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
      const before = await app.prisma.claim.count();
      expectError(await analyst.post(`/api/articles/${articleId}/claims`, { statement: '' }), 400, 'statement');
      expectError(await analyst.post(`/api/articles/${articleId}/claims`, { statement: '\u200b\u200b' }), 400, 'statement');
      expectError(await analyst.post(`/api/articles/${articleId}/claims`, { statement: 'x'.repeat(2_001) }), 400, 'statement');
      expectError(await analyst.post(`/api/articles/${articleId}/claims`, { statement: 'ok', priority: 'extreme' }), 400, 'priority');
      expectError(await analyst.post(`/api/articles/${articleId}/claims`, { statement: 'ok', dueAt: 'next week' }), 400, 'dueAt');
      const badSpan = await analyst.post(`/api/articles/${articleId}/claims`, {
        statement: 'ok',
        targets: [{ selector: selectorsFor(text, 'mayor') }, { selector: [{ type: 'TextQuoteSelector', exact: 'not in the article at all' }] }],
      });
      expectError(badSpan, 400, 'targets.1.selector');
      expect(await app.prisma.claim.count()).toBe(before);
    });

    it('answers a repeated create with the same id with the stored claim, and a different body with 409', async () => {
      const id = randomUUID();
      const body = { id, ...claimOn(text, 'the largest investment in our history') };
      const first = await analyst.post(`/api/articles/${articleId}/claims`, body);
      const again = await analyst.post(`/api/articles/${articleId}/claims`, body);
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body).toEqual(first.body);
      expectError(await analyst.post(`/api/articles/${articleId}/claims`, { ...body, statement: 'Something else' }), 409);
      // Someone else's id is refused the same way, revealing nothing about it.
      const other = await owner.post(`/api/articles/${articleId}/claims`, body);
      expectError(other, 409);
      expect(other.body.error.message).toBe('This id is already in use; create the claim with a new id');
      expect(await app.prisma.claim.count({ where: { id } })).toBe(1);
    });

    it('lets viewers read but not create, and hides everything from non-members', async () => {
      const claim = await fresh();
      expectError(await viewer.post(`/api/articles/${articleId}/claims`, { statement: 'Viewer claim' }), 403);
      expect((await viewer.get(claimPath(claim.id))).status).toBe(200);
      expectError(await stranger.post(`/api/articles/${articleId}/claims`, { statement: 'x' }), 404);
      expectError(await stranger.get(`/api/articles/${articleId}/claims`), 404);
      const missing = await stranger.get(claimPath(randomUUID()));
      const hidden = await stranger.get(claimPath(claim.id));
      expectError(hidden, 404);
      expect(hidden.body).toEqual(missing.body);
      expectError(await stranger.patch(claimPath(claim.id), { version: 1, statement: 'mine' }), 404);
      expectError(await stranger.delete(claimPath(claim.id)), 404);
      expectError(await viewer.patch(claimPath(claim.id), { version: 1, statement: 'mine' }), 403);
    });

    it('refuses the 1,001st claim of an article with a 400', async () => {
      const { id: full } = await importArticle(owner, workspaceId, 'A short article with one sentence.', 'Full');
      await app.prisma.claim.createMany({
        data: Array.from({ length: 1_000 }, (_, i) => ({ id: randomUUID(), articleId: full, workspaceId, statement: `claim ${i}`, createdById: owner.user!.id })),
      });
      const res = await owner.post(`/api/articles/${full}/claims`, { statement: 'one too many' });
      expectError(res, 400);
      expect(res.body.error.message).toMatch(/at most 1000 claims/);
    });
  });

  describe('editing and the workflow', () => {
    it('assigns members, moving an open claim to assigned, and tells the assignee', async () => {
      const claim = await fresh();
      const res = await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst.user!.id], dueAt: '2026-12-03' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'assigned', version: 2, assignees: [{ id: analyst.user!.id }], dueAt: '2026-12-03T00:00:00.000Z' });
      const notes = (await analyst.get('/api/notifications')).body;
      expect(notes.items.find((n: { claimId: string }) => n.claimId === claim.id)).toMatchObject({
        kind: 'claim.assigned',
        text: expect.stringContaining('assigned you'),
        actor: { id: editor.user!.id },
        readAt: null,
      });
      // Unassigning everyone puts it back in the open pile.
      const back = await editor.patch(claimPath(claim.id), { version: 2, assigneeIds: [] });
      expect(back.body).toMatchObject({ status: 'open', assignees: [] });
    });

    it('refuses assignment by analysts and of viewers or strangers', async () => {
      const claim = await fresh();
      expectError(await analyst.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst.user!.id] }), 403);
      expectError(await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [viewer.user!.id] }), 400, 'assigneeIds.0');
      expectError(await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst.user!.id, stranger.user!.id] }), 400, 'assigneeIds.1');
      expect((await owner.get(claimPath(claim.id))).body).toMatchObject({ version: 1, assignees: [] });
    });

    it('keeps an assignee who has since left the workspace while others are added, but never adds one anew', async () => {
      const leaving = await newMember(app, owner, workspaceId, 'analyst');
      const claim = await fresh();
      expect((await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [leaving.user!.id] })).status).toBe(200);
      expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${leaving.user!.id}`)).status).toBe(204);
      // The picker sends the whole list: the one who left, and the one added now.
      const both = await editor.patch(claimPath(claim.id), { version: 2, assigneeIds: [leaving.user!.id, analyst.user!.id] });
      expect(both.status).toBe(200);
      expect(both.body.assignees.map((a: { id: string }) => a.id).sort()).toEqual([leaving.user!.id, analyst.user!.id].sort());

      const other = await fresh();
      expectError(await editor.patch(claimPath(other.id), { version: 1, assigneeIds: [analyst.user!.id, leaving.user!.id] }), 400, 'assigneeIds.1');
    });

    const actors = ['owner', 'editor', 'assignee', 'analyst', 'reviewer'] as const;
    const clientOf = (actor: (typeof actors)[number]) => ({ owner, editor, assignee: analyst, analyst: analyst2, reviewer })[actor];

    it.each(CLAIM_TRANSITIONS.map((t) => [t.from, t.to, t] as const))('%s → %s is allowed exactly for its actors', async (from, to, transition) => {
      for (const actor of actors) {
        const claim = await fresh();
        const version = await setState(claim.id, from, [analyst.user!.id]);
        const res = await clientOf(actor).patch(claimPath(claim.id), { version, status: to, ...(transition.needsReason ? { reason: 'Because.' } : {}) });
        const allowed = transition.by.includes(actor as never);
        expect({ actor, status: res.status }).toEqual({ actor, status: allowed ? 200 : 403 });
        if (allowed) expect(res.body).toMatchObject({ status: to, statusReason: transition.needsReason ? 'Because.' : null });
      }
    });

    it('answers a move the workflow does not have with 409 naming the allowed next states', async () => {
      const claim = await fresh();
      const res = await owner.patch(claimPath(claim.id), { version: 1, status: 'in_review' });
      expectError(res, 409, 'status');
      expect(res.body.error.message).toContain(nextStatuses('open').join(', '));
      expect(res.body.error.message).toContain('dismissed');
      // Resolved is reached through review, not by setting it.
      const version = await setState(claim.id, 'in_review', [analyst.user!.id]);
      expectError(await owner.patch(claimPath(claim.id), { version, status: 'resolved' }), 409, 'status');
    });

    it('needs a reason to dismiss, and keeps it', async () => {
      const claim = await fresh();
      expectError(await editor.patch(claimPath(claim.id), { version: 1, status: 'dismissed' }), 400, 'reason');
      const res = await editor.patch(claimPath(claim.id), { version: 1, status: 'dismissed', reason: 'An opinion, not checkable' });
      expect(res.body).toMatchObject({ status: 'dismissed', statusReason: 'An opinion, not checkable' });
      const reopened = await editor.patch(claimPath(claim.id), { version: 2, status: 'open', reason: 'The mayor repeated it as fact' });
      expect(reopened.body).toMatchObject({ status: 'open', statusReason: 'The mayor repeated it as fact' });
    });

    it('answers a stale version with 409 carrying the current claim, and changes nothing', async () => {
      const claim = await fresh();
      await owner.patch(claimPath(claim.id), { version: 1, priority: 'high' });
      const eventCount = (await events()).length;
      const res = await editor.patch(claimPath(claim.id), { version: 1, statement: 'Reworded' });
      expectError(res, 409);
      expect(Claim.parse(res.body.error.current)).toMatchObject({ id: claim.id, version: 2, priority: 'high', statement: claim.statement });
      expect((await events()).length).toBe(eventCount);
      expect(await app.prisma.claim.findUnique({ where: { id: claim.id } })).toMatchObject({ version: 2, statement: claim.statement });
    });

    it('keeps nothing of a change that fails at its last write: no status, assignee, event, audit entry or notification', async () => {
      const claim = await fresh();
      // The assignee's notification is the change's last statement; the database refuses it.
      await app.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
      await app.prisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_note BEFORE INSERT ON notifications FOR EACH ROW WHEN (NEW.claim_id = '${claim.id}') EXECUTE FUNCTION refuse_note()`,
      );
      const eventCount = (await events()).length;
      try {
        expect((await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst.user!.id] })).status).toBe(500);
      } finally {
        await app.prisma.$executeRawUnsafe('DROP TRIGGER refuse_note ON notifications');
        await app.prisma.$executeRawUnsafe('DROP FUNCTION refuse_note');
      }
      expect(await app.prisma.claim.findUnique({ where: { id: claim.id } })).toMatchObject({ version: 1, status: 'open' });
      expect(await app.prisma.claimAssignee.count({ where: { claimId: claim.id } })).toBe(0);
      expect((await events()).length).toBe(eventCount);
      expect(await app.prisma.auditEntry.count({ where: { entityId: claim.id, action: 'claim.updated' } })).toBe(0);
      expect(await app.prisma.notification.count({ where: { claimId: claim.id } })).toBe(0);
      // The same change goes through once the database takes it.
      expect((await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst.user!.id] })).body).toMatchObject({ version: 2, status: 'assigned' });
    });

    it('lets exactly one of two editors assigning at once win', async () => {
      const claim = await fresh();
      const [a, b] = await Promise.all([
        editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst.user!.id] }),
        owner.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst2.user!.id] }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? analyst : analyst2;
      const stored = await app.prisma.claimAssignee.findMany({ where: { claimId: claim.id } });
      expect(stored.map((s) => s.userId)).toEqual([winner.user!.id]);
    });

    it('lets an analyst take an open claim, once', async () => {
      const claim = await fresh();
      expectError(await viewer.post(`${claimPath(claim.id)}/take`, { version: 1 }), 403);
      const took = await analyst2.post(`${claimPath(claim.id)}/take`, { version: 1 });
      expect(took.status).toBe(200);
      expect(took.body).toMatchObject({ status: 'assigned', assignees: [{ id: analyst2.user!.id }] });
      const again = await analyst.post(`${claimPath(claim.id)}/take`, { version: 2 });
      expectError(again, 409);
      expect(again.body.error.current.assignees).toEqual([{ id: analyst2.user!.id, displayName: 'analyst' }]);
    });

    it('refuses to make a reviewer with a verdict in the current round an assignee, by assignment or by taking', async () => {
      const claim = await newClaim(editor, articleId, { statement: `Reviewed ${randomUUID()}`, assigneeIds: [analyst.user!.id] });
      await analyst.patch(claimPath(claim.id), { version: 1, status: 'in_progress' });
      await analyst.patch(claimPath(claim.id), { version: 2, status: 'in_review' });
      expect((await reviewer.post(`${claimPath(claim.id)}/verdicts`, { rating: 'true', rationale: 'Checked' })).status).toBe(201);
      const { version } = (await editor.get(claimPath(claim.id))).body;
      const assigning = await editor.patch(claimPath(claim.id), { version, assigneeIds: [analyst.user!.id, reviewer.user!.id] });
      expectError(assigning, 409);
      expect(assigning.body.error.message).toMatch(/verdict/);
      expect((await editor.get(claimPath(claim.id))).body).toMatchObject({ version, assignees: [{ id: analyst.user!.id }] });
      // Back to work, paused and unassigned: open, and nobody's, with the verdict still in its round.
      await analyst.patch(claimPath(claim.id), { version, status: 'in_progress', reason: 'More sources' });
      await analyst.patch(claimPath(claim.id), { version: version + 1, status: 'assigned' });
      const open = await editor.patch(claimPath(claim.id), { version: version + 2, assigneeIds: [] });
      expect(open.body).toMatchObject({ status: 'open', assignees: [], review: { submitted: 1 } });
      const taking = await reviewer.post(`${claimPath(claim.id)}/take`, { version: open.body.version });
      expectError(taking, 409);
      expect(taking.body.error.message).toMatch(/verdict/);
      // Anyone without a verdict in the round still may.
      expect((await analyst2.post(`${claimPath(claim.id)}/take`, { version: open.body.version })).status).toBe(200);
    });

    it('lets the creator, assignees and editors edit the statement, and nobody else', async () => {
      const claim = await newClaim(analyst, articleId, { statement: 'Original wording' });
      expectError(await analyst2.patch(claimPath(claim.id), { version: 1, statement: 'Hijacked' }), 403);
      expect((await analyst.patch(claimPath(claim.id), { version: 1, statement: 'Creator’s wording' })).status).toBe(200);
      expect((await editor.patch(claimPath(claim.id), { version: 2, statement: 'Editor’s wording' })).status).toBe(200);
    });

    it('deletes by the creator or an editor, keeping the row', async () => {
      const claim = await newClaim(analyst, articleId, { statement: 'To be deleted' });
      expectError(await analyst2.delete(claimPath(claim.id)), 403);
      expect((await analyst.delete(claimPath(claim.id))).status).toBe(204);
      expectError(await owner.get(claimPath(claim.id)), 404);
      expect(await app.prisma.claim.count({ where: { id: claim.id, deletedAt: { not: null } } })).toBe(1);
      expect((await events()).filter((e) => e.data.id === claim.id).map((e) => e.type)).toEqual(['claim.created', 'claim.deleted']);
    });

    it('tells its history in words', async () => {
      const claim = await fresh();
      await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst.user!.id], dueAt: '2026-12-03' });
      await analyst.patch(claimPath(claim.id), { version: 2, status: 'in_progress' });
      await analyst.patch(claimPath(claim.id), { version: 3, status: 'in_review' });
      const history = (await reviewer.get(`${claimPath(claim.id)}/history`)).body as ClaimHistoryEntry[];
      expect(history.map((h) => h.text)).toEqual([
        'Olga Owner created this claim',
        'editor assigned analyst, due Dec 3',
        'analyst moved this to In progress',
        'analyst moved this to In review',
      ]);
    });
  });

  describe('spans through a revision', () => {
    it('moves, keeps or orphans each span as annotations are, and lets an orphan be re-attached', async () => {
      const { id: article, text: first } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'Revised river');
      const kept = await newClaim(analyst, article, claimOn(first, 'the number of fish species counted in the lower reach rose from 11 to 19'));
      const gone = await newClaim(analyst, article, claimOn(first, 'I think the truth lies somewhere in between'));
      const two = await newClaim(analyst, article, {
        statement: 'Two spans',
        targets: [{ selector: selectorsFor(first, 'The river is cleaner') }, { selector: selectorsFor(first, 'I think the truth') }],
      });
      // A new first paragraph moves everything; the last sentence goes.
      const revisedText = `Update: the authority corrected one figure.\n\n${first.replace(' I think the truth lies somewhere in between.', '')}`;
      const revised = await owner.post(`/api/articles/${article}/revisions`, { text: revisedText });
      expect(revised.status).toBe(201);
      const reports = (revised.body.anchors as { kind: string; id: string; spanId?: string; outcome: string }[]).filter((a) => a.kind === 'claim');
      expect(reports).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: kept.id, spanId: kept.spans[0].id, outcome: 'moved' }),
          expect.objectContaining({ id: gone.id, spanId: gone.spans[0].id, outcome: 'orphaned' }),
          expect.objectContaining({ id: two.id, spanId: two.spans[0].id, outcome: 'moved' }),
          expect.objectContaining({ id: two.id, spanId: two.spans[1].id, outcome: 'orphaned' }),
        ]),
      );
      const newText = revised.body.revision.text as string;
      const after = (await owner.get(`/api/articles/${article}/claims`)).body as Claim[];
      const keptNow = after.find((c) => c.id === kept.id)!;
      const [quote, position] = keptNow.spans[0]!.target.selector;
      expect(newText.slice(position.start, position.end)).toBe(quote.exact);
      expect(keptNow.spans[0]).toMatchObject({ orphaned: false, revisionId: revised.body.revision.id });
      expect(keptNow.version).toBe(2);
      const goneNow = after.find((c) => c.id === gone.id)!;
      expect(goneNow.spans[0]).toMatchObject({ orphaned: true, revisionId: kept.spans[0].revisionId });

      // Re-attached to a new selection, on the record.
      expectError(await viewer.patch(`${claimPath(gone.id)}/spans/${gone.spans[0].id}`, { version: goneNow.version, target: { selector: selectorsFor(newText, 'the authority corrected one figure') } }), 403);
      const reattached = await analyst.patch(`${claimPath(gone.id)}/spans/${gone.spans[0].id}`, { version: goneNow.version, target: { selector: selectorsFor(newText, 'the authority corrected one figure') } });
      expect(reattached.status).toBe(200);
      expect(reattached.body.spans[0]).toMatchObject({ orphaned: false, target: { selector: [{ exact: 'the authority corrected one figure' }, expect.anything()] } });
      const history = (await owner.get(`${claimPath(gone.id)}/history`)).body.map((h: { text: string }) => h.text);
      expect(history.at(-1)).toBe('analyst re-attached the claim to a new passage');
    });
  });

  describe('comments and mentions', () => {
    it('threads comments, tells assignees and whoever is mentioned, and keeps the Markdown as written', async () => {
      const claim = await fresh({ assigneeIds: [analyst.user!.id] });
      const body = 'Check the **2019** baseline, @Olga Owner — and <script>alert(1)</script>';
      const res = await reviewer.post(`${claimPath(claim.id)}/comments`, { body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ claimId: claim.id, body, replyTo: null, author: { id: reviewer.user!.id } });
      const reply = await analyst.post(`${claimPath(claim.id)}/comments`, { body: 'On it', replyTo: res.body.id });
      const replyToReply = await owner.post(`${claimPath(claim.id)}/comments`, { body: 'Thanks', replyTo: reply.body.id });
      expect(replyToReply.body.replyTo).toBe(res.body.id);

      const ownerNotes = (await owner.get('/api/notifications')).body.items;
      expect(ownerNotes.find((n: { kind: string; claimId: string }) => n.kind === 'mention' && n.claimId === claim.id)?.text).toContain('mentioned you');
      const analystNotes = (await analyst.get('/api/notifications')).body.items;
      expect(analystNotes.filter((n: { kind: string; claimId: string }) => n.kind === 'claim.commented' && n.claimId === claim.id)).toHaveLength(2);
      // Not told about their own comment.
      expect(analystNotes.some((n: { text: string }) => n.text.includes('On it'))).toBe(false);

      expect((await owner.get(claimPath(claim.id))).body.commentIds).toEqual([res.body.id, reply.body.id, replyToReply.body.id]);
      expectError(await analyst.patch(`/api/claim-comments/${res.body.id}`, { version: 1, body: 'not mine' }), 403);
      expectError(await viewer.post(`${claimPath(claim.id)}/comments`, { body: 'viewer' }), 403);
      expectError(await stranger.post(`${claimPath(claim.id)}/comments`, { body: 'stranger' }), 404);
      expect((await owner.delete(`/api/claim-comments/${res.body.id}`)).status).toBe(204);
      expect((await owner.get(`${claimPath(claim.id)}/comments`)).body).toEqual([]);
    });

    it('tells whoever an annotation comment mentions, on the passage', async () => {
      const res = await analyst.post(`/api/articles/${articleId}/annotations`, {
        motivation: 'commenting',
        body: 'Is this the 2019 figure, @olga owner?',
        target: { selector: selectorsFor(text, 'rose from 11 to 19') },
      });
      expect(res.status).toBe(201);
      const note = (await owner.get('/api/notifications')).body.items.find((n: { annotationId: string | null }) => n.annotationId === res.body.id);
      expect(note).toMatchObject({ kind: 'mention', articleId, claimId: null, actor: { id: analyst.user!.id }, text: expect.stringContaining('mentioned you on “rose from 11 to 19”') });
      // Nobody else is told.
      const others = (await editor.get('/api/notifications')).body.items;
      expect(others.some((n: { annotationId: string | null }) => n.annotationId === res.body.id)).toBe(false);
    });

    it('marks notifications read one at a time or all at once', async () => {
      const claim = await fresh();
      await editor.patch(claimPath(claim.id), { version: 1, assigneeIds: [analyst2.user!.id] });
      const page = (await analyst2.get('/api/notifications?unread=true')).body;
      expect(page.unread).toBeGreaterThan(0);
      const [first] = page.items;
      expect((await analyst2.post(`/api/notifications/${first.id}/read`)).status).toBe(204);
      expectError(await analyst.post(`/api/notifications/${first.id}/read`), 404);
      expect((await analyst2.get('/api/notifications')).body.unread).toBe(page.unread - 1);
      await analyst2.post('/api/notifications/read-all');
      expect((await analyst2.get('/api/notifications')).body.unread).toBe(0);
    });
  });

  describe('lists', () => {
    it('puts my queue in order: overdue first, then by priority, then by due date', async () => {
      const me = await newMember(app, owner, workspaceId, 'analyst');
      const make = (priority: string, dueAt: string | null) => fresh({ priority, dueAt, assigneeIds: [me.user!.id] });
      const later = await make('normal', '2099-01-02');
      const urgent = await make('urgent', null);
      const overdue = await make('low', '2020-01-01');
      const soon = await make('normal', '2099-01-01');
      const done = await make('urgent', '2020-01-01');
      await owner.patch(claimPath(done.id), { version: 1, status: 'dismissed', reason: 'duplicate' });
      const queue = (await me.get(`/api/workspaces/${workspaceId}/queue`)).body as Claim[];
      expect(queue.map((c) => c.id)).toEqual([overdue.id, urgent.id, soon.id, later.id]);
    });

    it("serves an article's claims once per change: 304 to a client holding them, the new list after a change, nothing to a stranger", async () => {
      const path = `/api/articles/${articleId}/claims`;
      const first = await viewer.get(path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"\d+-[\w-]+"$/);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      expect((await viewer.request('GET', path, undefined, { 'if-none-match': etag })).status).toBe(304);
      expect((await owner.request('GET', path, undefined, { 'if-none-match': etag })).status).toBe(304);
      expectError(await stranger.request('GET', path, undefined, { 'if-none-match': etag }), 404);

      const added = await fresh();
      const next = await viewer.request('GET', path, undefined, { 'if-none-match': etag });
      expect(next.status).toBe(200);
      expect(next.headers.get('etag')).not.toBe(etag);
      expect((next.body as Claim[]).map((c) => c.id)).toEqual([...(first.body as Claim[]).map((c) => c.id), added.id]);
      const edited = await owner.patch(claimPath(added.id), { version: added.version, statement: 'A claim, reworded' });
      expect(edited.status).toBe(200);
      const after = (await viewer.get(path)).body as Claim[];
      expect(after.find((c) => c.id === added.id)).toEqual(edited.body);
    });

    it('filters the workspace claims by status, assignee, tag, claimant and words', async () => {
      const tagged = await fresh({ tags: ['budget'], claimant: 'The Mayor', statement: 'Spending on treatment plants tripled' });
      const list = async (query: string) => ((await viewer.get(`/api/workspaces/${workspaceId}/claims?${query}`)).body as Claim[]).map((c) => c.id);
      expect(await list('tag=budget')).toEqual([tagged.id]);
      expect(await list('claimant=mayor')).toContain(tagged.id);
      expect(await list('q=treatment%20plants%20tripled')).toEqual([tagged.id]);
      expect(await list('status=dismissed')).not.toContain(tagged.id);
      expect(await list(`assignee=none&tag=budget`)).toEqual([tagged.id]);
      expectError(await viewer.get(`/api/workspaces/${workspaceId}/claims?status=finished`), 400, 'status');
      expectError(await stranger.get(`/api/workspaces/${workspaceId}/claims`), 404);
      const claimants = (await viewer.get(`/api/workspaces/${workspaceId}/claimants?q=may`)).body;
      expect(claimants).toContainEqual({ claimant: 'The Mayor', claims: 1 });

      // A NUL, which PostgreSQL text cannot hold, is dropped from a filter as from a search.
      expect(await list('tag=bud%00get')).toEqual([tagged.id]);
      expect(await list('claimant=may%00or')).toContain(tagged.id);
      expect(await list('q=%00treatment%20plants%00')).toEqual([tagged.id]);
      expect((await viewer.get(`/api/workspaces/${workspaceId}/claims?q=%00`)).status).toBe(200);
      expect((await viewer.get(`/api/workspaces/${workspaceId}/claimants?q=ma%00y`)).body).toContainEqual({ claimant: 'The Mayor', claims: 1 });
      expectError(await viewer.get(`/api/workspaces/${workspaceId}/claims?q=${'x'.repeat(501)}`), 400, 'q');
    });
  });
});
