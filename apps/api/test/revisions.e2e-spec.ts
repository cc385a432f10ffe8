import { ReanchorService } from '../src/annotations/reanchor.service';
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
  let workspaceId: string;
  let articleId: string;

  /** Highlights `exact` by its position in `text`, the current text of the article. */
  const annotate = async (exact: string, article = articleId, text = V1) => {
    const start = text.indexOf(exact);
    const res = await editor.post(`/api/articles/${article}/annotations`, {
      motivation: 'highlighting',
      target: { selector: [{ type: 'TextPositionSelector', start, end: start + exact.length }] },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    editor = await newUser(app, 'Editor');
    workspaceId = await newWorkspace(editor);
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

  it('lets annotation edits and revisions of one article run at once, each answered, none failing', async () => {
    const text = 'The Kremlin denied that any such calls took place, the Journal reported in 2022.';
    const id = (await editor.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Busy', text })).body.id as string;
    const quote = 'The Kremlin denied that any such calls took place';
    const created = await editor.post(`/api/articles/${id}/annotations`, {
      motivation: 'commenting',
      body: 'round 0',
      target: { selector: [{ type: 'TextQuoteSelector', exact: quote }] },
    });
    expect(created.status).toBe(201);
    const statuses: number[] = [];
    for (let round = 1; round <= 15; round++) {
      const { version } = (await editor.get(`/api/articles/${id}/annotations`)).body[0] as { version: number };
      const [edit, revision] = await Promise.all([
        editor.patch(`/api/annotations/${created.body.id}`, { version, body: `round ${round}` }),
        editor.post(`/api/articles/${id}/revisions`, { text: `${text} Revision ${round}.` }),
      ]);
      statuses.push(edit.status, revision.status);
    }
    // An edit may lose to the revision's re-anchoring (409, a newer version); nothing fails.
    expect(statuses.filter((s) => ![200, 201, 409].includes(s))).toEqual([]);
    const [annotation] = (await editor.get(`/api/articles/${id}/annotations`)).body as { body: string; target: { selector: [{ exact: string }] } }[];
    expect(annotation!.target.selector[0].exact).toBe(quote);
  });

  it('moves an annotation created, and one edited, while the revision was being prepared', async () => {
    const text = 'Musk spoke with Putin in 2022.\n\nThe Kremlin denied that any such calls took place.\n\nStarlink was restricted near Crimea.';
    const id = (await editor.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Race', text })).body.id as string;
    const highlight = (exact: string) => annotate(exact, id, text);
    const edited = await highlight('The Kremlin denied that any such calls took place');
    let created = '';
    const reanchor = app.app.get(ReanchorService);
    const prepare = reanchor.prepare.bind(reanchor);
    const spy = jest.spyOn(reanchor, 'prepare').mockImplementationOnce(async (...args) => {
      const prepared = await prepare(...args);
      // Meanwhile, before the revision's transaction: one annotation changes, another is made.
      expect((await editor.patch(`/api/annotations/${edited}`, { version: 1, body: 'Denied twice.' })).status).toBe(200);
      created = await highlight('Starlink was restricted near Crimea');
      return prepared;
    });
    try {
      const v2 = 'Starlink was restricted near Crimea.\n\nThe Kremlin has denied that any such calls took place.';
      const res = await editor.post(`/api/articles/${id}/revisions`, { text: v2 });
      expect(spy).toHaveBeenCalled();
      expect(res.status).toBe(201);
      const outcomes = Object.fromEntries(res.body.anchors.map((a: { id: string; outcome: string }) => [a.id, a.outcome]));
      expect(outcomes).toEqual({ [edited]: 'fuzzy', [created]: 'moved' });
      const list: { id: string; body: string | null; version: number; revisionId: string; target: { selector: [{ exact: string }, { start: number; end: number }] } }[] =
        (await editor.get(`/api/articles/${id}/annotations`)).body;
      for (const a of list) {
        expect(a.revisionId).toBe(res.body.revision.id);
        expect(v2.slice(a.target.selector[1].start, a.target.selector[1].end)).toBe(a.target.selector[0].exact);
      }
      expect(list.find((a) => a.id === edited)).toMatchObject({ body: 'Denied twice.', version: 3 });
    } finally {
      spy.mockRestore();
    }
  });

  it('accounts for every annotation of a large article with many long highlights', async () => {
    // About 480,000 characters of made-up sentences, 150 highlights of 1,990 characters, and a
    // revision that changes every 40th character.
    const words = ['claims', 'report', 'convoy', 'witness', 'border', 'minister', 'denied', 'source', 'video', 'satellite', 'image', 'official', 'village', 'evidence', 'timeline', 'document'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    let v1 = '';
    while (v1.length < 480_000) v1 += Array.from({ length: 8 + next(7) }, () => words[next(words.length)]).join(' ') + (next(10) ? '. ' : '.\n\n');
    v1 = v1.slice(0, 480_000).trimEnd() + '.';
    const article = await editor.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Long', text: v1 });
    expect(article.status).toBe(201);
    const id = article.body.id as string;
    const text: string = article.body.revision.text;
    const spans = Array.from({ length: 150 }, (_, i) => Math.floor((i * (text.length - 2_000)) / 150)).map((start) => ({ start, end: start + 1_990 }));
    const ids: string[] = [];
    for (let i = 0; i < spans.length; i += 10) {
      const batch = spans.slice(i, i + 10).map((target) =>
        editor.post(`/api/articles/${id}/annotations`, { motivation: 'highlighting', target: { selector: [{ type: 'TextPositionSelector', ...target }] } }),
      );
      for (const res of await Promise.all(batch)) {
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
    }

    const v2 = [...text].map((c, i) => (i % 40 === 20 ? (c === 'x' ? 'y' : 'x') : c)).join('');
    const res = await editor.post(`/api/articles/${id}/revisions`, { text: v2 });
    expect(res.status).toBe(201);
    const anchors: { id: string; outcome: string; score?: number; selector?: [{ exact: string }, { start: number; end: number }] }[] = res.body.anchors;
    expect(anchors.map((a) => a.id).sort()).toEqual([...ids].sort());
    for (const a of anchors) {
      expect(['exact', 'moved', 'fuzzy', 'orphaned']).toContain(a.outcome);
      if (a.selector) expect(v2.slice(a.selector[1].start, a.selector[1].end)).toBe(a.selector[0].exact);
    }
    // Every highlight is still where it was, with about one character in 40 changed.
    expect(anchors.every((a) => a.outcome === 'fuzzy' && a.score! > 0.97)).toBe(true);
    const moved = (await editor.get(`/api/articles/${id}/annotations`)).body as { revisionId: string }[];
    expect(moved.filter((a) => a.revisionId === res.body.revision.id)).toHaveLength(ids.length);
  });
});
