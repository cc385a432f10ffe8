import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Claim, FactChecks, ReaderView, SimilarClaim } from '@corroborate/contracts';
import { importArticle } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { discoveryArticle } from './support/discovery';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

const ORIGINAL = 'nitrate levels fell by 42 percent between 2019 and 2024';
const REWORDED = "Between 2019 and 2024 the river's nitrate levels dropped 42 percent";

describe('similar claims and duplicates', () => {
  let app: TestApp;
  let owner: HttpClient, analyst: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let riverId: string, budgetId: string;
  let original: Claim, reworded: Claim, unrelated: Claim;

  const get = async (as: HttpClient, path: string) => {
    const res = await as.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const claim = (id: string): Promise<Claim> => get(owner, `/api/claims/${id}`);

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Olga Owner');
    workspaceId = await newWorkspace(owner);
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    const river = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report');
    riverId = river.id;
    budgetId = (await importArticle(owner, workspaceId, discoveryArticle('transit-budget'), 'Transit budget')).id;
    original = await newClaim(analyst, riverId, claimOn(river.text, ORIGINAL));
    unrelated = await newClaim(analyst, riverId, { statement: 'The city spent $310 million on new treatment plants' });
    reworded = await newClaim(analyst, budgetId, { statement: REWORDED });
    // A verdict reached: the original is resolved as false (reviews are not built yet).
    await app.prisma.claim.update({ where: { id: original.id }, data: { status: 'resolved', rating: 'false' } });
  });
  afterAll(() => app.close());

  describe('finding', () => {
    it('finds a reworded claim’s original in another article, with its article, status and rating', async () => {
      const list: SimilarClaim[] = await get(viewer, `/api/claims/${reworded.id}/similar`);
      for (const s of list) expect(SimilarClaim.safeParse(s).error).toBeUndefined();
      expect(list[0]).toMatchObject({
        id: original.id,
        articleId: riverId,
        articleTitle: 'River report',
        statement: ORIGINAL,
        status: 'resolved',
        rating: 'false',
        linked: null,
      });
      expect(list[0]!.score).toBeGreaterThan(0.3);
      expect(list.map((s) => s.id)).not.toContain(reworded.id);
      expect(list.map((s) => s.id)).not.toContain(unrelated.id);
    });

    it('finds claims like a statement being typed, and leaves out `exclude`', async () => {
      const typed: SimilarClaim[] = await get(analyst, `/api/workspaces/${workspaceId}/similar-claims?q=${encodeURIComponent('nitrate levels dropped by 42%')}`);
      expect(typed.map((s) => s.id).slice(0, 2).sort()).toEqual([original.id, reworded.id].sort());
      const excluded: SimilarClaim[] = await get(analyst, `/api/workspaces/${workspaceId}/similar-claims?q=${encodeURIComponent(REWORDED)}&exclude=${reworded.id}`);
      expect(excluded.map((s) => s.id)).toEqual([original.id]);
      expect(await get(analyst, `/api/workspaces/${workspaceId}/similar-claims?q=${encodeURIComponent('Completely different words about football')}`)).toEqual([]);
    });

    it('never shows another workspace’s claims', async () => {
      const theirs = await newWorkspace(stranger);
      const article = await importArticle(stranger, theirs, CLAIMS_ARTICLE, 'Their river');
      const their = await newClaim(stranger, article.id, claimOn(article.text, ORIGINAL));
      const ours: SimilarClaim[] = await get(owner, `/api/workspaces/${workspaceId}/similar-claims?q=${encodeURIComponent(ORIGINAL)}`);
      expect(ours.map((s) => s.id)).not.toContain(their.id);
      const found: SimilarClaim[] = await get(stranger, `/api/workspaces/${theirs}/similar-claims?q=${encodeURIComponent(ORIGINAL)}`);
      expect(found.map((s) => s.id)).toEqual([their.id]);
    });

    it('is 404 for non-members and 400 for a bad query; hostile text finds nothing and never fails', async () => {
      expectError(await stranger.get(`/api/claims/${reworded.id}/similar`), 404);
      expectError(await stranger.get(`/api/workspaces/${workspaceId}/similar-claims?q=river`), 404);
      expectError(await owner.get(`/api/workspaces/${workspaceId}/similar-claims`), 400, 'q');
      expectError(await owner.get(`/api/workspaces/${workspaceId}/similar-claims?q=${'a'.repeat(2_001)}`), 400, 'q');
      expectError(await owner.get(`/api/workspaces/${workspaceId}/similar-claims?q=river&limit=500`), 400, 'limit');
      for (const q of ["' OR 1=1 --", '"unbalanced', '!!! ... ???', '%_\\', 'the of and', '& | ! <-> :*']) {
        const res = await owner.get(`/api/workspaces/${workspaceId}/similar-claims?q=${encodeURIComponent(q)}`);
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
      }
    });
  });

  describe('linking duplicates', () => {
    let third: Claim;

    it('records the link both ways: the duplicate shows its original’s rating, the original lists it', async () => {
      const after = await analyst.post(`/api/claims/${reworded.id}/duplicate-of`, { originalId: original.id, version: reworded.version });
      expect(after.status).toBe(200);
      expect(Claim.safeParse(after.body).error).toBeUndefined();
      expect(after.body.duplicateOf).toEqual({ id: original.id, articleId: riverId, articleTitle: 'River report', statement: ORIGINAL, status: 'resolved', rating: 'false' });
      expect(after.body.version).toBe(reworded.version + 1);
      reworded = after.body;
      const o = await claim(original.id);
      expect(o.duplicates.map((d) => d.id)).toEqual([reworded.id]);
      expect(o.version).toBe(original.version + 1);
      original = o;
      expect((await get(owner, `/api/claims/${reworded.id}/similar`))[0]).toMatchObject({ id: original.id, linked: 'original' });
      expect((await get(owner, `/api/claims/${original.id}/similar`))[0]).toMatchObject({ id: reworded.id, linked: 'duplicate' });
    });

    it('tells both articles’ streams, and the history says so', async () => {
      const events = async (articleId: string) =>
        ((await get(owner, `/api/articles/${articleId}/events?after=0`)) as { type: string; data: Claim }[]).filter((e) => e.type === 'claim.updated');
      expect((await events(budgetId)).at(-1)!.data).toMatchObject({ id: reworded.id, duplicateOf: { id: original.id } });
      expect((await events(riverId)).at(-1)!.data).toMatchObject({ id: original.id, duplicates: [{ id: reworded.id }] });
      const history = (await get(owner, `/api/claims/${reworded.id}/history`)) as { text: string }[];
      expect(history.at(-1)!.text).toMatch(/marked this as a duplicate of “nitrate levels fell/);
    });

    it('shows a change to the original in the other article’s claims list and reader soon after, though that article did not change', async () => {
      const shown = async () => {
        const listed = (await get(viewer, `/api/articles/${budgetId}/claims`)) as Claim[];
        const opened = ReaderView.parse(await get(viewer, `/api/articles/${budgetId}/reader`)).claims;
        return [listed, opened].map((claims) => claims.find((c) => c.id === reworded.id)?.duplicateOf?.statement);
      };
      expect(await shown()).toEqual([ORIGINAL, ORIGINAL]);
      const corrected = `${ORIGINAL}, as corrected`;
      await app.prisma.claim.update({ where: { id: original.id }, data: { statement: corrected } });
      try {
        const until = Date.now() + 10_000;
        let now = await shown();
        while (Date.now() < until && now.some((s) => s !== corrected)) {
          await new Promise((r) => setTimeout(r, 200));
          now = await shown();
        }
        expect(now).toEqual([corrected, corrected]);
      } finally {
        await app.prisma.claim.update({ where: { id: original.id }, data: { statement: ORIGINAL } });
      }
    });

    it('links to the original when given a duplicate, and refuses cycles and chains', async () => {
      third = await newClaim(analyst, budgetId, { statement: 'Nitrate levels went down 42 percent from 2019 to 2024' });
      const res = await analyst.post(`/api/claims/${third.id}/duplicate-of`, { originalId: reworded.id, version: third.version });
      expect(res.status).toBe(200);
      expect(res.body.duplicateOf.id).toBe(original.id);
      third = res.body;
      original = await claim(original.id);
      expect(original.duplicates.map((d) => d.id).sort()).toEqual([reworded.id, third.id].sort());
      expectError(await analyst.post(`/api/claims/${original.id}/duplicate-of`, { originalId: reworded.id, version: original.version }), 409);
      expectError(await analyst.post(`/api/claims/${original.id}/duplicate-of`, { originalId: unrelated.id, version: original.version }), 409);
    });

    it('refuses a stale version, viewers, itself, unreadable and foreign originals', async () => {
      expectError(await analyst.post(`/api/claims/${unrelated.id}/duplicate-of`, { originalId: original.id, version: unrelated.version + 5 }), 409);
      expectError(await viewer.post(`/api/claims/${unrelated.id}/duplicate-of`, { originalId: original.id, version: unrelated.version }), 403);
      expectError(await stranger.post(`/api/claims/${unrelated.id}/duplicate-of`, { originalId: original.id, version: unrelated.version }), 404);
      expectError(await analyst.post(`/api/claims/${unrelated.id}/duplicate-of`, { originalId: unrelated.id, version: unrelated.version }), 400, 'originalId');
      expectError(await analyst.post(`/api/claims/${unrelated.id}/duplicate-of`, { originalId: '00000000-0000-4000-8000-000000000000', version: unrelated.version }), 400, 'originalId');
      const theirs = await newWorkspace(analyst);
      const article = await importArticle(analyst, theirs, CLAIMS_ARTICLE, 'Elsewhere');
      const foreign = await newClaim(analyst, article.id, { statement: 'Elsewhere' });
      expectError(await analyst.post(`/api/claims/${unrelated.id}/duplicate-of`, { originalId: foreign.id, version: unrelated.version }), 400, 'originalId');
      expectError(await analyst.post(`/api/claims/${unrelated.id}/duplicate-of`, { originalId: 'nope', version: 1 }), 400, 'originalId');
      expect((await claim(unrelated.id)).version).toBe(unrelated.version);
    });

    it('unlinks, both ways', async () => {
      expectError(await analyst.delete(`/api/claims/${third.id}/duplicate-of?version=${third.version + 1}`), 409);
      expectError(await analyst.delete(`/api/claims/${third.id}/duplicate-of`), 400, 'version');
      const res = await analyst.delete(`/api/claims/${third.id}/duplicate-of?version=${third.version}`);
      expect(res.status).toBe(200);
      expect(res.body.duplicateOf).toBeNull();
      expect((await claim(original.id)).duplicates.map((d) => d.id)).toEqual([reworded.id]);
      expectError(await analyst.delete(`/api/claims/${third.id}/duplicate-of?version=${res.body.version}`), 409);
    });

    it('drops a deleted claim from its links', async () => {
      const doomed = await newClaim(analyst, riverId, { statement: 'Nitrate fell 42 percent' });
      const linked = await analyst.post(`/api/claims/${doomed.id}/duplicate-of`, { originalId: original.id, version: doomed.version });
      expect(linked.status).toBe(200);
      expect((await owner.delete(`/api/claims/${doomed.id}`)).status).toBe(204);
      expect((await claim(original.id)).duplicates.map((d) => d.id)).toEqual([reworded.id]);
    });
  });
});

