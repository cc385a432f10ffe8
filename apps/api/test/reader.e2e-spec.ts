import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { READER_CANDIDATES, ReaderView } from '@corroborate/contracts';
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
  let workspaceId: string;
  let articleId: string;
  let text: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
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
    // What the reader's panels show: the same as their own routes answer.
    expect(view.members).toEqual((await viewer.get(`/api/workspaces/${workspaceId}/members`)).body);
    expect(view.members.map((m) => m.userId).sort()).toEqual([owner.user!.id, viewer.user!.id].sort());
    expect(view.ratingScale).toEqual((await viewer.get(`/api/workspaces/${workspaceId}/rating-scale`)).body);
    expect(view.candidates).toEqual((await viewer.get(`/api/articles/${articleId}/claim-candidates?include=dismissed&limit=${READER_CANDIDATES}`)).body);
    expect(view.candidates.length).toBeGreaterThan(0);
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

  describe('served once per change', () => {
    const readerPath = () => `/api/articles/${articleId}/reader`;
    const read = async () => ReaderView.parse((await viewer.get(readerPath())).body);
    /** The view, asked for again every 200 ms until `shows` holds of it or 10 s have passed. */
    const readUntil = async (shows: (view: ReaderView) => boolean) => {
      const until = Date.now() + 10_000;
      let view = await read();
      while (Date.now() < until && !shows(view)) {
        await new Promise((r) => setTimeout(r, 200));
        view = await read();
      }
      return view;
    };

    it('answers 304 to a client holding the current view, and the new view once anything changes', async () => {
      const first = await viewer.get(readerPath());
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"\d+-[\w-]+"$/);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      const again = await viewer.request('GET', readerPath(), undefined, { 'if-none-match': etag });
      expect([again.status, again.body]).toEqual([304, '']);
      // Another member holding the same copy is answered the same way.
      expect((await owner.request('GET', readerPath(), undefined, { 'if-none-match': etag })).status).toBe(304);

      const added = await comment(ARTICLE.unique[4], 'Added after the first open');
      const fresh = await viewer.request('GET', readerPath(), undefined, { 'if-none-match': etag });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).not.toBe(etag);
      const view = ReaderView.parse(fresh.body);
      expect(view.seq).toBe(ReaderView.parse(first.body).seq + 1);
      expect(view.annotations).toContainEqual(added.body);
    });

    it('never answers someone outside the workspace, even with the current ETag', async () => {
      const etag = (await viewer.get(readerPath())).headers.get('etag')!;
      const res = await stranger.request('GET', readerPath(), undefined, { 'if-none-match': etag });
      expectError(res, 404);
    });

    it('compresses a large view for a client that accepts gzip, and sends it plain to one that does not', async () => {
      // Enough comments for the view to be worth compressing.
      for (let i = 0; i < 12; i++) await comment(ARTICLE.unique[i % 6]!, `Note ${i}: ${'who said so, and where? '.repeat(20)}`);
      const url = `${app.url}${readerPath()}`;
      const gzipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        http.get(url, { headers: { cookie: viewer.cookie!, 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      const plain = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        http.get(url, { headers: { cookie: viewer.cookie!, 'accept-encoding': 'identity' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect([gzipped.encoding, plain.encoding]).toEqual(['gzip', undefined]);
      expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
      expect(JSON.parse(gunzipSync(gzipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
      expect(ReaderView.parse(JSON.parse(plain.body.toString('utf8'))).annotations.length).toBeGreaterThanOrEqual(12);
    });

    it('shows a changed display name soon after, though the seq did not move', async () => {
      const before = await read();
      expect(before.annotations.some((a) => a.author.displayName === 'Owner')).toBe(true);
      await app.prisma.user.update({ where: { id: owner.user!.id }, data: { displayName: 'Owner, renamed' } });
      try {
        const view = await readUntil((v) => v.annotations.some((a) => a.author.displayName === 'Owner, renamed'));
        expect(view.seq).toBe(before.seq);
        expect(view.annotations.filter((a) => a.author.id === owner.user!.id).map((a) => a.author.displayName)).toEqual(
          before.annotations.filter((a) => a.author.id === owner.user!.id).map(() => 'Owner, renamed'),
        );
      } finally {
        await app.prisma.user.update({ where: { id: owner.user!.id }, data: { displayName: 'Owner' } });
      }
    });

    it('shows the verdicts a claim needs once the workspace changes it, though the seq did not move', async () => {
      const before = await read();
      expect(before.claims.map((c) => c.review.required)).toEqual(before.claims.map(() => 2));
      expect((await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { requiredVerdicts: 3 })).status).toBe(200);
      const view = await readUntil((v) => v.claims.every((c) => c.review.required === 3));
      expect(view.seq).toBe(before.seq);
      expect(view.claims.length).toBeGreaterThan(0);
      expect(view.claims.map((c) => c.review.required)).toEqual(view.claims.map(() => 3));
    });

    it('shows who joins, leaves or changes role soon after, with their names, though the seq did not move', async () => {
      const before = await read();
      const joiner = await newMember(app, owner, workspaceId, 'analyst');
      let view = await readUntil((v) => v.members.some((m) => m.userId === joiner.user!.id));
      expect(view.seq).toBe(before.seq);
      expect(view.members).toEqual((await viewer.get(`/api/workspaces/${workspaceId}/members`)).body);

      expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${joiner.user!.id}`, { role: 'reviewer' })).status).toBe(200);
      view = await readUntil((v) => v.members.some((m) => m.userId === joiner.user!.id && m.role === 'reviewer'));
      expect(view.members.find((m) => m.userId === joiner.user!.id)?.role).toBe('reviewer');

      await app.prisma.user.update({ where: { id: joiner.user!.id }, data: { displayName: 'Joiner, renamed' } });
      view = await readUntil((v) => v.members.some((m) => m.displayName === 'Joiner, renamed'));
      expect(view.members.find((m) => m.userId === joiner.user!.id)?.displayName).toBe('Joiner, renamed');

      expect((await owner.request('DELETE', `/api/workspaces/${workspaceId}/members/${joiner.user!.id}`)).status).toBe(204);
      view = await readUntil((v) => !v.members.some((m) => m.userId === joiner.user!.id));
      expect(view.members.map((m) => m.userId)).not.toContain(joiner.user!.id);
      expect(view.seq).toBe(before.seq);
    });

    it('shows a changed rating scale soon after, though the seq did not move', async () => {
      const before = await read();
      const scale = before.ratingScale;
      const relabelled = [{ ...scale[0]!, label: 'Accurate' }, ...scale.slice(1)];
      expect((await owner.request('PUT', `/api/workspaces/${workspaceId}/rating-scale`, { ratings: relabelled })).status).toBe(200);
      const view = await readUntil((v) => v.ratingScale[0]?.label === 'Accurate');
      expect(view.ratingScale).toEqual(relabelled);
      expect(view.seq).toBe(before.seq);
    });

    it('marks a suggestion dismissed in another article of the workspace soon after, though the seq did not move', async () => {
      const before = await read();
      const candidate = before.candidates.find((c) => !c.dismissed)!;
      expect(candidate).toBeDefined();
      const other = await importArticle(owner, workspaceId);
      const dismissed = await owner.post(`/api/articles/${other.id}/claim-candidates/dismissals`, { sentence: candidate.sentence });
      expect(dismissed.status).toBe(201);
      let view = await readUntil((v) => v.candidates.some((c) => c.hash === candidate.hash && c.dismissed));
      expect(view.candidates.find((c) => c.hash === candidate.hash)?.dismissed).toBe(true);
      expect(view.seq).toBe(before.seq);

      expect((await owner.request('DELETE', `/api/claim-candidate-dismissals/${dismissed.body.id}`)).status).toBe(204);
      view = await readUntil((v) => v.candidates.some((c) => c.hash === candidate.hash && !c.dismissed));
      expect(view.candidates.find((c) => c.hash === candidate.hash)?.dismissed).toBe(false);
    });
  });

  it('is a 404 to someone outside the workspace and for an unknown article, and names a malformed id', async () => {
    expectError(await stranger.get(`/api/articles/${articleId}/reader`), 404);
    expectError(await viewer.get(`/api/articles/${randomUUID()}/reader`), 404);
    expectError(await viewer.get(`/api/articles/not-an-id/reader`), 400, 'articleId');
  });
});
