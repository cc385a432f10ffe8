import { randomUUID } from 'node:crypto';
import type { SocketWriteAck, SocketWriteEvent, SocketWritePayload } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { type HttpClient, type Reply, newMember, newUser, newWorkspace } from './support/http-client';
import { join, type LiveSocket, openSocket, recordEvents, waitFor } from './support/live-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

/*
 * Writes over the socket are another transport for the REST routes: the same request must get
 * the same answer (status, body, error shape) and leave the same trace (one event, one audit entry).
 */
describe('writes over the socket', () => {
  let app: TestApp;
  let editor: HttpClient, analyst: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;
  const sockets: LiveSocket[] = [];

  const open = (as: HttpClient) => openSocket(sockets, app.url, as, { origin: TEST_ORIGIN });
  const send = <E extends SocketWriteEvent>(socket: LiveSocket, event: E, payload: SocketWritePayload<E>): Promise<SocketWriteAck<E>> =>
    socket.timeout(5_000).emitWithAck(event as 'claim:create', payload as never) as Promise<SocketWriteAck<E>>;
  /** What the REST answer says, in the ack's shape. */
  const asAck = (res: Reply) => (res.status < 400 ? { ok: true, status: res.status, data: res.body } : { ok: false, status: res.status, error: res.body.error });
  const highlight = (exact: string, extra: Record<string, unknown> = {}) => {
    const start = text.indexOf(exact);
    return {
      motivation: 'commenting' as const,
      body: 'Source?',
      target: { selector: [{ type: 'TextQuoteSelector' as const, exact }, { type: 'TextPositionSelector' as const, start, end: start + exact.length }] },
      ...extra,
    };
  };

  beforeAll(async () => {
    app = await startTestApp();
    editor = await newUser(app, 'Editor');
    workspaceId = await newWorkspace(editor);
    analyst = await newMember(app, editor, workspaceId, 'analyst');
    viewer = await newMember(app, editor, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId, text } = await importArticle(editor, workspaceId, CLAIMS_ARTICLE, 'River report'));
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => app.close());

  it('creates an annotation: the ack carries it as REST stores it, and the event reaches the other reader', async () => {
    const writer = await open(analyst);
    const reader = await open(viewer);
    const joined = await join(reader, articleId);
    expect(joined).toMatchObject({ ok: true });
    const seen = recordEvents(reader);

    const id = randomUUID();
    const ack = await send(writer, 'annotation:create', { articleId, body: highlight('nitrate levels', { id }) });
    expect(ack).toMatchObject({ ok: true, status: 201, data: { id, articleId, body: 'Source?', version: 1, author: { id: analyst.user!.id } } });
    const stored = (await editor.get(`/api/articles/${articleId}/annotations`)).body.find((a: { id: string }) => a.id === id);
    expect(ack).toEqual({ ok: true, status: 201, data: stored });

    await waitFor(() => seen.length === 1, 5_000, 'the event');
    expect(seen[0]).toMatchObject({ type: 'annotation.created', seq: (joined as { seq: number }).seq + 1, actorId: analyst.user!.id, data: { id } });
  });

  it('answers each write as its own sender, with several people writing at once', async () => {
    // One listener per event serves every socket: each write must still run as its socket's user.
    const writers = [editor, analyst, viewer, stranger];
    const theirs = await Promise.all(writers.map((w) => open(w)));
    const acks = await Promise.all(
      theirs.flatMap((socket) => [1, 2, 3].map(() => send(socket, 'annotation:create', { articleId, body: highlight('nitrate levels') }))),
    );
    const by = (i: number) => acks.slice(i * 3, i * 3 + 3);
    for (const [i, writer] of [editor, analyst].entries()) {
      for (const ack of by(i)) expect(ack).toMatchObject({ ok: true, status: 201, data: { author: { id: writer.user!.id } } });
    }
    for (const ack of by(2)) expect(ack).toMatchObject({ ok: false, status: 403 });
    for (const ack of by(3)) expect(ack).toMatchObject({ ok: false, status: 404 });
  });

  it('an identical retry answers 200 with the stored annotation and writes nothing; the same id with another body is 409, as over REST', async () => {
    const writer = await open(analyst);
    const reader = await open(editor);
    await join(reader, articleId);
    const seen = recordEvents(reader);
    const id = randomUUID();
    const body = highlight('paper mills', { id });

    const first = await send(writer, 'annotation:create', { articleId, body });
    const retry = await send(writer, 'annotation:create', { articleId, body });
    expect(first).toMatchObject({ ok: true, status: 201 });
    expect(retry).toEqual({ ...first, status: 200 });
    expect(asAck(await analyst.post(`/api/articles/${articleId}/annotations`, body))).toEqual(retry);

    const other = { ...body, body: 'Something else' };
    const clash = await send(writer, 'annotation:create', { articleId, body: other });
    expect(clash).toMatchObject({ ok: false, status: 409, error: { code: 'CONFLICT' } });
    expect(clash).toEqual(asAck(await analyst.post(`/api/articles/${articleId}/annotations`, other)));

    // One event for the one stored annotation, however often it was sent.
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.filter((e) => (e.data as { id?: string }).id === id).map((e) => e.type)).toEqual(['annotation.created']);
    expect(await app.prisma.annotation.count({ where: { id } })).toBe(1);
  });

  it('refuses bad input with REST’s 400, naming the same fields', async () => {
    const writer = await open(analyst);
    const bad = { motivation: 'pondering', target: { selector: [{ type: 'TextPositionSelector', start: -1, end: 4 }] } };
    const ack = await send(writer, 'annotation:create', { articleId, body: bad as never });
    expect(ack).toMatchObject({ ok: false, status: 400, error: { code: 'VALIDATION_FAILED' } });
    const paths = (ack as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['motivation']));
    expect(ack).toEqual(asAck(await analyst.post(`/api/articles/${articleId}/annotations`, bad)));

    const badId = await send(writer, 'claim:create', { articleId: 'not-a-uuid', body: { statement: 'x' } });
    expect(badId).toEqual(asAck(await analyst.post('/api/articles/not-a-uuid/claims', { statement: 'x' })));
    expect(badId).toMatchObject({ status: 400, error: { details: [{ path: 'articleId' }] } });

    const nul = await send(writer, 'claim:create', { articleId, body: { statement: 'a\u0000b' } });
    expect(nul).toMatchObject({ ok: false, status: 400, error: { details: [{ path: 'statement' }] } });
    expect(nul).toEqual(asAck(await analyst.post(`/api/articles/${articleId}/claims`, { statement: 'a\u0000b' })));

    const noBody = await send(writer, 'claim:create', { articleId } as never);
    expect(noBody).toMatchObject({ ok: false, status: 400, error: { details: [{ path: 'statement' }] } });
  });

  it('answers a workspace-bound token’s ids of any shape, and the connection and the server go on', async () => {
    const token = (await editor.post('/api/tokens', { name: 'bot', scopes: ['read', 'write'], workspaceId })).body.token as string;
    const bot = await openSocket(sockets, app.url, editor, { token, origin: TEST_ORIGIN });
    const claim = await newClaim(editor, articleId, claimOn(text, 'the largest investment in our history'));
    const change = { version: claim.version, tags: ['checked'] };

    // An id in an array, and a field named like an inherited property: refused as REST refuses a bad id.
    const asArray = await send(bot, 'claim:update', { claimId: [claim.id], body: change } as never);
    expect(asArray).toMatchObject({ ok: false, status: 400, error: { details: [{ path: 'claimId' }] } });
    const inherited = await send(bot, 'claim:update', { claimId: claim.id, hasOwnProperty: claim.id, constructor: claim.id, body: change } as never);
    expect(inherited).toMatchObject({ ok: true, status: 200, data: { tags: ['checked'] } });

    expect(bot.connected).toBe(true);
    const after = await send(bot, 'claim:update', { claimId: claim.id, body: { version: claim.version + 1, tags: ['twice'] } });
    expect(after).toMatchObject({ ok: true, status: 200, data: { tags: ['twice'] } });
    expect((await editor.get('/api/me')).status).toBe(200);
  });

  it('answers a viewer 403 and a non-member 404, as REST does, and writes nothing', async () => {
    const claim = await newClaim(editor, articleId, claimOn(text, 'the largest investment in our history'));
    const events = () => app.prisma.articleEvent.count({ where: { articleId } });
    const before = await events();
    const cases: [HttpClient, number][] = [
      [viewer, 403],
      [stranger, 404],
    ];
    for (const [client, status] of cases) {
      const socket = await open(client);
      const writes: [SocketWriteEvent, Record<string, unknown>, string, string, unknown][] = [
        ['annotation:create', { articleId, body: highlight('nitrate levels') }, 'POST', `/api/articles/${articleId}/annotations`, highlight('nitrate levels')],
        ['claim:create', { articleId, body: { statement: 'Mine' } }, 'POST', `/api/articles/${articleId}/claims`, { statement: 'Mine' }],
        ['claim:update', { claimId: claim.id, body: { version: 1, priority: 'high' } }, 'PATCH', `/api/claims/${claim.id}`, { version: 1, priority: 'high' }],
        ['evidence:create', { claimId: claim.id, body: { kind: 'note', note: 'n', stance: 'unclear' } }, 'POST', `/api/claims/${claim.id}/evidence`, { kind: 'note', note: 'n', stance: 'unclear' }],
        ['claim-comment:create', { claimId: claim.id, body: { body: 'Hi' } }, 'POST', `/api/claims/${claim.id}/comments`, { body: 'Hi' }],
      ];
      for (const [event, payload, method, path, body] of writes) {
        const ack = await send(socket, event, payload as never);
        expect({ event, status: ack.status, ok: ack.ok }).toEqual({ event, status, ok: false });
        expect(ack).toEqual(asAck(await client.request(method, path, body)));
      }
    }
    expect(await events()).toBe(before);
  });

  it('answers a stale version 409 with the current object, as REST does', async () => {
    const writer = await open(editor);
    const created = await send(writer, 'annotation:create', { articleId, body: highlight('fish species') });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const annotationId = created.data.id;
    const updated = await send(writer, 'annotation:update', { annotationId, body: { version: 1, body: 'Counted by whom?' } });
    expect(updated).toMatchObject({ ok: true, status: 200, data: { id: annotationId, version: 2, body: 'Counted by whom?' } });

    const stale = await send(writer, 'annotation:update', { annotationId, body: { version: 1, body: 'Late' } });
    expect(stale).toMatchObject({ ok: false, status: 409, error: { code: 'CONFLICT', current: { id: annotationId, version: 2 } } });
    expect(stale).toEqual(asAck(await editor.patch(`/api/annotations/${annotationId}`, { version: 1, body: 'Late' })));
  });

  it('creates and updates claims, evidence and comments, each event reaching the other reader', async () => {
    const writer = await open(analyst);
    const boss = await open(editor);
    const reader = await open(viewer);
    await join(reader, articleId);
    const seen = recordEvents(reader);

    const claim = await send(writer, 'claim:create', { articleId, body: claimOn(text, 'nitrate levels fell by 42 percent') as never });
    if (!claim.ok) throw new Error(JSON.stringify(claim));
    expect(claim).toMatchObject({ status: 201, data: { statement: 'nitrate levels fell by 42 percent', version: 1 } });
    const claimId = claim.data.id;
    const edited = await send(boss, 'claim:update', { claimId, body: { version: 1, priority: 'high' } });
    expect(edited).toMatchObject({ ok: true, status: 200, data: { id: claimId, priority: 'high', version: 2 } });
    expect((await send(boss, 'claim:update', { claimId, body: { version: 1, priority: 'low' } })).status).toBe(409);

    const evidence = await send(writer, 'evidence:create', { claimId, body: { kind: 'url', url: 'https://example.org/survey', stance: 'supports' } });
    if (!evidence.ok) throw new Error(JSON.stringify(evidence));
    expect(evidence).toMatchObject({ status: 201, data: { claimId, stance: 'supports', version: 1 } });
    const restated = await send(boss, 'evidence:update', { evidenceId: evidence.data.id, body: { version: 1, stance: 'context' } });
    expect(restated).toMatchObject({ ok: true, status: 200, data: { stance: 'context', version: 2 } });

    const commentId = randomUUID();
    const comment = await send(writer, 'claim-comment:create', { claimId, body: { id: commentId, body: 'Survey attached' } });
    expect(comment).toMatchObject({ ok: true, status: 201, data: { id: commentId, body: 'Survey attached' } });
    expect(await send(writer, 'claim-comment:create', { claimId, body: { id: commentId, body: 'Survey attached' } })).toMatchObject({ ok: true, status: 200 });
    const reworded = await send(writer, 'claim-comment:update', { commentId, body: { version: 1, body: 'Survey attached (2024)' } });
    expect(reworded).toMatchObject({ ok: true, status: 200, data: { body: 'Survey attached (2024)', version: 2 } });

    // What REST reads back is what the acks said.
    expect(asAck(await viewer.get(`/api/claims/${claimId}/comments`)).data).toEqual([(reworded as { data: unknown }).data]);

    await waitFor(() => seen.length >= 6, 5_000, 'six events');
    expect(seen.map((e) => e.type)).toEqual(['claim.created', 'claim.updated', 'evidence.created', 'evidence.updated', 'claim-comment.created', 'claim-comment.updated']);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => seen[0]!.seq + i));
  });
});
