import { randomUUID } from 'node:crypto';
import { expectError } from './support/assertions';
import { importArticle, selectorsFor } from './support/annotating';
import { ARTICLE } from './support/fixture-article';
import { type HttpClient, newMember, newUser, newWorkspace, type Reply } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Ids from someone else's workspace tell a caller nothing: not whether they exist, not what
 * they are. The answers compared here must be equal in status and body.
 */
let app: TestApp;
let owner: HttpClient; // of the workspace holding the objects
let outsider: HttpClient; // owner of another workspace
let outsiderWs: string;
let ws: string;
let article: { id: string; text: string };
let theirArticle: { id: string; text: string };
let annotationId: string;

const answer = (res: Reply) => ({ status: res.status, body: res.body });

beforeAll(async () => {
  app = await startTestApp();
  owner = await newUser(app, 'Holder');
  ws = await newWorkspace(owner, 'Holder desk');
  article = await importArticle(owner, ws);
  const created = await owner.post(`/api/articles/${article.id}/annotations`, {
    motivation: 'commenting',
    body: 'Private note',
    target: { selector: selectorsFor(article.text, 'the') },
  });
  expect(created.status).toBe(201);
  annotationId = created.body.id;

  outsider = await newUser(app, 'Outsider');
  outsiderWs = await newWorkspace(outsider, 'Outsider desk');
  theirArticle = await importArticle(outsider, outsiderWs);
});
afterAll(() => app.close());

describe('changing an annotation in a workspace one is not in', () => {
  it.each([
    ['PATCH', (id: string) => outsider.patch(`/api/annotations/${id}`, { version: 1, body: 'Overwritten' })],
    ['DELETE', (id: string) => outsider.delete(`/api/annotations/${id}`)],
  ])('answers %s with the same 404 whether the annotation exists or not', async (_method, send) => {
    const existing = await send(annotationId);
    const missing = await send(randomUUID());
    expectError(existing, 404);
    expect(answer(existing)).toEqual(answer(missing));
    const stored = await app.prisma.annotation.findUniqueOrThrow({ where: { id: annotationId } });
    expect({ body: stored.body, deleted: stored.deletedAt }).toEqual({ body: 'Private note', deleted: null });
  });

  it('answers a member of another workspace of the same owner alike', async () => {
    const other = await newWorkspace(owner, 'Second desk');
    const colleague = await newMember(app, owner, other, 'editor');
    const existing = await colleague.delete(`/api/annotations/${annotationId}`);
    expect(answer(existing)).toEqual(answer(await colleague.delete(`/api/annotations/${randomUUID()}`)));
  });
});

/**
 * A create with a client-chosen id that is already taken is refused with one answer, whatever
 * holds the id: the same as for an id taken in the caller's own workspace, so a foreign id is
 * neither confirmed nor described; nothing is written and the holder's object is untouched.
 */
describe('creating with an id taken in another workspace', () => {
  it('workspaces', async () => {
    const foreign = await outsider.post('/api/workspaces', { id: ws, name: 'Hijack' });
    const mine = randomUUID();
    expect((await outsider.post('/api/workspaces', { id: mine, name: 'Mine' })).status).toBe(201);
    const ownTaken = await outsider.post('/api/workspaces', { id: mine, name: 'Mine, renamed' });
    expectError(foreign, 409, 'id');
    expect(answer(foreign)).toEqual(answer(ownTaken));
    expect((await app.prisma.workspace.findUniqueOrThrow({ where: { id: ws } })).name).toBe('Holder desk');
    expect(await app.prisma.membership.count({ where: { workspaceId: ws, userId: outsider.user!.id } })).toBe(0);
  });

  it('articles', async () => {
    const foreign = await outsider.post(`/api/workspaces/${outsiderWs}/articles`, { id: article.id, title: 'Hijack', text: 'Other text.' });
    const ownTaken = await outsider.post(`/api/workspaces/${outsiderWs}/articles`, { id: theirArticle.id, title: 'Renamed', text: 'Other text.' });
    expectError(foreign, 409, 'id');
    expect(answer(foreign)).toEqual(answer(ownTaken));
    const stored = await app.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    expect({ workspaceId: stored.workspaceId, title: stored.title }).toEqual({ workspaceId: ws, title: ARTICLE.title });
  });

  it('annotations', async () => {
    const body = (id: string) => ({ id, motivation: 'highlighting', target: { selector: selectorsFor(theirArticle.text, 'the') } });
    const foreign = await outsider.post(`/api/articles/${theirArticle.id}/annotations`, body(annotationId));
    const mine = randomUUID();
    expect((await outsider.post(`/api/articles/${theirArticle.id}/annotations`, body(mine))).status).toBe(201);
    const ownTaken = await outsider.post(`/api/articles/${theirArticle.id}/annotations`, { ...body(mine), motivation: 'commenting', body: 'Changed' });
    expectError(foreign, 409, 'id');
    expect(answer(foreign)).toEqual(answer(ownTaken));
    const stored = await app.prisma.annotation.findUniqueOrThrow({ where: { id: annotationId } });
    expect({ articleId: stored.articleId, body: stored.body }).toEqual({ articleId: article.id, body: 'Private note' });
    expect(await app.prisma.articleEvent.count({ where: { articleId: theirArticle.id } })).toBe(1);
  });
});
