import type { Notification } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { newMember, newUser, newWorkspace, type HttpClient } from './support/http-client';
import { connect, connected, type LiveSocket, waitFor } from './support/live-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

describe('notifications through an API token bound to one workspace', () => {
  let app: TestApp;
  const sockets: LiveSocket[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app.close();
  });

  const listen = async (token: string | undefined, as: HttpClient) => {
    const socket = connect(app.url, as, { origin: TEST_ORIGIN, ...(token ? { token } : {}) });
    sockets.push(socket);
    await connected(socket);
    const received: Notification[] = [];
    socket.on('notification', (n) => received.push(n));
    return received;
  };

  it('lists, pushes and marks read only that workspace’s notifications', async () => {
    const owner = await newUser(app, 'Owner');
    const [here, there] = [await newWorkspace(owner, 'Here desk'), await newWorkspace(owner, 'There desk')];
    const analyst = await newMember(app, owner, here, 'analyst');
    const invite = (await owner.post(`/api/workspaces/${there}/invites`, { role: 'analyst' })).body.token as string;
    expect((await analyst.post(`/api/invites/${invite}/accept`, {})).status).toBe(200);
    const bound = (await analyst.post('/api/tokens', { name: 'here only', scopes: ['read', 'write'], workspaceId: here })).body.token as string;
    const script = analyst.withToken(bound);

    const [byToken, bySession] = [await listen(bound, analyst), await listen(undefined, analyst)];
    const assign = async (workspaceId: string, statement: string) => {
      const { id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, statement);
      const claim = await newClaim(owner, articleId, { statement });
      expect((await owner.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] })).status).toBe(200);
      return claim.id as string;
    };
    const thereClaim = await assign(there, 'Claim in the other desk');
    const hereClaim = await assign(here, 'Claim in this desk');

    await waitFor(() => bySession.length === 2 && byToken.length === 1, 5_000, 'the pushes');
    expect(byToken.map((n) => n.claimId)).toEqual([hereClaim]);
    expect(bySession.map((n) => n.claimId).sort()).toEqual([hereClaim, thereClaim].sort());

    const listed = (await script.get('/api/notifications')).body;
    expect({ claims: listed.items.map((n: Notification) => n.claimId), unread: listed.unread }).toEqual({ claims: [hereClaim], unread: 1 });
    expect((await analyst.get('/api/notifications')).body.unread).toBe(2);

    // The other workspace's notification is not the token's to mark read, one by one or all at once.
    const other = bySession.find((n) => n.claimId === thereClaim)!;
    expectError(await script.post(`/api/notifications/${other.id}/read`, {}), 404);
    expect((await script.post('/api/notifications/read-all', {})).status).toBe(204);
    const after = (await analyst.get('/api/notifications')).body.items as Notification[];
    expect(after.map((n) => [n.claimId, n.readAt === null])).toEqual(
      expect.arrayContaining([
        [hereClaim, false],
        [thereClaim, true],
      ]),
    );
  });
});
