import { importArticle, selectorsFor } from './support/annotating';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE } from './support/claims';
import { newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('re-attaching an annotation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('moves an orphaned thread and its replies to a new selection, on the record', async () => {
    const owner = await newUser(app, 'Owner');
    const workspaceId = await newWorkspace(owner);
    const analyst = await newMember(app, owner, workspaceId, 'analyst');
    const other = await newMember(app, owner, workspaceId, 'analyst');
    const viewer = await newMember(app, owner, workspaceId, 'viewer');
    const stranger = await newUser(app, 'Stranger');
    const { id: articleId, text } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'River report');
    const thread = (await analyst.post(`/api/articles/${articleId}/annotations`, { motivation: 'commenting', body: 'Source?', target: { selector: selectorsFor(text, 'I think the truth lies somewhere in between') } })).body;
    const reply = (await owner.post(`/api/articles/${articleId}/annotations`, { motivation: 'replying', body: 'Opinion', replyTo: thread.id })).body;

    // The sentence goes in a revision: the thread is orphaned.
    const revised = await owner.post(`/api/articles/${articleId}/revisions`, { text: text.replace(' I think the truth lies somewhere in between.', ' The council disputes the figures.') });
    expect(revised.body.anchors.find((a: { id: string }) => a.id === thread.id)).toMatchObject({ outcome: 'orphaned' });
    const newText = revised.body.revision.text as string;
    const target = { selector: selectorsFor(newText, 'The council disputes the figures') };

    expectError(await viewer.patch(`/api/annotations/${thread.id}/target`, { version: thread.version, target }), 403);
    expectError(await other.patch(`/api/annotations/${thread.id}/target`, { version: thread.version, target }), 403);
    expectError(await stranger.patch(`/api/annotations/${thread.id}/target`, { version: thread.version, target }), 404);
    expectError(await analyst.patch(`/api/annotations/${reply.id}/target`, { version: reply.version, target }), 403);
    expectError(await analyst.patch(`/api/annotations/${thread.id}/target`, { version: thread.version + 5, target }), 409);
    expectError(await analyst.patch(`/api/annotations/${thread.id}/target`, { version: thread.version, target: { selector: [{ type: 'TextQuoteSelector', exact: 'not in the text' }] } }), 400, 'target.selector');

    const moved = await analyst.patch(`/api/annotations/${thread.id}/target`, { version: thread.version, target });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ revisionId: revised.body.revision.id, version: thread.version + 1, target: { selector: [{ exact: 'The council disputes the figures' }, expect.anything()] } });
    const listed = (await owner.get(`/api/articles/${articleId}/annotations`)).body as { id: string; revisionId: string; target: { selector: [{ exact: string }] } }[];
    for (const id of [thread.id, reply.id]) {
      expect(listed.find((a) => a.id === id)).toMatchObject({ revisionId: revised.body.revision.id, target: { selector: [{ exact: 'The council disputes the figures' }, { type: 'TextPositionSelector', start: newText.indexOf('The council disputes the figures') }] } });
    }
    expect(await app.prisma.auditEntry.count({ where: { action: 'annotation.reattached', entityId: thread.id } })).toBe(1);
    const events = (await owner.get(`/api/articles/${articleId}/events?after=0`)).body as { type: string; data: { id: string } }[];
    expect(events.slice(-2).map((e) => [e.type, e.data.id])).toEqual([
      ['annotation.updated', thread.id],
      ['annotation.updated', reply.id],
    ]);
  });
});
