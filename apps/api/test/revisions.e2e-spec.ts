import { newUser, newWorkspace, type HttpClient } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

const V1 = [
  'Musk spoke with Putin several times in 2022, the Journal reported.',
  '',
  'The Kremlin denied that any such calls took place.',
  '',
  'Starlink was restricted near Crimea in September.',
].join('\n');

describe('article revisions move annotations onto the new text', () => {
  let app: TestApp;
  let editor: HttpClient;
  let articleId: string;

  const annotate = async (exact: string) => {
    const start = V1.indexOf(exact);
    const res = await editor.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'highlighting',
      target: { selector: [{ type: 'TextPositionSelector', start, end: start + exact.length }] },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    editor = await newUser(app, 'Editor');
    const workspaceId = await newWorkspace(editor);
    articleId = (await editor.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Calls', text: V1 })).body.id;
  });
  afterAll(() => app.close());

  it('reports exact, moved, fuzzy and orphaned anchors and updates the annotations', async () => {
    const exact = await annotate('Musk spoke with Putin');
    const moved = await annotate('Starlink was restricted near Crimea');
    const fuzzy = await annotate('The Kremlin denied that any such calls took place');
    const orphan = await annotate('the Journal reported');
    const reply = await editor.post(`/api/articles/${articleId}/annotations`, { motivation: 'replying', replyTo: moved, body: 'Source?' });

    const v2 = [
      'Musk spoke with Putin several times in 2022.',
      '',
      'In September, Starlink was restricted near Crimea.',
      '',
      'The Kremlin has denied that any such calls ever took place.',
    ].join('\n');
    const res = await editor.post(`/api/articles/${articleId}/revisions`, { text: v2 });
    expect(res.status).toBe(201);
    expect(res.body.revision.number).toBe(2);
    const outcomes = Object.fromEntries(res.body.anchors.map((a: { id: string; outcome: string }) => [a.id, a.outcome]));
    expect(outcomes).toEqual({ [exact]: 'exact', [moved]: 'moved', [fuzzy]: 'fuzzy', [orphan]: 'orphaned' });
    const fuzzyReport = res.body.anchors.find((a: { id: string }) => a.id === fuzzy);
    expect(fuzzyReport.score).toBeGreaterThan(0.75);
    expect(fuzzyReport.score).toBeLessThan(1);

    const list: { id: string; revisionId: string; target: { selector: [{ exact: string }, { start: number; end: number }] } }[] =
      (await editor.get(`/api/articles/${articleId}/annotations`)).body;
    const byId = new Map(list.map((a) => [a.id, a]));
    for (const id of [exact, moved, fuzzy, reply.body.id]) {
      const a = byId.get(id)!;
      expect(a.revisionId).toBe(res.body.revision.id);
      const [quote, position] = a.target.selector;
      expect(v2.slice(position.start, position.end)).toBe(quote.exact);
    }
    expect(byId.get(moved)!.target.selector[1].start).toBe(v2.indexOf('Starlink was restricted near Crimea'));
    expect(byId.get(reply.body.id)!.target.selector[1]).toEqual(byId.get(moved)!.target.selector[1]);
    // An orphan keeps its place in the revision it was made on.
    expect(byId.get(orphan)!.revisionId).not.toBe(res.body.revision.id);

    const events = (await editor.get(`/api/articles/${articleId}/events?after=0`)).body;
    const revised = events.at(-1);
    expect(revised.type).toBe('article.revised');
    expect(revised.data.revision.number).toBe(2);
    expect(revised.data.anchors).toEqual(res.body.anchors);
  });
  it('anchors a create made just after a revision on the new text', async () => {
    const v3 = 'A third text. Its claims: Musk met Putin in Sochi, twice.';
    const revised = await editor.post(`/api/articles/${articleId}/revisions`, { text: v3 });
    expect(revised.status).toBe(201);
    const byQuote = await editor.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'highlighting',
      target: { selector: [{ type: 'TextQuoteSelector', exact: 'in Sochi' }] },
    });
    expect(byQuote.status).toBe(201);
    expect(byQuote.body.revisionId).toBe(revised.body.revision.id);
    const start = v3.indexOf('Musk met Putin');
    const byPosition = await editor.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'highlighting',
      target: { selector: [{ type: 'TextPositionSelector', start, end: start + 14 }] },
    });
    expect(byPosition.status).toBe(201);
    expect(byPosition.body).toMatchObject({ revisionId: revised.body.revision.id, target: { selector: [{ exact: 'Musk met Putin' }, { start, end: start + 14 }] } });
  });
});
