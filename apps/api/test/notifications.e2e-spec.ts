import type { Notification, NotificationsPage } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('GET /api/notifications', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('pages newest first, each once, with the unread count, the actor and the account’s own notices; a left workspace’s are gone', async () => {
    const owner = await newUser(app, 'Owner Ada');
    const [kept, left] = [await newWorkspace(owner, 'Kept desk'), await newWorkspace(owner, 'Left desk')];
    const analyst = await newMember(app, owner, kept, 'analyst');
    expect((await owner.post(`/api/workspaces/${left}/members`, { email: analyst.user!.email, role: 'analyst' })).status).toBe(201);

    const assign = async (workspaceId: string, statement: string) => {
      const { id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, statement);
      const claim = await newClaim(owner, articleId, { statement });
      expect((await owner.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] })).status).toBe(200);
      return claim.id as string;
    };
    const keptClaims = [await assign(kept, 'First kept claim'), await assign(kept, 'Second kept claim'), await assign(kept, 'Third kept claim')];
    const leftClaim = await assign(left, 'Claim in the desk left later');
    // A notice about the account itself (no workspace): someone tried to sign up with its address.
    await new HttpClient(app.url).post('/api/auth/register', { email: analyst.user!.email, password: 'some long password', displayName: 'Impostor' });

    const all = (await analyst.get<NotificationsPage>('/api/notifications?limit=50')).body;
    expect(all.unread).toBe(5);
    expect(all.nextBefore).toBeNull();
    expect(all.items.map((n) => n.kind)).toEqual(['account.signup_attempt', ...Array(4).fill('claim.assigned')]);
    expect(all.items.slice(1).map((n) => n.claimId)).toEqual([leftClaim, ...[...keptClaims].reverse()]);
    expect(all.items[0]).toMatchObject({ workspaceId: null, actor: null, readAt: null });
    expect(all.items[1]!.actor).toEqual({ id: owner.user!.id, displayName: 'Owner Ada' });

    // Two at a time: every notification once, in the same order, the last page saying so.
    const paged: Notification[] = [];
    let before: string | null = null;
    do {
      const page: NotificationsPage = (await analyst.get<NotificationsPage>(`/api/notifications?limit=2${before ? `&before=${before}` : ''}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.unread).toBe(5);
      paged.push(...page.items);
      before = page.nextBefore;
    } while (before);
    expect(paged.map((n) => n.id)).toEqual(all.items.map((n) => n.id));

    // Read ones drop out of the unread filter and the count.
    expect((await analyst.post(`/api/notifications/${all.items[2]!.id}/read`, {})).status).toBe(204);
    const unread = (await analyst.get<NotificationsPage>('/api/notifications?unread=true')).body;
    expect(unread.unread).toBe(4);
    expect(unread.items.map((n) => n.id)).toEqual(all.items.filter((_, i) => i !== 2).map((n) => n.id));

    // Removed from a workspace, its notifications (one unread) are no longer theirs to see.
    expect((await owner.delete(`/api/workspaces/${left}/members/${analyst.user!.id}`)).status).toBe(204);
    const after = (await analyst.get<NotificationsPage>('/api/notifications')).body;
    expect(after.items.map((n) => n.claimId)).not.toContain(leftClaim);
    expect(after.items).toHaveLength(4);
    expect(after.unread).toBe(3);
  });
});
