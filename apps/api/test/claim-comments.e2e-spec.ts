import { randomUUID } from 'node:crypto';
import type { Notification } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('claim comments', () => {
  let app: TestApp;
  let owner: HttpClient, analyst: HttpClient, reviewer: HttpClient;
  let workspaceId: string;
  let articleId: string;

  const comment = (as: HttpClient, claimId: string, body: Record<string, unknown>) => as.post(`/api/claims/${claimId}/comments`, body);
  const notes = async (as: HttpClient) => (await as.get('/api/notifications')).body.items as Notification[];

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Olga Owner');
    workspaceId = await newWorkspace(owner);
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    reviewer = await newMember(app, owner, workspaceId, 'reviewer');
    ({ id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report'));
  });
  afterAll(() => app.close());

  it('posts a comment whose notified excerpt, or its claim’s quoted statement, is cut inside an emoji, and tells everyone', async () => {
    // The statement's 59th and 60th UTF-16 units, and the body's 79th and 80th, are one emoji.
    const statement = `${'s'.repeat(58)}\u{1F30A} rose`;
    const claim = await newClaim(owner, articleId, { statement, assigneeIds: [analyst.user!.id] });
    const body = `@Olga Owner ${'a'.repeat(66)}\u{1F600} and more`;
    const res = await comment(reviewer, claim.id, { body });
    expect(res.status).toBe(201);
    expect((await reviewer.get(`/api/claims/${claim.id}/comments`)).body.map((c: { body: string }) => c.body)).toEqual([body]);
    const mention = (await notes(owner)).find((n) => n.kind === 'mention' && n.claimId === claim.id)!;
    const commented = (await notes(analyst)).find((n) => n.kind === 'claim.commented' && n.claimId === claim.id)!;
    for (const note of [mention, commented]) {
      expect(UNPAIRED_SURROGATE.test(note.text)).toBe(false);
      expect(note.text).toContain(`“${'s'.repeat(58)}…”`);
      expect(note.text).toContain(`${'a'.repeat(66)}…”`);
    }
  });

  it('answers a comment sent several times at once with one id with one comment: 201 once, the stored comment otherwise', async () => {
    const claim = await newClaim(owner, articleId, { statement: `A claim ${randomUUID()}`, assigneeIds: [analyst.user!.id] });
    for (let round = 0; round < 3; round++) {
      const body = { id: randomUUID(), body: `Checked the minutes, round ${round}` };
      const replies = await Promise.all([0, 1, 2].map(() => comment(reviewer, claim.id, body)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      for (const r of replies) expect(r.body).toEqual(replies[0]!.body);
    }
    expect((await reviewer.get(`/api/claims/${claim.id}/comments`)).body).toHaveLength(3);
    // The assignee heard of each comment once.
    expect((await notes(analyst)).filter((n) => n.kind === 'claim.commented' && n.claimId === claim.id)).toHaveLength(3);
  });

  it('tells whoever an edit newly mentions, in the edit: not those mentioned before, nor anyone for a stale edit', async () => {
    const claim = await newClaim(owner, articleId, { statement: `A claim ${randomUUID()}` });
    const mentions = async (as: HttpClient) => (await notes(as)).filter((n) => n.kind === 'mention' && n.claimId === claim.id);
    const posted = await comment(reviewer, claim.id, { body: 'Over to you, @Olga Owner' });
    expect(posted.status).toBe(201);
    const edit = (as: HttpClient, version: number, body: string) => as.patch(`/api/claim-comments/${posted.body.id}`, { version, body });

    expect((await edit(reviewer, 1, 'Over to you, @Olga Owner, and to @analyst')).status).toBe(200);
    expect(await mentions(analyst)).toEqual([
      expect.objectContaining({ actor: { id: reviewer.user!.id, displayName: 'reviewer' }, text: expect.stringContaining('and to @analyst') }),
    ]);
    expect(await mentions(owner)).toHaveLength(1);

    // A stale edit is refused and tells nobody; the owner's edit tells the newly mentioned author, not the owner.
    expectError(await edit(owner, 1, 'Over to you, @reviewer'), 409);
    expect(await mentions(reviewer)).toEqual([]);
    expect((await edit(owner, 2, 'Over to you, @Olga Owner, and to @analyst; @reviewer too')).status).toBe(200);
    expect(await mentions(reviewer)).toEqual([expect.objectContaining({ actor: { id: owner.user!.id, displayName: 'Olga Owner' } })]);
    expect([(await mentions(owner)).length, (await mentions(analyst)).length]).toEqual([1, 1]);
  });

  it('answers a repeated create in another thread, or in or out of one, 409; named by a reply in it, its thread is the same', async () => {
    const claim = await newClaim(owner, articleId, { statement: `A claim ${randomUUID()}` });
    const [first, second] = [await comment(reviewer, claim.id, { body: 'First thread' }), await comment(reviewer, claim.id, { body: 'Second thread' })];
    const inFirst = await comment(analyst, claim.id, { body: 'In the first', replyTo: first.body.id });
    const reply = { id: randomUUID(), body: 'Agreed', replyTo: first.body.id };
    const posted = await comment(reviewer, claim.id, reply);
    expect([posted.status, posted.body.replyTo]).toEqual([201, first.body.id]);

    // The same thread, named by its root or by a reply in it (deleted since, or not): the stored comment.
    for (const replyTo of [first.body.id, inFirst.body.id]) {
      const again = await comment(reviewer, claim.id, { ...reply, replyTo });
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: posted.body });
    }
    expect((await analyst.delete(`/api/claim-comments/${inFirst.body.id}`)).status).toBe(204);
    expect((await comment(reviewer, claim.id, { ...reply, replyTo: inFirst.body.id })).status).toBe(200);
    // Another thread, no thread, or no such comment: another comment.
    for (const replyTo of [second.body.id, undefined, randomUUID()]) expectError(await comment(reviewer, claim.id, { ...reply, replyTo }), 409);
    const root = { id: randomUUID(), body: 'A thread of its own' };
    expect((await comment(reviewer, claim.id, root)).status).toBe(201);
    expectError(await comment(reviewer, claim.id, { ...root, replyTo: first.body.id }), 409);

    // Sent twice at once, in two threads: one is stored, the other refused.
    const raced = { id: randomUUID(), body: 'Raced' };
    const replies = await Promise.all([first, second].map((c) => comment(reviewer, claim.id, { ...raced, replyTo: c.body.id })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await reviewer.get(`/api/claims/${claim.id}/comments`)).body.map((c: { id: string }) => c.id)).toEqual([
      first.body.id,
      second.body.id,
      reply.id,
      root.id,
      raced.id,
    ]);
  });
});
