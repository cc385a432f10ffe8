import { CandidateDismissal, ClaimCandidate } from '@corroborate/contracts';
import { ARTICLE_TEXT, HAS_SHARED_ARTICLE, importArticle, selectorsFor } from './support/annotating';
import { expectError } from './support/assertions';
import { claimOn, newClaim } from './support/claims';
import { discoveryArticle } from './support/discovery';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('claim candidates', () => {
  let app: TestApp;
  let owner: HttpClient, analyst: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;

  const candidatesOf = async (as: HttpClient, id: string, query = '') => {
    const res = await as.get(`/api/articles/${id}/claim-candidates${query}`);
    if (res.status !== 200) throw new Error(`candidates failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ClaimCandidate[];
  };
  const sentenceWith = (list: ClaimCandidate[], part: string) => list.find((c) => c.sentence.includes(part));

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Olga Owner');
    workspaceId = await newWorkspace(owner);
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId, text } = await importArticle(owner, workspaceId, discoveryArticle('transit-budget'), 'Transit budget'));
  });
  afterAll(() => app.close());

  describe('listing', () => {
    it('suggests sentences of the latest text, best first, with offsets that slice the text', async () => {
      const list = await candidatesOf(viewer, articleId);
      expect(list.length).toBeGreaterThan(5);
      for (const c of list) {
        expect(ClaimCandidate.safeParse(c).error).toBeUndefined();
        expect(text.slice(c.start, c.end)).toBe(c.sentence);
        expect(c).toMatchObject({ claimed: false, dismissed: false });
      }
      expect(list.map((c) => c.score)).toEqual([...list.map((c) => c.score)].sort((a, b) => b - a));
      const budget = sentenceWith(list, 'approve a $4.2 billion transit budget')!;
      expect(budget.reasons).toEqual(expect.arrayContaining(['money', 'superlative', 'date']));
      expect(list.indexOf(budget)).toBeLessThan(10);
      expect(sentenceWith(list, 'Is this really the best')).toBeUndefined();
    });

    it('honours limit and refuses bad parameters with a 400 naming them', async () => {
      expect(await candidatesOf(owner, articleId, '?limit=2')).toHaveLength(2);
      expectError(await owner.get(`/api/articles/${articleId}/claim-candidates?limit=0`), 400, 'limit');
      expectError(await owner.get(`/api/articles/${articleId}/claim-candidates?limit=many`), 400, 'limit');
      expectError(await owner.get(`/api/articles/${articleId}/claim-candidates?include=everything`), 400);
      expectError(await owner.get('/api/articles/not-a-uuid/claim-candidates'), 400, 'articleId');
    });

    it('is 404 for a non-member and for an article that does not exist', async () => {
      expectError(await stranger.get(`/api/articles/${articleId}/claim-candidates`), 404);
      expectError(await owner.get('/api/articles/00000000-0000-4000-8000-000000000000/claim-candidates'), 404);
    });

    it('follows the latest revision', async () => {
      const { id, text: first } = await importArticle(owner, workspaceId, discoveryArticle('plant-closure'), 'Plant');
      expect(sentenceWith(await candidatesOf(owner, id), 'eliminating 1,200 jobs')).toBeDefined();
      const revised = `${first}\n\nThe state auditor said on Friday that the plant had received $12 million in tax credits since 2021.`;
      const res = await owner.post(`/api/articles/${id}/revisions`, { text: revised });
      expect(res.status).toBe(201);
      const after = await candidatesOf(owner, id);
      const added = sentenceWith(after, 'received $12 million in tax credits')!;
      expect(revised.slice(added.start, added.end)).toBe(added.sentence);
    });
  });

  describe('claimed sentences', () => {
    it('leaves out a sentence a claim covers, and marks it with include=claimed', async () => {
      const sentence = sentenceWith(await candidatesOf(owner, articleId), 'Ridership has recovered to 78 percent')!.sentence;
      await newClaim(analyst, articleId, claimOn(text, sentence));
      expect(sentenceWith(await candidatesOf(owner, articleId), 'Ridership has recovered')).toBeUndefined();
      expect(sentenceWith(await candidatesOf(owner, articleId, '?include=claimed'), 'Ridership has recovered')).toMatchObject({ sentence, claimed: true });
    });

    it('counts a claim on most of a sentence as covering it, and a claim elsewhere as not', async () => {
      const part = 'a deficit of $1.1 billion by 2027';
      await newClaim(analyst, articleId, { statement: 'The authority faces a $1.1 billion deficit by 2027', target: { selector: selectorsFor(text, part) } });
      const list = await candidatesOf(owner, articleId, '?include=claimed');
      expect(sentenceWith(list, part)?.claimed).toBe(true);
      expect(sentenceWith(list, 'had spent $310 million on consultants')?.claimed).toBe(false);
    });
  });

  describe('dismissing', () => {
    let dismissal: CandidateDismissal;
    let sentence: string;

    it('hides a suggestion for the whole workspace, logged as an event', async () => {
      sentence = sentenceWith(await candidatesOf(owner, articleId), 'had spent $310 million on consultants')!.sentence;
      const res = await analyst.post(`/api/articles/${articleId}/claim-candidates/dismissals`, { sentence });
      expect(res.status).toBe(201);
      dismissal = res.body;
      expect(CandidateDismissal.safeParse(dismissal).error).toBeUndefined();
      expect(dismissal).toMatchObject({ sentence, articleId, articleTitle: 'Transit budget', dismissedBy: { id: analyst.user!.id } });

      expect(sentenceWith(await candidatesOf(viewer, articleId), '$310 million on consultants')).toBeUndefined();
      expect(sentenceWith(await candidatesOf(viewer, articleId, '?include=dismissed'), '$310 million on consultants')).toMatchObject({ dismissed: true });
      const events = (await owner.get(`/api/articles/${articleId}/events?after=0`)).body as { type: string; data: { id: string } }[];
      expect(events.filter((e) => e.type === 'claim-candidate.dismissed').map((e) => e.data.id)).toEqual([dismissal.id]);
    });

    it('answers a repeat with the stored dismissal', async () => {
      const again = await owner.post(`/api/articles/${articleId}/claim-candidates/dismissals`, { sentence: `  ${sentence}` });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(dismissal.id);
    });

    it('lists dismissals for the article and the workspace', async () => {
      expect(((await viewer.get(`/api/articles/${articleId}/claim-candidates/dismissals`)).body as CandidateDismissal[]).map((d) => d.id)).toEqual([dismissal.id]);
      expect(((await viewer.get(`/api/workspaces/${workspaceId}/claim-candidate-dismissals`)).body as CandidateDismissal[]).map((d) => d.id)).toContain(dismissal.id);
      expectError(await stranger.get(`/api/articles/${articleId}/claim-candidates/dismissals`), 404);
      expectError(await stranger.get(`/api/workspaces/${workspaceId}/claim-candidate-dismissals`), 404);
    });

    it('hides the same sentence in another article of the workspace and in later revisions, not in another workspace', async () => {
      const copy = await importArticle(owner, workspaceId, `Syndicated copy.\n\n${sentence}`, 'Copy');
      expect(sentenceWith(await candidatesOf(owner, copy.id, '?include=dismissed'), '$310 million')).toMatchObject({ dismissed: true });

      await owner.post(`/api/articles/${articleId}/revisions`, { text: `${text}\n\nA late correction was added on Friday, the authority said in 2025.` });
      expect(sentenceWith(await candidatesOf(owner, articleId), '$310 million on consultants')).toBeUndefined();

      const elsewhere = await newWorkspace(stranger);
      const theirs = await importArticle(stranger, elsewhere, discoveryArticle('transit-budget'), 'Theirs');
      expect(sentenceWith(await candidatesOf(stranger, theirs.id), '$310 million on consultants')).toMatchObject({ dismissed: false });
    });

    it('refuses viewers (403), non-members (404) and sentences that are not in the text (400)', async () => {
      expectError(await viewer.post(`/api/articles/${articleId}/claim-candidates/dismissals`, { sentence }), 403);
      expectError(await stranger.post(`/api/articles/${articleId}/claim-candidates/dismissals`, { sentence }), 404);
      expectError(await owner.post(`/api/articles/${articleId}/claim-candidates/dismissals`, { sentence: 'Nothing like this is in the article.' }), 400, 'sentence');
      expectError(await owner.post(`/api/articles/${articleId}/claim-candidates/dismissals`, { sentence: '' }), 400, 'sentence');
      expectError(await owner.post(`/api/articles/${articleId}/claim-candidates/dismissals`, { sentence: 'x'.repeat(5_001) }), 400, 'sentence');
    });

    it('undoes a dismissal: the suggestion comes back', async () => {
      expectError(await viewer.delete(`/api/claim-candidate-dismissals/${dismissal.id}`), 403);
      expectError(await stranger.delete(`/api/claim-candidate-dismissals/${dismissal.id}`), 404);
      expect((await analyst.delete(`/api/claim-candidate-dismissals/${dismissal.id}`)).status).toBe(204);
      expect(sentenceWith(await candidatesOf(owner, articleId), '$310 million on consultants')).toMatchObject({ dismissed: false });
      expectError(await analyst.delete(`/api/claim-candidate-dismissals/${dismissal.id}`), 404);
      const events = (await owner.get(`/api/articles/${articleId}/events?after=0`)).body as { type: string }[];
      expect(events.filter((e) => e.type === 'claim-candidate.restored')).toHaveLength(1);
    });
  });

  (HAS_SHARED_ARTICLE ? describe : describe.skip)('on the shared op-ed', () => {
    it('ranks the Telegram post and the affidavit in the top 10, and "obvious buttons" below them', async () => {
      const { id } = await importArticle(owner, workspaceId, ARTICLE_TEXT, 'Op-ed');
      const list = await candidatesOf(owner, id, '?limit=500');
      const rank = (part: string) => {
        const at = list.findIndex((c) => c.sentence.includes(part));
        return at === -1 ? Infinity : at + 1;
      };
      const factual = [rank("Russia's space chief said in a post on Telegram"), rank('said in an affidavit that Kiriyenko had created some 30 internet domains')];
      expect(Math.max(...factual)).toBeLessThanOrEqual(10);
      expect(rank('Musk has obvious buttons to press')).toBeGreaterThan(Math.max(...factual));
    });
  });
});
