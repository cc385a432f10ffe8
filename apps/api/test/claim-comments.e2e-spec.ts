import { randomUUID } from 'node:crypto';
import type { Notification } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
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
});