describe('published fact-checks', () => {
  let stub: http.Server;
  let stubUrl: string;
  const received: URL[] = [];
  let withKey: TestApp, withoutKey: TestApp;

  /** A local stand-in for Fact Check Tools' claims:search. */
  function startStub(): Promise<void> {
    stub = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://stub');
      received.push(url);
      const query = url.searchParams.get('query') ?? '';
      if (url.pathname !== '/v1alpha1/claims:search') return void res.writeHead(404).end();
      if (query.includes('slow')) return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 5_000);
      if (query.includes('boom')) return void res.writeHead(500).end('oops');
      if (query.includes('garbled')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"claims": "not a list"');
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          claims: [
            {
              text: 'Nitrate levels in the river fell by 42 percent',
              claimant: 'Water authority',
              claimDate: '2024-03-01T00:00:00Z',
              claimReview: [
                { publisher: { name: 'River Check', site: 'rivercheck.example' }, url: 'https://rivercheck.example/nitrates', title: 'Did nitrates fall?', reviewDate: '2024-03-05T00:00:00Z', textualRating: 'Mostly true' },
                { publisher: { site: 'bad.example' }, url: 'javascript:alert(1)', textualRating: 'False' },
              ],
            },
          ],
        }),
      );
    });
    return new Promise((resolve) =>
      stub.listen(0, '127.0.0.1', () => {
        stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/v1alpha1`;
        resolve();
      }),
    );
  }

  beforeAll(async () => {
    await startStub();
    withKey = await startTestApp({ FACTCHECK_API_KEY: 'test-key', FACTCHECK_API_URL: stubUrl, FACTCHECK_TIMEOUT_MS: '1500' });
    withoutKey = await startTestApp({ FACTCHECK_API_URL: stubUrl });
  });
  afterAll(async () => {
    await withKey.close();
    await withoutKey.close();
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  });

  const deskOn = async (app: TestApp) => {
    const user = await newUser(app, 'Fact Checker');
    return { user, workspaceId: await newWorkspace(user) };
  };
  const search = async (as: HttpClient, workspaceId: string, q: string): Promise<FactChecks> => {
    const res = await as.get(`/api/workspaces/${workspaceId}/fact-checks?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(FactChecks.safeParse(res.body).error).toBeUndefined();
    return res.body;
  };

  it('lists published fact-checks with publisher, rating and link, asking once per query', async () => {
    const { user, workspaceId } = await deskOn(withKey);
    const before = received.length;
    const answer = await search(user, workspaceId, 'nitrate levels 42 percent');
    expect(answer).toEqual({
      enabled: true,
      error: null,
      results: [
        {
          claim: 'Nitrate levels in the river fell by 42 percent',
          claimant: 'Water authority',
          claimDate: '2024-03-01T00:00:00Z',
          publisher: 'River Check',
          rating: 'Mostly true',
          title: 'Did nitrates fall?',
          url: 'https://rivercheck.example/nitrates',
          reviewDate: '2024-03-05T00:00:00Z',
        },
      ],
    });
    expect(received.slice(before).map((u) => [u.searchParams.get('query'), u.searchParams.get('key')])).toEqual([['nitrate levels 42 percent', 'test-key']]);
    await search(user, workspaceId, 'nitrate levels 42 percent');
    expect(received.length).toBe(before + 1);
  });

  it('searches for a claim’s statement', async () => {
    const { user, workspaceId } = await deskOn(withKey);
    const article = await importArticle(user, workspaceId, CLAIMS_ARTICLE, 'River');
    const c = await newClaim(user, article.id, claimOn(article.text, ORIGINAL));
    const res = await user.get(`/api/claims/${c.id}/fact-checks?language=en`);
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(received.at(-1)!.searchParams.get('query')).toBe(ORIGINAL);
    expect(received.at(-1)!.searchParams.get('languageCode')).toBe('en');
    expectError(await user.get(`/api/claims/${c.id}/fact-checks?language=english!`), 400, 'language');
  });

  it('answers a timeout or an error with an empty list and the reason, never a failure', async () => {
    const { user, workspaceId } = await deskOn(withKey);
    expect(await search(user, workspaceId, 'slow query')).toEqual({ enabled: true, results: [], error: 'timeout' });
    expect(await search(user, workspaceId, 'boom')).toEqual({ enabled: true, results: [], error: 'unavailable' });
    expect(await search(user, workspaceId, 'garbled')).toEqual({ enabled: true, results: [], error: 'unavailable' });
  });

  it('says the integration is off without a key, and asks nothing', async () => {
    const { user, workspaceId } = await deskOn(withoutKey);
    const before = received.length;
    expect(await search(user, workspaceId, 'nitrate')).toEqual({ enabled: false, results: [], error: null });
    expect(received.length).toBe(before);
  });

  it('is 404 for a non-member', async () => {
    const { workspaceId } = await deskOn(withKey);
    const other = await newUser(withKey, 'Outsider');
    expectError(await other.get(`/api/workspaces/${workspaceId}/fact-checks?q=nitrate`), 404);
  });
});
