import { randomUUID } from 'node:crypto';
import { Annotation, type Notification } from '@corroborate/contracts';
import { auditLog, importArticle, offsetOf, selectorsFor } from './support/annotating';
import { expectError } from './support/assertions';
import { ARTICLE } from './support/fixture-article';
import { type HttpClient, newMember, newUser, newWorkspace, type Reply } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

/** Asserts a 400 in the error shape, naming `path` (or a path under it) among its details. */
function expect400(res: Reply, path: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  const paths: string[] = (res.body.error.details ?? []).map((d: { path: string }) => d.path);
  expect(paths.some((p) => p === path || p.startsWith(`${path}.`))).toBe(true);
}

// Spans by role: phrases found once, a word found many times (and the prefix of one of its
// occurrences), and another repeated word.
const [ONCE_A, ONCE_B, ONCE_C, ONCE_D] = ARTICLE.unique;
const { frequent: OFTEN, frequentPrefix: OFTEN_PREFIX, recurring: AGAIN } = ARTICLE;

describe('annotations (REST)', () => {
  let app: TestApp;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient, viewer: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;

  const create = (as: HttpClient, body: Record<string, unknown>, article = articleId) => as.post(`/api/articles/${article}/annotations`, body);
  const highlight = (exact: string, occurrence = 0) => ({ motivation: 'highlighting', target: { selector: selectorsFor(text, exact, occurrence) } });
  const list = async (as = owner) => (await as.get(`/api/articles/${articleId}/annotations`)).body as Annotation[];
  const eventsAbout = async (id: string) =>
    ((await owner.get(`/api/articles/${articleId}/events?after=0`)).body as { type: string; data: { id: string } }[]).filter((e) => e.data.id === id);
  const rowCount = (id: string) => app.prisma.annotation.count({ where: { id } });

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    viewer = await newMember(app, owner, workspaceId, 'viewer');
    stranger = await newUser(app, 'Stranger');
    ({ id: articleId, text } = await importArticle(owner, workspaceId));
  });
  afterAll(() => app.close());

  describe('anchoring', () => {
    it('stores a quote and position pair with the 32-character canonical context, whatever context was sent', async () => {
      const [quote, position] = selectorsFor(text, ONCE_A, 0, 5);
      const res = await create(analyst, { motivation: 'highlighting', target: { selector: [quote, position] } });
      expect(res.status).toBe(201);
      expect(Annotation.safeParse(res.body).error).toBeUndefined();
      const start = offsetOf(text, ONCE_A);
      const end = start + ONCE_A.length;
      expect(res.body.target.selector).toEqual([
        { type: 'TextQuoteSelector', exact: ONCE_A, prefix: text.slice(start - 32, start), suffix: text.slice(end, end + 32) },
        { type: 'TextPositionSelector', start, end },
      ]);
      expect(res.body.target.selector[0].prefix).toHaveLength(32);
      expect(res.body).toMatchObject({ motivation: 'highlighting', body: null, tags: [], replyTo: null, version: 1, resolved: false });
      expect(res.body.author).toEqual({ id: analyst.user!.id, displayName: 'analyst' });
      expect((await list()).find((a) => a.id === res.body.id)).toEqual(res.body);
    });

    it('finds the position of a quote alone, refuses an ambiguous one, and accepts it disambiguated by a prefix', async () => {
      const unique = await create(owner, { motivation: 'highlighting', target: { selector: [{ type: 'TextQuoteSelector', exact: ONCE_B }] } });
      expect(unique.status).toBe(201);
      const once = offsetOf(text, ONCE_B);
      expect(unique.body.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: once, end: once + ONCE_B.length });

      const ambiguous = await create(owner, { motivation: 'highlighting', target: { selector: [{ type: 'TextQuoteSelector', exact: OFTEN }] } });
      expect400(ambiguous, 'target.selector');
      expect(ambiguous.body.error.message).toMatch(/more than once/);

      const prefixed = await create(owner, { motivation: 'highlighting', target: { selector: [{ type: 'TextQuoteSelector', exact: OFTEN, prefix: OFTEN_PREFIX }] } });
      expect(prefixed.status).toBe(201);
      const start = offsetOf(text, OFTEN_PREFIX + OFTEN) + OFTEN_PREFIX.length;
      expect(prefixed.body.target.selector[1]).toEqual({ type: 'TextPositionSelector', start, end: start + OFTEN.length });
    });

    it('derives the quote from a position alone and accepts one selector object instead of a list', async () => {
      const start = offsetOf(text, ONCE_C);
      const res = await create(owner, { motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', start, end: start + ONCE_C.length } } });
      expect(res.status).toBe(201);
      expect(res.body.target.selector[0]).toMatchObject({ exact: ONCE_C, prefix: text.slice(start - 32, start) });
    });

    it('refuses a quote that does not match its position, and a span past the end of the text', async () => {
      const [quote] = selectorsFor(text, ONCE_B);
      const [, elsewhere] = selectorsFor(text, ONCE_A);
      expect400(await create(owner, { motivation: 'highlighting', target: { selector: [quote, elsewhere] } }), 'target.selector');
      const past = { type: 'TextPositionSelector', start: text.length - 3, end: text.length + 1 };
      expect400(await create(owner, { motivation: 'highlighting', target: { selector: [past] } }), 'target.selector');
    });

    it('refuses offsets that split an emoji (a surrogate pair) and accepts the whole emoji', async () => {
      const other = await newWorkspace(owner, 'Emoji desk');
      const article = await importArticle(owner, other, 'Launch day 🚀 went well, said the crew 👩‍🚀 afterwards.', 'Emoji');
      const at = article.text.indexOf('🚀');
      const span = (start: number, end: number) => ({ motivation: 'highlighting', target: { selector: [{ type: 'TextPositionSelector', start, end }] } });
      expect400(await create(owner, span(at + 1, at + 6), article.id), 'target.selector');
      expect400(await create(owner, span(at - 4, at + 1), article.id), 'target.selector');
      const whole = await create(owner, span(at, at + 2), article.id);
      expect(whole.status).toBe(201);
      expect(whole.body.target.selector[0].exact).toBe('🚀');
    });
  });

  describe('motivations', () => {
    it('requires a body to comment and tags to tag, deduplicates tags and keeps markdown as written', async () => {
      const target = { selector: selectorsFor(text, OFTEN, 22) };
      expect400(await create(analyst, { motivation: 'commenting', target }), 'body');
      expect400(await create(analyst, { motivation: 'questioning', body: '   ', target }), 'body');
      expect400(await create(analyst, { motivation: 'tagging', target }), 'tags');
      expect400(await create(analyst, { motivation: 'tagging', tags: [], target }), 'tags');

      const markdown = '**Source?** See [the WSJ](https://www.wsj.com/)\n\n- one\n- two\n\n<em>raw</em> `code`';
      const comment = await create(analyst, { motivation: 'commenting', body: markdown, tags: ['russia', 'musk', 'russia'], target });
      expect(comment.status).toBe(201);
      expect(comment.body).toMatchObject({ body: markdown, tags: ['russia', 'musk'] });
      const tagged = await create(analyst, { motivation: 'tagging', tags: [' starlink ', 'starlink'], target });
      expect(tagged.body.tags).toEqual(['starlink']);
      const question = await create(analyst, { motivation: 'questioning', body: 'When exactly?', target });
      expect(question.status).toBe(201);

      const untagged = await analyst.patch(`/api/annotations/${tagged.body.id}`, { version: 1, tags: [] });
      expect400(untagged, 'tags');
      expect400(await analyst.patch(`/api/annotations/${comment.body.id}`, { version: 1, body: '' }), 'body');
    });

    it('threads replies: a reply needs replyTo, inherits its parent’s target, and a reply to a reply joins the root', async () => {
      const root = await create(owner, { motivation: 'questioning', body: 'Which report?', target: { selector: selectorsFor(text, ONCE_D) } });
      expect400(await create(analyst, { motivation: 'replying', body: 'The July one' }), 'replyTo');
      expect400(await create(analyst, { motivation: 'commenting', body: 'x', replyTo: root.body.id }), 'motivation');
      expect400(await create(analyst, { motivation: 'replying', body: 'x', replyTo: randomUUID() }), 'replyTo');

      const reply = await create(analyst, { motivation: 'replying', body: 'The July one', replyTo: root.body.id });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ replyTo: root.body.id, target: root.body.target, revisionId: root.body.revisionId });
      const nested = await create(editor, { motivation: 'replying', body: 'Agreed', replyTo: reply.body.id });
      expect(nested.body.replyTo).toBe(root.body.id);
    });
  });

  describe('idempotent create', () => {
    it('stores and answers a client id sent in upper case as the lower-case id it is', async () => {
      const id = randomUUID();
      const res = await create(analyst, { ...highlight(AGAIN, 4), id: id.toUpperCase() });
      expect(res.status).toBe(201);
      expect(res.body.id).toBe(id);
      expect((await eventsAbout(id)).map((e) => e.data.id)).toEqual([id]);
      expect((await create(analyst, { ...highlight(AGAIN, 4), id })).status).toBe(200);
    });

    it('refuses a client id that belonged to an annotation since deleted', async () => {
      const id = randomUUID();
      const body = { ...highlight(AGAIN, 5), id };
      expect((await create(analyst, body)).status).toBe(201);
      expect((await analyst.delete(`/api/annotations/${id}`)).status).toBe(204);
      const again = await create(analyst, body);
      expectError(again, 409, 'id');
      expect(again.body.error.message).toMatch(/taken/);
    });

    it('answers a repeat with the stored object (200), once in the table and the log; a different body is 409', async () => {
      const id = randomUUID();
      const body = { id, motivation: 'commenting', body: 'Pinned source', target: { selector: selectorsFor(text, OFTEN, 23) } };
      const first = await create(analyst, body);
      const again = await create(analyst, body);
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body).toEqual(first.body);
      const changed = await create(analyst, { ...body, body: 'Something else' });
      expect({ status: changed.status, code: changed.body.error.code }).toEqual({ status: 409, code: 'CONFLICT' });
      expect(await rowCount(id)).toBe(1);
      expect((await eventsAbout(id)).map((e) => e.type)).toEqual(['annotation.created']);
    });

    it('stores one row and one event for five concurrent identical creates', async () => {
      const id = randomUUID();
      const body = { id, motivation: 'tagging', tags: ['retry'], target: { selector: selectorsFor(text, OFTEN, 24) } };
      const replies = await Promise.all(Array.from({ length: 5 }, () => create(analyst, body)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(await rowCount(id)).toBe(1);
      expect((await eventsAbout(id)).map((e) => e.type)).toEqual(['annotation.created']);
    });
  });

  describe('access, checked by the write itself', () => {
    const lastSeq = async () => (await app.prisma.article.findUniqueOrThrow({ where: { id: articleId } })).lastSeq;
    const status = (res: Reply) => ({ status: res.status, code: res.body?.error?.code });
    const missing = { motivation: 'highlighting', target: { selector: [{ type: 'TextQuoteSelector', exact: 'not in this article at all' }] } };

    beforeEach(async () => {
      // A member's read leaves the article's head cached, as on a busy server.
      expect((await analyst.get(`/api/articles/${articleId}`)).status).toBe(200);
    });

    it('answers a non-member 404 and a viewer 403, before judging the body, and writes nothing', async () => {
      const seq = await lastSeq();
      const id = randomUUID();
      expect(status(await create(stranger, { ...highlight(AGAIN), id }))).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(status(await create(stranger, missing))).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(status(await create(viewer, { ...highlight(AGAIN), id }))).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect(status(await create(viewer, missing))).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect(status(await create(analyst, missing))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(await rowCount(id)).toBe(0);
      expect(await lastSeq()).toBe(seq);
    });

    it('applies a role change and a removal to the very next create', async () => {
      const member = await newMember(app, owner, workspaceId, 'analyst');
      expect((await create(member, highlight(AGAIN, 1))).status).toBe(201);
      const seq = await lastSeq();

      expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${member.user!.id}`, { role: 'viewer' })).status).toBe(200);
      expect(status(await create(member, highlight(AGAIN, 2)))).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${member.user!.id}`, { role: 'reviewer' })).status).toBe(200);
      expect((await create(member, highlight(AGAIN, 2))).status).toBe(201);
      expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${member.user!.id}`)).status).toBe(204);
      expect(status(await create(member, highlight(AGAIN, 3)))).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(await lastSeq()).toBe(seq + 1);
    });
  });

  describe('updates and permissions', () => {
    it('updates with the version read, and answers a stale version with 409 and the current annotation', async () => {
      const { body: a } = await create(analyst, { motivation: 'commenting', body: 'draft', target: { selector: selectorsFor(text, OFTEN, 7) } });
      const updated = await analyst.patch(`/api/annotations/${a.id}`, { version: 1, body: 'final', tags: ['x'] });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id: a.id, body: 'final', tags: ['x'], version: 2 });
      const stale = await analyst.patch(`/api/annotations/${a.id}`, { version: 1, body: 'lost update' });
      expect({ status: stale.status, code: stale.body.error.code }).toEqual({ status: 409, code: 'CONFLICT' });
      expect(stale.body.error.current).toEqual((await list()).find((x) => x.id === a.id));
      expect(stale.body.error.current.body).toBe('final');
    });

    it('lets an analyst resolve and reopen another’s annotation, but not edit or delete it', async () => {
      const { body: a } = await create(owner, { motivation: 'questioning', body: 'Dates?', target: { selector: selectorsFor(text, OFTEN, 9) } });
      const edit = await analyst.patch(`/api/annotations/${a.id}`, { version: 1, body: 'mine now' });
      expect({ status: edit.status, code: edit.body.error.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect((await analyst.patch(`/api/annotations/${a.id}`, { version: 1, tags: ['x'] })).status).toBe(403);
      expect((await analyst.delete(`/api/annotations/${a.id}`)).status).toBe(403);

      const resolved = await analyst.patch(`/api/annotations/${a.id}`, { version: 1, resolved: true });
      expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: analyst.user!.id, version: 2, body: 'Dates?' });
      expect(resolved.body.resolvedAt).toEqual(expect.any(String));
      const reopened = await analyst.patch(`/api/annotations/${a.id}`, { version: 2, resolved: false });
      expect(reopened.body).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null, version: 3 });
    });

    it('lets a viewer read but not write, and editors and owners edit and delete anyone’s', async () => {
      const { body: a } = await create(analyst, { motivation: 'commenting', body: 'by analyst', target: { selector: selectorsFor(text, OFTEN, 11) } });
      expect((await viewer.get(`/api/articles/${articleId}/annotations`)).status).toBe(200);
      expect((await create(viewer, highlight(OFTEN, 12))).status).toBe(403);
      expect((await viewer.patch(`/api/annotations/${a.id}`, { version: 1, resolved: true })).status).toBe(403);
      expect((await viewer.delete(`/api/annotations/${a.id}`)).status).toBe(403);

      const edited = await editor.patch(`/api/annotations/${a.id}`, { version: 1, body: 'edited by the editor' });
      expect(edited.body).toMatchObject({ body: 'edited by the editor', author: { id: analyst.user!.id } });
      const second = await create(analyst, highlight(OFTEN, 13));
      expect((await owner.delete(`/api/annotations/${second.body.id}`)).status).toBe(204);
      expect((await editor.delete(`/api/annotations/${a.id}`)).status).toBe(204);
    });

    it('answers 404 to a non-member on every route, revealing nothing', async () => {
      const { body: a } = await create(owner, highlight(OFTEN, 14));
      const replies = [
        await stranger.get(`/api/articles/${articleId}/annotations`),
        await create(stranger, highlight(OFTEN, 15)),
        await stranger.patch(`/api/annotations/${a.id}`, { version: 1, resolved: true }),
        await stranger.delete(`/api/annotations/${a.id}`),
        await stranger.get(`/api/articles/${articleId}/events?after=0`),
        await stranger.get(`/api/annotations/${a.id}/history`),
      ];
      expect(replies.map((r) => [r.status, r.body.error.code])).toEqual(Array(6).fill([404, 'NOT_FOUND']));
      expect((await list()).find((x) => x.id === a.id)?.resolved).toBe(false);
    });
  });

  describe('edits and their history', () => {
    it('marks a comment edited only when its words or tags change, and shows every version to any member, oldest first', async () => {
      const { body: a } = await create(analyst, { motivation: 'commenting', body: 'First words', target: { selector: selectorsFor(text, OFTEN, 17) } });
      expect(a.editedAt).toBeNull();
      const resolved = await owner.patch(`/api/annotations/${a.id}`, { version: 1, resolved: true });
      const same = await analyst.patch(`/api/annotations/${a.id}`, { version: 2, body: 'First words' });
      expect([resolved.body.editedAt, same.body.editedAt]).toEqual([null, null]);
      const history = async (as = owner) => (await as.get(`/api/annotations/${a.id}/history`)).body;
      expect(await history()).toEqual([{ body: 'First words', tags: [], at: a.createdAt, by: { id: analyst.user!.id, displayName: analyst.user!.displayName } }]);

      const second = await analyst.patch(`/api/annotations/${a.id}`, { version: 3, body: 'Second words' });
      expect(second.body.editedAt).toEqual(expect.any(String));
      expect(Date.parse(second.body.editedAt)).toBeGreaterThanOrEqual(Date.parse(a.createdAt));
      const third = await editor.patch(`/api/annotations/${a.id}`, { version: 4, body: 'Third words', tags: ['sourced'] });
      const reopened = await owner.patch(`/api/annotations/${a.id}`, { version: 5, resolved: false });
      expect(reopened.body.editedAt).toBe(third.body.editedAt);
      expect((await list(viewer)).find((x) => x.id === a.id)?.editedAt).toBe(third.body.editedAt);

      const versions = await history(viewer);
      expect(versions.map((v: { body: string; tags: string[]; by: { id: string } }) => [v.body, v.tags, v.by.id])).toEqual([
        ['First words', [], analyst.user!.id],
        ['Second words', [], analyst.user!.id],
        ['Third words', ['sourced'], editor.user!.id],
      ]);
      expect(versions.map((v: { at: string }) => v.at)).toEqual([a.createdAt, second.body.editedAt, third.body.editedAt]);
    });

    it('carries editedAt in the live event and the reader view, and answers 404 for a deleted annotation’s history', async () => {
      const { body: a } = await create(owner, { motivation: 'questioning', body: 'When?', target: { selector: selectorsFor(text, OFTEN, 18) } });
      const edited = await owner.patch(`/api/annotations/${a.id}`, { version: 1, body: 'When exactly?' });
      const [event] = (await eventsAbout(a.id)).filter((e) => e.type === 'annotation.updated');
      expect((event?.data as unknown as Annotation).editedAt).toBe(edited.body.editedAt);
      const reader = (await analyst.get(`/api/articles/${articleId}/reader`)).body as { annotations: Annotation[] };
      expect(reader.annotations.find((x) => x.id === a.id)?.editedAt).toBe(edited.body.editedAt);
      expect((await owner.delete(`/api/annotations/${a.id}`)).status).toBe(204);
      const gone = await owner.get(`/api/annotations/${a.id}/history`);
      expect([gone.status, gone.body.error.code]).toEqual([404, 'NOT_FOUND']);
    });
  });

  it('tells whoever an edit newly mentions, on the thread: not those mentioned before, nor the editor, nor anyone for a resolve', async () => {
    const mentions = async (as: HttpClient, annotationId: string) =>
      ((await as.get('/api/notifications')).body.items as Notification[]).filter((n) => n.kind === 'mention' && n.annotationId === annotationId);
    const edit = (as: HttpClient, id: string, body: Record<string, unknown>) => as.patch(`/api/annotations/${id}`, body);
    const { body: root } = await create(analyst, { motivation: 'commenting', body: 'Source, @Owner?', target: { selector: selectorsFor(text, OFTEN, 19) } });
    const { body: reply } = await create(analyst, { motivation: 'replying', body: 'More below', replyTo: root.id });
    expect(await mentions(owner, root.id)).toHaveLength(1);

    expect((await edit(analyst, reply.id, { version: 1, body: 'More below, @editor' })).status).toBe(200);
    expect(await mentions(editor, root.id)).toEqual([
      expect.objectContaining({ actor: { id: analyst.user!.id, displayName: 'analyst' }, text: expect.stringContaining('More below, @editor') }),
    ]);
    expect((await edit(analyst, root.id, { version: 1, body: 'Source, @Owner? And @viewer' })).status).toBe(200);
    expect((await mentions(viewer, root.id)).map((n) => n.actor?.id)).toEqual([analyst.user!.id]);
    // The editor adding themselves, a resolve and the same words again: nobody new.
    expect((await edit(editor, root.id, { version: 2, body: 'Source, @Owner? And @viewer, @editor' })).status).toBe(200);
    expect((await edit(owner, root.id, { version: 3, resolved: true, body: 'Source, @Owner? And @viewer, @editor' })).status).toBe(200);
    const counts = async () => [(await mentions(owner, root.id)).length, (await mentions(editor, root.id)).length, (await mentions(viewer, root.id)).length];
    expect(await counts()).toEqual([1, 1, 1]);
    // An editor's edit is theirs to announce, to whoever it newly names.
    expect((await edit(editor, reply.id, { version: 2, body: 'More below, @editor and @analyst' })).status).toBe(200);
    expect((await mentions(analyst, root.id)).map((n) => n.actor?.id)).toEqual([editor.user!.id]);
    expect(await counts()).toEqual([1, 1, 1]);
  });

  it('soft-deletes a thread: gone from the list with its replies, rows kept with deleted_at, one event', async () => {
    const { body: root } = await create(owner, { motivation: 'commenting', body: 'thread', target: { selector: selectorsFor(text, OFTEN, 16) } });
    const { body: r1 } = await create(analyst, { motivation: 'replying', body: 'one', replyTo: root.id });
    const { body: r2 } = await create(editor, { motivation: 'replying', body: 'two', replyTo: root.id });
    expect((await owner.delete(`/api/annotations/${root.id}`)).status).toBe(204);

    const ids = (await list()).map((a) => a.id);
    for (const id of [root.id, r1.id, r2.id]) expect(ids).not.toContain(id);
    const rows = await app.prisma.$queryRaw<{ id: string; deleted_at: Date | null }[]>`
      SELECT id::text, deleted_at FROM annotations WHERE id IN (${root.id}::uuid, ${r1.id}::uuid, ${r2.id}::uuid)`;
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.deleted_at instanceof Date)).toBe(true);
    const [deleted] = (await eventsAbout(root.id)).filter((e) => e.type === 'annotation.deleted');
    expect(deleted?.data).toEqual({ id: root.id, replyTo: null, deletedIds: [root.id, r1.id, r2.id] });
    expect((await owner.delete(`/api/annotations/${root.id}`)).status).toBe(404);
    expect((await owner.patch(`/api/annotations/${r1.id}`, { version: 1, body: 'late' })).status).toBe(404);
  });

  describe('hostile input never yields a 5xx', () => {
    const target = () => ({ selector: selectorsFor(text, ONCE_B) });
    const cases: [string, () => unknown, string][] = [
      ['a body over 20,000 characters', () => ({ motivation: 'commenting', body: 'x'.repeat(20_001), target: target() }), 'body'],
      ['a client id that is not a UUID', () => ({ id: 'not-a-uuid', motivation: 'highlighting', target: target() }), 'id'],
      ['a replyTo that is not a UUID', () => ({ motivation: 'replying', body: 'x', replyTo: "1' OR '1'='1" }), 'replyTo'],
      ['an unknown motivation', () => ({ motivation: 'liking', target: target() }), 'motivation'],
      ['a negative offset', () => ({ motivation: 'highlighting', target: { selector: [{ type: 'TextPositionSelector', start: -5, end: 3 }] } }), 'target.selector'],
      ['an end before the start', () => ({ motivation: 'highlighting', target: { selector: [{ type: 'TextPositionSelector', start: 9, end: 3 }] } }), 'target.selector'],
      ['fractional and huge offsets', () => ({ motivation: 'highlighting', target: { selector: [{ type: 'TextPositionSelector', start: 1.5, end: 1e300 }] } }), 'target.selector'],
      ['offsets given as strings', () => ({ motivation: 'highlighting', target: { selector: [{ type: 'TextPositionSelector', start: '1', end: '9' }] } }), 'target.selector'],
      ['an unknown selector type', () => ({ motivation: 'highlighting', target: { selector: [{ type: 'XPathSelector', value: '/p[1]' }] } }), 'target.selector'],
      ['an empty selector list', () => ({ motivation: 'highlighting', target: { selector: [] } }), 'target.selector'],
      ['three selectors', () => ({ motivation: 'highlighting', target: { selector: [...target().selector, target().selector[0]] } }), 'target.selector'],
      ['a quote that is not in the text', () => ({ motivation: 'highlighting', target: { selector: [{ type: 'TextQuoteSelector', exact: 'Not in the article' }] } }), 'target.selector'],
      ['a whitespace-only span', () => ({ motivation: 'highlighting', target: { selector: [{ type: 'TextPositionSelector', start: offsetOf(text, '\n\n'), end: offsetOf(text, '\n\n') + 2 }] } }), 'target.selector'],
      ['no target at all', () => ({ motivation: 'highlighting' }), 'target'],
      ['tags that are not strings', () => ({ motivation: 'tagging', tags: [{ $ne: 1 }], target: target() }), 'tags'],
    ];

    it.each(cases)('refuses %s with 400', async (_name, body, path) => {
      const before = await app.prisma.annotation.count();
      expect400(await create(analyst, body() as Record<string, unknown>), path);
      expect(await app.prisma.annotation.count()).toBe(before);
    });

    it.each([
      ['a fractional offset', { type: 'TextPositionSelector', start: 1.5, end: 9 }, 'target.selector.start'],
      ['an offset given as a string', [{ type: 'TextPositionSelector', start: '1', end: 9 }], 'target.selector.0.start'],
      ['an unknown selector type', [{ type: 'XPathSelector', value: '/p[1]' }], 'target.selector.0.type'],
      ['a null among the selectors', [{ type: 'TextQuoteSelector', exact: OFTEN }, null], 'target.selector.1'],
      ['a selector that is a string', OFTEN, 'target.selector'],
    ])('names the field at fault for %s', async (_name, selector, path) => {
      const res = await create(analyst, { motivation: 'highlighting', target: { selector } });
      expectError(res, 400, path);
      expect(res.body.error.message).not.toMatch(/: Invalid input$/);
    });

    it('refuses numbers past what the database stores, naming them', async () => {
      const { body: a } = await create(analyst, highlight(OFTEN, 21));
      expectError(await analyst.patch(`/api/annotations/${a.id}`, { version: 2_147_483_648, body: 'x' }), 400, 'version');
      expectError(await analyst.patch(`/api/annotations/${a.id}`, { version: Number.MAX_SAFE_INTEGER, body: 'x' }), 400, 'version');
      expectError(await analyst.get(`/api/articles/${articleId}/events?after=2147483648`), 400, 'after');
      expect((await analyst.get(`/api/articles/${articleId}/events?after=2147483647`)).body).toEqual([]);
    });

    it('refuses malformed ids in paths and bodies that are not JSON objects', async () => {
      expect400(await analyst.get('/api/articles/not-a-uuid/annotations'), 'articleId');
      expect400(await analyst.patch('/api/annotations/123', { version: 1 }), 'annotationId');
      expect400(await analyst.delete("/api/annotations/'%3B--"), 'annotationId');
      expect((await analyst.request('POST', `/api/articles/${articleId}/annotations`, '{"motivation":')).status).toBe(400);
      expect((await analyst.request('POST', `/api/articles/${articleId}/annotations`, '[1,2]')).status).toBe(400);
      const { body: a } = await create(analyst, highlight(OFTEN, 20));
      expect400(await analyst.patch(`/api/annotations/${a.id}`, { version: -1, resolved: true }), 'version');
      expect400(await analyst.patch(`/api/annotations/${a.id}`, { version: 1, body: 'y'.repeat(20_001) }), 'body');
    });
  });

  it('records every mutation in the article’s event log (seq 1, 2, 3, …) and in the audit log, in the same order', async () => {
    const events = (await owner.get(`/api/articles/${articleId}/events?after=0`)).body as { seq: number; type: string; actorId: string; data: { id: string } }[];
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['annotation.created', 'annotation.updated', 'annotation.deleted']));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const audited = (await auditLog(owner, workspaceId)).filter((e) => e.action.startsWith('annotation.'));
    expect(audited.map((e) => [e.action, e.entityId, e.actorId])).toEqual(events.map((e) => [e.type, e.data.id, e.actorId]));
    const rows = await app.prisma.annotation.count({ where: { articleId } });
    expect(events.filter((e) => e.type === 'annotation.created')).toHaveLength(rows);
  });
});
