import { importArticle } from './support/annotating';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';
import { loadSuite } from './support/w3c-conformance';

const annotationMusts = loadSuite('annotations/annotationMusts.test');
const collectionMusts = loadSuite('collections/collectionMusts.test');

describe('W3C Web Annotation export of claims', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('carries claims as assessing annotations, the final verdict as their body, passing the W3C musts', async () => {
    const owner = await newUser(app, 'Owner');
    const workspaceId = await newWorkspace(owner);
    const [a, b] = [await newMember(app, owner, workspaceId, 'reviewer'), await newMember(app, owner, workspaceId, 'reviewer')];
    const { id: articleId, text } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report');
    const resolved = await newClaim(owner, articleId, claimOn(text, 'nitrate levels fell by 42 percent between 2019 and 2024', { assigneeIds: [owner.user!.id] }));
    await owner.patch(`/api/claims/${resolved.id}`, { version: 1, status: 'in_progress' });
    await owner.patch(`/api/claims/${resolved.id}`, { version: 2, status: 'in_review' });
    await a.post(`/api/claims/${resolved.id}/verdicts`, { rating: 'false', rationale: 'The report says 24 percent.' });
    await b.post(`/api/claims/${resolved.id}/verdicts`, { rating: 'false', rationale: 'Table 2: 24 percent.' });
    const open = await newClaim(owner, articleId, { statement: 'The city is the cleanest in the region' });

    const res = await owner.get(`/api/articles/${articleId}/annotations.jsonld`);
    expect(res.status).toBe(200);
    expect(collectionMusts.check(res.body)).toEqual([]);
    const items = res.body.first.items as Record<string, any>[];
    for (const item of items) expect({ id: item.id, failures: annotationMusts.check(item) }).toEqual({ id: item.id, failures: [] });
    const byId = new Map(items.map((i) => [i.id, i]));
    const decided = byId.get(`${TEST_ORIGIN}/api/claims/${resolved.id}`)!;
    expect(decided).toMatchObject({
      type: 'Annotation',
      motivation: 'assessing',
      body: [
        { type: 'TextualBody', purpose: 'describing', value: 'nitrate levels fell by 42 percent between 2019 and 2024' },
        { type: 'TextualBody', purpose: 'assessing', value: 'False' },
      ],
      target: { type: 'SpecificResource', selector: [{ type: 'TextQuoteSelector', exact: 'nitrate levels fell by 42 percent between 2019 and 2024' }, { type: 'TextPositionSelector' }] },
    });
    expect(byId.get(`${TEST_ORIGIN}/api/claims/${open.id}`)).toMatchObject({
      motivation: 'assessing',
      body: { purpose: 'describing', value: 'The city is the cleanest in the region' },
      target: `${TEST_ORIGIN}/api/articles/${articleId}`,
    });
    expect(res.body.total).toBe(2);
  });
});
