import { AuditPage } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

// Starting the app and writing the setup takes long on a busy machine.
jest.setTimeout(120_000);

/** The audit log as the Activity feed reads it: each entry's article and subject, and filters. */
describe('activity feed', () => {
  let app: TestApp;
  let owner: HttpClient;
  let analyst: HttpClient;
  let ws: string;
  let river: { id: string; title: string };
  let stadium: { id: string; title: string };
  let commentId: string;

  const feed = async (query = '') => {
    const res = await owner.get(`/api/workspaces/${ws}/audit?limit=200${query}`);
    expect(res.status).toBe(200);
    return AuditPage.parse(res.body).entries;
  };
  const importArticle = async (title: string, text: string) => {
    const res = await owner.post(`/api/workspaces/${ws}/articles`, { title, text });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, title };
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Priya');
    ws = await newWorkspace(owner, 'Fact desk');
    analyst = await newMember(app, owner, ws, 'analyst');
    river = await importArticle('The river is cleaner', 'The river is cleaner than it was a century ago. Officials say so.');
    stadium = await importArticle('The stadium loan', 'The council lent the club money at a loss.');
    const created = await analyst.post(`/api/articles/${river.id}/annotations`, {
      motivation: 'commenting',
      body: 'What would a century-old measurement look like?',
      target: { selector: [{ type: 'TextPositionSelector', start: 0, end: 20 }] },
    });
    expect(created.status).toBe(201);
    commentId = created.body.id;
    await analyst.patch(`/api/annotations/${commentId}`, { version: 1, body: 'What would a century-old measurement of the river look like?' });
    await owner.post(`/api/articles/${stadium.id}/annotations`, {
      motivation: 'highlighting',
      target: { selector: [{ type: 'TextPositionSelector', start: 4, end: 11 }] },
    });
  });
  afterAll(() => app.close());

  it('names the article each change is about, and whose membership changed', async () => {
    const entries = await feed();
    const comment = entries.find((e) => e.action === 'annotation.created' && e.entityId === commentId)!;
    expect(comment).toMatchObject({ actorName: 'analyst', article: river, subjectName: null });
    expect(entries.find((e) => e.action === 'article.imported' && e.entityId === stadium.id)!.article).toEqual(stadium);
    const joined = entries.find((e) => e.entityType === 'membership' && e.entityId === analyst.user!.id)!;
    expect(joined).toMatchObject({ subjectName: 'analyst', article: null });
  });

  it('narrows to one person, one kind and one article, alone or together', async () => {
    expect(new Set((await feed(`&actorId=${analyst.user!.id}`)).map((e) => e.actorId))).toEqual(new Set([analyst.user!.id]));
    expect(new Set((await feed('&kind=annotation')).map((e) => e.entityType))).toEqual(new Set(['annotation']));
    const ofRiver = await feed(`&articleId=${river.id}`);
    expect(ofRiver.map((e) => e.action).sort()).toEqual(['annotation.created', 'annotation.updated', 'article.imported']);
    expect(ofRiver.every((e) => e.article?.id === river.id)).toBe(true);
    const together = await feed(`&articleId=${river.id}&kind=annotation&actorId=${analyst.user!.id}`);
    expect(together.map((e) => e.action)).toEqual(['annotation.updated', 'annotation.created']);
    expect(await feed(`&articleId=${stadium.id}&actorId=${analyst.user!.id}`)).toEqual([]);
  });

  it('keeps paging within a filter', async () => {
    const first = await owner.get(`/api/workspaces/${ws}/audit?limit=1&articleId=${river.id}`);
    const page = AuditPage.parse(first.body);
    expect(page.entries).toHaveLength(1);
    const rest = AuditPage.parse((await owner.get(`/api/workspaces/${ws}/audit?limit=10&articleId=${river.id}&before=${page.nextBefore}`)).body);
    expect(rest.entries.map((e) => e.action)).toEqual(['annotation.created', 'article.imported']);
    expect(rest.nextBefore).toBeNull();
  });

  it('names a bad filter with a 400', async () => {
    expectError(await owner.get(`/api/workspaces/${ws}/audit?kind=everything`), 400, 'kind');
    expectError(await owner.get(`/api/workspaces/${ws}/audit?actorId=nobody`), 400, 'actorId');
    expectError(await owner.get(`/api/workspaces/${ws}/audit?articleId=1`), 400, 'articleId');
  });
});
