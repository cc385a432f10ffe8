import type { Notification } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { join, type LiveSocket, openSocket, recordEvents, waitFor } from './support/live-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

describe('claims live', () => {
  let app: TestApp;
  let editor: HttpClient, analyst: HttpClient, other: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;
  const sockets: LiveSocket[] = [];

  const open = (as: HttpClient) => openSocket(sockets, app.url, as, { origin: TEST_ORIGIN });
  const notificationsOf = (socket: LiveSocket) => {
    const received: Notification[] = [];
    socket.on('notification', (n) => received.push(n));
    return received;
  };

  beforeAll(async () => {
    app = await startTestApp();
    editor = await newUser(app, 'Editor');
    workspaceId = await newWorkspace(editor);
    analyst = await newMember(app, editor, workspaceId, 'analyst');
    other = await newMember(app, editor, workspaceId, 'analyst');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId, text } = await importArticle(editor, workspaceId, CLAIMS_ARTICLE, 'River report'));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  it('streams claim, evidence and comment changes to the article room in seq order', async () => {
    const reader = await open(other);
    const received = recordEvents(reader);
    const ack = await join(reader, articleId);
    expect(ack.ok).toBe(true);
    const startSeq = ack.ok && 'missed' in ack ? ack.seq : 0;

    const claim = await newClaim(editor, articleId, claimOn(text, 'the number of fish species counted in the lower reach rose from 11 to 19'));
    await editor.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] });
    const evidence = await analyst.post(`/api/claims/${claim.id}/evidence`, { kind: 'url', url: 'https://example.org/survey', stance: 'supports' });
    await analyst.post(`/api/claims/${claim.id}/comments`, { body: 'Survey attached' });

    await waitFor(() => received.length >= 4, 5_000, 'four events');
    expect(received.map((e) => e.type)).toEqual(['claim.created', 'claim.updated', 'evidence.created', 'claim-comment.created']);
    expect(received.map((e) => e.seq)).toEqual([startSeq + 1, startSeq + 2, startSeq + 3, startSeq + 4]);
    expect(received[1]!.data).toMatchObject({ id: claim.id, status: 'assigned', assignees: [{ id: analyst.user!.id }] });
    expect(received[2]!.data).toMatchObject({ id: evidence.body.id, claimId: claim.id });
  });

  it('pushes a notification to the assignee’s own sockets only, whichever page they are on', async () => {
    const [assigneeTab1, assigneeTab2, bystander] = [await open(analyst), await open(analyst), await open(other)];
    const got1 = notificationsOf(assigneeTab1);
    const got2 = notificationsOf(assigneeTab2);
    const gotOther = notificationsOf(bystander);
    const claim = await newClaim(editor, articleId, { statement: 'The mayor spent $310 million' });
    await editor.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id], dueAt: '2026-12-03' });
    await waitFor(() => got1.length === 1 && got2.length === 1, 5_000, 'the notification on both tabs');
    expect(got1[0]).toMatchObject({ kind: 'claim.assigned', claimId: claim.id, articleId, text: 'Editor assigned you “The mayor spent $310 million”, due Dec 3' });
    expect(got2[0]).toEqual(got1[0]);
    // The same notification is stored for later.
    const stored = (await analyst.get('/api/notifications')).body.items;
    expect(stored[0]).toEqual(got1[0]);
    // A moment for anything misrouted to arrive.
    await new Promise((r) => setTimeout(r, 200));
    expect(gotOther).toEqual([]);
  });

  it('never sends a non-member anything about the article', async () => {
    const outsider = await open(stranger);
    const received = recordEvents(outsider);
    const notes = notificationsOf(outsider);
    const ack = await join(outsider, articleId);
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const claim = await newClaim(editor, articleId, { statement: 'Private claim' });
    await editor.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] });
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toEqual([]);
    expect(notes).toEqual([]);
  });
});
