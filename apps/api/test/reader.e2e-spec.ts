import { randomUUID } from 'node:crypto';
import { ReaderView } from '@corroborate/contracts';
import { importArticle, selectorsFor } from './support/annotating';
import { expectError } from './support/assertions';
import { ARTICLE } from './support/fixture-article';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { connect, connected, join, type LiveSocket } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

/** GET /articles/:id/reader: the article, its annotations, its claims and the seq to resume live events from. */
describe('reader view', () => {
  let app: TestApp;
  let owner: HttpClient;
  let viewer: HttpClient;
  let stranger: HttpClient;
  let articleId: string;
  let text: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    const workspaceId = await newWorkspace(owner);
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId, text } = await importArticle(owner, workspaceId));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  const comment = (exact: string, body: string) =>
    owner.post(`/api/articles/${articleId}/annotations`, { motivation: 'commenting', body, target: { selector: selectorsFor(text, exact) } });

  it('returns the article, its annotations, its claims and the seq of the last change, matching the separate routes', async () => {
    const first = await comment(ARTICLE.unique[0], 'First');
    const second = await comment(ARTICLE.unique[1], 'Second');
    const claim = await owner.post(`/api/articles/${articleId}/claims`, { statement: 'A checkable statement', targets: [{ selector: selectorsFor(text, ARTICLE.unique[3]) }] });
    expect(claim.status).toBe(201);
    const res = await viewer.get(`/api/articles/${articleId}/reader`);
    expect(res.status).toBe(200);
    const view = ReaderView.parse(res.body);
    expect(view.article).toEqual((await viewer.get(`/api/articles/${articleId}`)).body);
    expect(view.annotations).toEqual((await viewer.get(`/api/articles/${articleId}/annotations`)).body);
    // The list (built in SQL) shows each annotation exactly as its create answered it.
    expect(view.annotations).toEqual(expect.arrayContaining([first.body, second.body]));
    expect(view.claims).toEqual((await viewer.get(`/api/articles/${articleId}/claims`)).body);
    expect(view.claims.map((c) => c.statement)).toEqual(['A checkable statement']);
    const { lastSeq } = await app.prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { lastSeq: true } });
    expect(view.seq).toBe(lastSeq);
    expect(view.seq).toBeGreaterThanOrEqual(2);
  });

  it('lets a join resume from its seq: nothing missed right away, later changes only', async () => {
    const view = ReaderView.parse((await viewer.get(`/api/articles/${articleId}/reader`)).body);
    const socket = connect(app.url, viewer);
    sockets.push(socket);
    await connected(socket);
    expect(await join(socket, articleId, view.seq)).toEqual({ ok: true, seq: view.seq, missed: [] });
    socket.emit('article:leave', { articleId });

    const later = await comment(ARTICLE.unique[2], 'Later');
    const again = await join(socket, articleId, view.seq);
    expect(again).toMatchObject({ ok: true, seq: view.seq + 1 });
    expect('missed' in again && again.missed.map((e) => [e.type, (e.data as { id: string }).id])).toEqual([['annotation.created', later.body.id]]);
  });

  it('is a 404 to someone outside the workspace and for an unknown article, and names a malformed id', async () => {
    expectError(await stranger.get(`/api/articles/${articleId}/reader`), 404);
    expectError(await viewer.get(`/api/articles/${randomUUID()}/reader`), 404);
    expectError(await viewer.get(`/api/articles/not-an-id/reader`), 400, 'articleId');
  });
});
