import { SearchPage, type SearchResult } from '@corroborate/contracts';
import { importArticle, selectorsFor } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { discoveryArticle } from './support/discovery';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('workspace search', () => {
  let app: TestApp;
  let owner: HttpClient, analyst: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let river: { id: string; text: string };
  let budget: { id: string; text: string };
  type Named = 'comment' | 'reply' | 'question' | 'claim' | 'busClaim' | 'claimComment' | 'evidence' | 'source' | 'theirArticle' | 'theirClaim';
  const ids = {} as Record<Named, string>;

  const search = async (as: HttpClient, query: string, ws = workspaceId): Promise<SearchPage> => {
    const res = await as.get(`/api/workspaces/${ws}/search?${query}`);
    if (res.status !== 200) throw new Error(`search ${query}: ${res.status} ${JSON.stringify(res.body)}`);
    expect(SearchPage.safeParse(res.body).error).toBeUndefined();
    return res.body;
  };
  const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;
  const find = (page: SearchPage, id: string) => page.results.find((r) => r.id === id);
  const marked = (r: SearchResult) => r.snippet.highlights.map((h) => r.snippet.text.slice(h.start, h.end).toLowerCase());

  const annotate = async (as: HttpClient, article: { id: string; text: string }, exact: string, body: Record<string, unknown>) => {
    const res = await as.post(`/api/articles/${article.id}/annotations`, { target: { selector: selectorsFor(article.text, exact) }, ...body });
    if (res.status !== 201) throw new Error(`annotation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Olga Owner');
    workspaceId = await newWorkspace(owner);
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    river = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report');
    budget = await importArticle(owner, workspaceId, discoveryArticle('transit-budget'), 'Transit budget');

    ids.comment = await annotate(analyst, river, 'nitrate levels fell by 42 percent', {
      motivation: 'commenting',
      body: 'Check the nitrate figures against the 2019 baseline: is 6.1 > 3.5 & "safe"? <script>alert(1)</script>',
    });
    ids.reply = await annotate(owner, river, 'nitrate levels fell by 42 percent', { motivation: 'replying', replyTo: ids.comment, body: 'The baseline sampling moved upstream' });
    ids.question = await annotate(owner, budget, 'electric buses', { motivation: 'questioning', body: 'Who supplies the electric buses?' });
    const resolved = await owner.patch(`/api/annotations/${ids.question}`, { version: 1, resolved: true });
    expect(resolved.status).toBe(200);

    const claim = await newClaim(analyst, river.id, claimOn(river.text, 'nitrate levels fell by 42 percent between 2019 and 2024'));
    ids.claim = claim.id;
    ids.busClaim = (await newClaim(owner, budget.id, claimOn(budget.text, 'The plan also includes $890 million for new electric buses.'))).id;
    await app.prisma.claim.update({ where: { id: ids.busClaim }, data: { status: 'in_review' } });
    const comment = await analyst.post(`/api/claims/${claim.id}/comments`, { body: 'The agency’s sampling of nitrate changed in 2021' });
    expect(comment.status).toBe(201);
    ids.claimComment = comment.body.id;
    const evidence = await analyst.post(`/api/claims/${claim.id}/evidence`, {
      kind: 'url',
      url: 'https://waterquality.example.org/reports/2024',
      title: 'Annual water quality report 2024',
      publisher: 'Riverside Environment Agency',
      excerpt: 'Mean nitrate concentration fell from 6.1 mg/l to 3.5 mg/l.',
      stance: 'supports',
    });
    expect(evidence.status).toBe(201);
    ids.evidence = evidence.body.id;
    ids.source = evidence.body.sourceId;

    // Another workspace with the same words: never found from ours.
    const theirs = await newWorkspace(stranger);
    const article = await importArticle(stranger, theirs, CLAIMS_ARTICLE, 'Their river report');
    ids.theirArticle = article.id;
    ids.theirClaim = (await newClaim(stranger, article.id, claimOn(article.text, 'nitrate levels fell by 42 percent'))).id;
  });
  afterAll(() => app.close());

  it('finds every kind of thing, with counts per type', async () => {
    const page = await search(viewer, q('nitrate'));
    const types = new Set(page.results.map((r) => r.type));
    expect([...types].sort()).toEqual(['annotation', 'article', 'claim', 'claim-comment', 'evidence']);
    for (const id of [river.id, ids.comment, ids.claim, ids.claimComment, ids.evidence]) expect(find(page, id)).toBeDefined();
    expect(page.counts).toMatchObject({ article: 1, claim: 1, 'claim-comment': 1, evidence: 1, source: 0 });
    expect(page.total).toBe(Object.values(page.counts).reduce((a, b) => a + b, 0));
    expect((await search(owner, q('Riverside Environment'))).results.map((r) => r.type)).toEqual(expect.arrayContaining(['source', 'evidence']));
    expect(find(await search(owner, q('waterquality.example.org')), ids.source)).toMatchObject({ type: 'source', title: 'waterquality.example.org' });
  });

  it('ranks by relevance: a statement about it above a passing mention', async () => {
    const page = await search(owner, q('nitrate'));
    const ranks = page.results.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const at = (id: string) => page.results.findIndex((r) => r.id === id);
    // The claim's statement (weight A) above a reply that only quotes the passage (weight C).
    expect(at(ids.reply)).toBeGreaterThan(-1);
    expect(at(ids.claim)).toBeLessThan(at(ids.reply));
  });

  it('highlights the matches in safe snippets, and says where to jump to', async () => {
    const page = await search(owner, q('nitrate baseline'));
    const comment = find(page, ids.comment)!;
    expect(marked(comment)).toEqual(expect.arrayContaining(['nitrate', 'baseline']));
    expect(comment.snippetHtml).toContain('<mark>nitrate</mark>');
    expect(comment.snippetHtml).toContain('6.1 &gt; 3.5 &amp; &quot;safe&quot;');
    expect(comment.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
    const start = river.text.indexOf('nitrate levels fell by 42 percent');
    expect(comment).toMatchObject({ articleId: river.id, articleTitle: 'River report', passage: { start, end: start + 'nitrate levels fell by 42 percent'.length }, status: 'open', author: { id: analyst.user!.id } });

    const article = find(await search(owner, q('treatment plants')), river.id)!;
    expect(marked(article).some((m) => m.startsWith('treatment'))).toBe(true);
    expect(river.text.slice(article.passage!.start, article.passage!.end).toLowerCase()).toBe('treatment');

    const claim = find(await search(owner, q('nitrate')), ids.claim)!;
    expect(claim).toMatchObject({ claimId: ids.claim, title: 'nitrate levels fell by 42 percent between 2019 and 2024', passage: { start } });
    expect(find(await search(owner, q('sampling')), ids.claimComment)).toMatchObject({ claimId: ids.claim, title: claim.title });
  });

  it('finds words in long articles and stemmed forms', async () => {
    const page = await search(owner, q('comptrollers estimating deficits'));
    const article = find(page, budget.id)!;
    expect(article.type).toBe('article');
    expect(marked(article).join(' ')).toMatch(/comptroller|estimated|deficit/);
  });

  it('filters by type, article, author, status and date', async () => {
    expect(new Set((await search(owner, q('nitrate', '&type=claim'))).results.map((r) => r.type))).toEqual(new Set(['claim']));
    const two = await search(owner, q('nitrate', '&type=claim,evidence'));
    expect(new Set(two.results.map((r) => r.type))).toEqual(new Set(['claim', 'evidence']));
    expect(two.counts.annotation).toBe(0);
    expect((await search(owner, q('nitrate', '&type=claim&type=annotation'))).results.map((r) => r.type).sort()).toEqual(['annotation', 'annotation', 'claim']);

    const inBudget = await search(owner, q('electric buses', `&articleId=${budget.id}`));
    expect(inBudget.results.length).toBeGreaterThan(0);
    expect(inBudget.results.every((r) => r.articleId === budget.id)).toBe(true);
    expect((await search(owner, q('nitrate', `&articleId=${budget.id}`))).total).toBe(0);

    const mine = await search(analyst, q('nitrate', '&author=me'));
    expect(mine.results.map((r) => r.id).sort()).toEqual([ids.comment, ids.claim, ids.claimComment, ids.evidence].sort());
    expect((await search(owner, q('nitrate', `&author=${analyst.user!.id}`))).total).toBe(mine.total);

    const resolved = await search(owner, q('electric buses', '&status=resolved'));
    expect(resolved.results.map((r) => r.id)).toEqual([ids.question]);
    expect((await search(owner, q('electric buses', '&status=in_review'))).results.map((r) => r.id)).toEqual([ids.busClaim]);
    // Open threads, and the open claim with its comment and evidence.
    expect((await search(owner, q('nitrate', '&status=open'))).results.map((r) => r.id).sort()).toEqual(
      [ids.comment, ids.reply, ids.claim, ids.claimComment, ids.evidence].sort(),
    );

    const today = new Date().toISOString().slice(0, 10);
    expect((await search(owner, q('nitrate', `&from=${today}&to=${today}`))).total).toBeGreaterThan(0);
    expect((await search(owner, q('nitrate', '&to=2020-01-01'))).total).toBe(0);
    expect((await search(owner, q('nitrate', '&from=2999-01-01'))).total).toBe(0);
  });

  it('pages through the results', async () => {
    const all = await search(owner, q('nitrate', '&limit=50'));
    expect(all.total).toBeGreaterThan(4);
    const first = await search(owner, q('nitrate', '&limit=2'));
    const second = await search(owner, q('nitrate', '&limit=2&offset=2'));
    expect(first.results.map((r) => r.id)).toEqual(all.results.slice(0, 2).map((r) => r.id));
    expect(second.results.map((r) => r.id)).toEqual(all.results.slice(2, 4).map((r) => r.id));
    expect(second).toMatchObject({ total: all.total, offset: 2, limit: 2 });
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const bad = (query: string) => owner.get(`/api/workspaces/${workspaceId}/search?${query}`);
    expectError(await bad(''), 400, 'q');
    expectError(await bad(q('x', '&type=everything')), 400);
    expectError(await bad(q('x', '&status=lost')), 400);
    expectError(await bad(q('x', '&author=someone')), 400, 'author');
    expectError(await bad(q('x', '&from=yesterday')), 400, 'from');
    expectError(await bad(q('x', '&from=2024-05-02&to=2024-05-01')), 400, 'from');
    expectError(await bad(q('x', '&limit=51')), 400, 'limit');
    expectError(await bad(q('x', '&offset=-1')), 400, 'offset');
    expectError(await bad(q('x', '&offset=100000')), 400, 'offset');
    expectError(await bad(q('x'.repeat(10_000))), 400, 'q');
  });

  it('never fails on hostile queries', async () => {
    const hostile = ["' OR 1=1 --", "'; DROP TABLE claims; --", '"unbalanced quote', 'nitrate"', '!!! ... ???', '()&|!:*<->', '-nitrate', 'or', '"', '\\', '%', '\u0000nitrate', 'ñandú 漢字 🌊', 'a'.repeat(500)];
    for (const text of hostile) {
      const res = await owner.get(`/api/workspaces/${workspaceId}/search?${q(text)}`);
      expect({ text, status: res.status }).toEqual({ text, status: 200 });
      expect(SearchPage.safeParse(res.body).error).toBeUndefined();
    }
    // Bytes that are no UTF-8 at all, sent as they are.
    for (const raw of ['%FF%FE', '%ED%A0%80', '%E0%A4%A', '%', '%%%']) {
      const res = await owner.get(`/api/workspaces/${workspaceId}/search?q=${raw}`);
      expect({ raw, status: res.status }).toEqual({ raw, status: 200 });
    }
    expect((await search(owner, q('!!! ... ???'))).total).toBe(0);
    expect((await search(owner, q("' OR 1=1 --"))).total).toBe(0);
    expect((await search(owner, q('\u0000nitrate'))).total).toBeGreaterThan(0);
  });

  it('searches only the caller’s workspace: non-members see nothing', async () => {
    const ours = await search(owner, q('nitrate', '&limit=50'));
    expect(ours.results.map((r) => r.id)).not.toContain(ids.theirClaim);
    expect(ours.results.map((r) => r.id)).not.toContain(ids.theirArticle);
    expectError(await stranger.get(`/api/workspaces/${workspaceId}/search?${q('nitrate')}`), 404);
    expectError(await stranger.get(`/api/workspaces/00000000-0000-4000-8000-000000000000/search?${q('nitrate')}`), 404);
    const theirs = (await stranger.get('/api/me')).body.workspaces[0].id as string;
    const found = await search(stranger, q('nitrate'), theirs);
    expect(found.results.map((r) => r.id)).toEqual(expect.arrayContaining([ids.theirClaim, ids.theirArticle]));
    expect(found.results.map((r) => r.id)).not.toContain(ids.claim);
  });

  it('forgets deleted things and sees edits at once', async () => {
    const doomed = await newClaim(owner, river.id, { statement: 'Ospreys returned to the estuary' });
    expect(find(await search(owner, q('ospreys')), doomed.id)).toBeDefined();
    const edited = await owner.patch(`/api/claims/${doomed.id}`, { version: doomed.version, statement: 'Herons returned to the estuary' });
    expect(edited.status).toBe(200);
    expect((await search(owner, q('ospreys'))).total).toBe(0);
    expect(find(await search(owner, q('herons')), doomed.id)).toBeDefined();
    expect((await owner.delete(`/api/claims/${doomed.id}`)).status).toBe(204);
    expect((await search(owner, q('herons'))).total).toBe(0);
  });
});
