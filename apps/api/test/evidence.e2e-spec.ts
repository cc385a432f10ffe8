import { randomUUID } from 'node:crypto';
import { Evidence, Source } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('evidence and sources', () => {
  let app: TestApp;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient, analyst2: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;

  const url = (n = 1) => ({ kind: 'url', url: `https://www.example.org/report-${n}?ref=x`, title: `Report ${n}`, publisher: 'Example News', stance: 'supports' });
  const add = (as: HttpClient, claimId: string, body: Record<string, unknown>) => as.post(`/api/claims/${claimId}/evidence`, body);
  const claim = () => newClaim(owner, articleId, { statement: `A claim ${randomUUID()}` });

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    analyst2 = await newMember(app, owner, workspaceId, 'analyst');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report'));
  });
  afterAll(() => app.close());

  it('adds each kind of evidence, in order, as events, and lists it on the claim', async () => {
    const { id } = await claim();
    const items = [
      url(1),
      { kind: 'document', title: 'Annual water quality report 2024', publisher: 'City Water Authority', publishedAt: '2025-03-01', stance: 'context', reliability: 'high', reliabilityNote: 'Official statistics' },
      { kind: 'quote', excerpt: '“Nitrate fell by 42%,” the report says.', stance: 'supports' },
      { kind: 'note', note: 'Called the authority; awaiting the raw data.', stance: 'unclear' },
    ];
    const created: Evidence[] = [];
    for (const body of items) {
      const res = await add(analyst, id, body);
      expect(res.status).toBe(201);
      expect(Evidence.safeParse(res.body).error).toBeUndefined();
      created.push(res.body);
    }
    expect(created.map((e) => e.position)).toEqual([0, 1, 2, 3]);
    expect(created[0]).toMatchObject({ url: 'https://www.example.org/report-1?ref=x', reliability: 'unknown', createdBy: { id: analyst.user!.id } });
    expect((await viewer.get(`/api/claims/${id}/evidence`)).body).toEqual(created);
    expect((await viewer.get(`/api/claims/${id}`)).body.evidenceIds).toEqual(created.map((e) => e.id));
    const types = ((await owner.get(`/api/articles/${articleId}/events?after=0`)).body as { type: string; data: { claimId?: string } }[])
      .filter((e) => e.data.claimId === id)
      .map((e) => e.type);
    expect(types).toEqual(['evidence.created', 'evidence.created', 'evidence.created', 'evidence.created']);
  });

  it.each([
    ['javascript:', { ...url(), url: 'javascript:alert(1)' }, 'url'],
    ['data:', { ...url(), url: 'data:text/html,<script>alert(1)</script>' }, 'url'],
    ['file:', { ...url(), url: 'file:///etc/passwd' }, 'url'],
    ['too long', { ...url(), url: `https://example.org/${'a'.repeat(2_048)}` }, 'url'],
    ['a url without its url', { kind: 'url', stance: 'supports' }, 'url'],
    ['a quote without its excerpt', { kind: 'quote', stance: 'supports' }, 'excerpt'],
    ['an unknown stance', { ...url(), stance: 'agrees' }, 'stance'],
    ['an unknown reliability', { ...url(), reliability: 'very' }, 'reliability'],
    ['a bad date', { ...url(), publishedAt: 'last May' }, 'publishedAt'],
  ])('refuses %s with a 400 naming the field', async (_, body, path) => {
    const { id } = await claim();
    expectError(await add(analyst, id, body), 400, path);
    expect(await app.prisma.evidence.count({ where: { claimId: id } })).toBe(0);
  });

  it('names a text field\'s limit as people write it', async () => {
    const { id } = await claim();
    const res = await add(analyst, id, { kind: 'quote', stance: 'supports', excerpt: 'a'.repeat(10_001) });
    expectError(res, 400, 'excerpt');
    expect((res.body.error.details as { path: string; message: string }[]).find((d) => d.path === 'excerpt')?.message).toBe('must be at most 10,000 characters');
  });

  it('lets the author and editors edit or remove evidence, nobody else, keeping removed items and their history', async () => {
    const { id } = await claim();
    const item = (await add(analyst, id, url(7))).body as Evidence;
    expectError(await analyst2.patch(`/api/evidence/${item.id}`, { version: 1, stance: 'refutes' }), 403);
    expectError(await viewer.patch(`/api/evidence/${item.id}`, { version: 1, stance: 'refutes' }), 403);
    expectError(await stranger.patch(`/api/evidence/${item.id}`, { version: 1, stance: 'refutes' }), 404);
    const edited = await analyst.patch(`/api/evidence/${item.id}`, { version: 1, stance: 'refutes', reliability: 'low', reliabilityNote: 'Anonymous blog' });
    expect(edited.body).toMatchObject({ stance: 'refutes', reliability: 'low', version: 2 });
    expectError(await editor.patch(`/api/evidence/${item.id}`, { version: 1, stance: 'context' }), 409);
    expectError(await editor.patch(`/api/evidence/${item.id}`, { version: 2, url: null }), 400, 'url');
    expectError(await analyst2.delete(`/api/evidence/${item.id}`), 403);
    expect((await editor.delete(`/api/evidence/${item.id}`)).status).toBe(204);
    expect((await owner.get(`/api/claims/${id}/evidence`)).body).toEqual([]);
    expect(await app.prisma.evidence.count({ where: { id: item.id, deletedAt: { not: null } } })).toBe(1);
    const history = (await owner.get(`/api/claims/${id}/history`)).body.map((h: { text: string }) => h.text);
    expect(history).toEqual([
      'Owner created this claim',
      'analyst added evidence “Report 7” (supports)',
      'analyst edited evidence “Report 7”, now refutes',
      'editor removed evidence “Report 7”',
    ]);
  });

  it('reorders a claim’s evidence, refusing a list that is not exactly its items', async () => {
    const { id } = await claim();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await add(analyst, id, url(n))).body.id);
    const reordered = await analyst2.request('PUT', `/api/claims/${id}/evidence/order`, { ids: [ids[2], ids[0], ids[1]] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.map((e: Evidence) => e.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect((await owner.get(`/api/claims/${id}`)).body.evidenceIds).toEqual([ids[2], ids[0], ids[1]]);
    expectError(await analyst.request('PUT', `/api/claims/${id}/evidence/order`, { ids: [ids[0], ids[1]] }), 409);
    expectError(await analyst.request('PUT', `/api/claims/${id}/evidence/order`, { ids: [ids[0], ids[0], ids[1]] }), 409);
    expectError(await viewer.request('PUT', `/api/claims/${id}/evidence/order`, { ids }), 403);
  });

  it('refuses the 201st item of a claim', async () => {
    const { id } = await claim();
    await app.prisma.evidence.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), claimId: id, kind: 'note' as const, note: `n${i}`, stance: 'unclear' as const, position: i, createdById: owner.user!.id })),
    });
    const res = await add(analyst, id, url());
    expectError(res, 400);
    expect(res.body.error.message).toMatch(/at most 200 evidence items/);
  });

  it('answers a repeated create with the same id with the stored item', async () => {
    const { id } = await claim();
    const body = { id: randomUUID(), ...url(9) };
    const first = await add(analyst, id, body);
    const again = await add(analyst, id, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    expectError(await add(analyst, id, { ...body, stance: 'refutes' }), 409);
  });

  it('answers the same id with any other field changed with 409, not with the stored item', async () => {
    const { id } = await claim();
    const body = { id: randomUUID(), ...url(10), publishedAt: '2025-01-02', reliability: 'high', reliabilityNote: 'official' };
    expect((await add(analyst, id, body)).status).toBe(201);
    for (const change of [{ publisher: 'Other News' }, { publishedAt: '2025-01-03' }, { reliability: 'low' }, { reliabilityNote: 'a blog' }]) {
      expectError(await add(analyst, id, { ...body, ...change }), 409);
    }
    expect((await add(analyst, id, body)).status).toBe(200);
  });

  it('answers a create sent several times at once with one id with one item: 201 once, the stored item otherwise', async () => {
    const { id } = await claim();
    for (let round = 0; round < 3; round++) {
      const body = { id: randomUUID(), ...url(11) };
      const replies = await Promise.all([0, 1, 2].map(() => add(analyst, id, body)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      for (const r of replies) expect(r.body).toEqual(replies[0]!.body);
    }
    expect((await analyst.get(`/api/claims/${id}/evidence`)).body).toHaveLength(3);
  });

  it('records each source once per workspace and shows how the desk cites it', async () => {
    const ws = await newWorkspace(owner, 'Sources desk');
    const { id: article } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'River report');
    const a = await newClaim(owner, article, { statement: 'First' });
    const b = await newClaim(owner, article, { statement: 'Second' });
    const page = 'https://www.example.org/news/river/';
    await add(owner, a.id, { kind: 'url', url: page, stance: 'supports', reliability: 'medium' });
    await add(owner, b.id, { kind: 'url', url: 'http://example.org/news/river?utm=1', stance: 'refutes', reliability: 'high' });
    await add(owner, b.id, { kind: 'document', title: 'Minutes', publisher: 'City Council', stance: 'context' });
    await add(owner, b.id, { kind: 'note', note: 'no source', stance: 'unclear' });
    const sources = (await owner.get(`/api/workspaces/${ws}/sources`)).body as Source[];
    expect(sources.map((s) => Source.parse(s))).toHaveLength(2);
    expect(sources[0]).toMatchObject({
      key: 'example.org/news/river',
      outlet: 'example.org',
      citations: 2,
      stances: { supports: 1, refutes: 1, context: 0, unclear: 0 },
      lastReliability: 'high',
    });
    expect(sources[1]).toMatchObject({ key: 'publisher:city council', outlet: 'City Council', citations: 1 });
    expectError(await stranger.get(`/api/workspaces/${ws}/sources`), 404);
  });
});
