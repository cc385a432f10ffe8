import type { Notification } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { newMember, newUser, newWorkspace } from './support/http-client';
import { openSocket, type LiveSocket, waitFor } from './support/live-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('API token scopes on the live connection', () => {
  let app: TestApp;
  const sockets: LiveSocket[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app.close();
  });

  it('pushes notifications only to tokens with the read scope, as GET /api/notifications answers', async () => {
    const owner = await newUser(app, 'Owner');
    const ws = await newWorkspace(owner, 'Scoped desk');
    const analyst = await newMember(app, owner, ws, 'analyst');
    const writeOnly = (await analyst.post('/api/tokens', { name: 'writer', scopes: ['write'] })).body.token as string;
    const reader = (await analyst.post('/api/tokens', { name: 'reader', scopes: ['read'] })).body.token as string;
    expectError(await analyst.withToken(writeOnly).get('/api/notifications'), 403);

    const heard = { writeOnly: [] as Notification[], reader: [] as Notification[] };
    (await openSocket(sockets, app.url, analyst, { origin: TEST_ORIGIN, token: writeOnly })).on('notification', (n) => heard.writeOnly.push(n));
    (await openSocket(sockets, app.url, analyst, { origin: TEST_ORIGIN, token: reader })).on('notification', (n) => heard.reader.push(n));

    const { id: articleId } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'Assigned');
    const claim = await newClaim(owner, articleId, { statement: 'The river is cleaner than it has been in a century' });
    expect((await owner.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] })).status).toBe(200);

    await waitFor(() => heard.reader.length === 1, 5_000, 'the push to the read token');
    await sleep(300);
    expect(heard.writeOnly).toEqual([]);
  });
});
