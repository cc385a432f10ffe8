import fs from 'node:fs';
import path from 'node:path';
import { importArticle, selectorsFor } from './support/annotating';
import { ARTICLE } from './support/fixture-article';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';
import { loadSuite, W3C_TESTS } from './support/w3c-conformance';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const annotationMusts = loadSuite('annotations/annotationMusts.test');
const collectionMusts = loadSuite('collections/collectionMusts.test');

type WebAnnotation = Record<string, any>;

/** The assertions each document fails, by id, so a failure shows which rule broke for which item. */
const failuresById = (items: WebAnnotation[]) => Object.fromEntries(items.map((item) => [item.id, annotationMusts.check(item)]));

/** The suite's own sample annotations (some "incorrect" samples are not even JSON: those are skipped). */
function samples(kind: 'correct' | 'incorrect'): [string, WebAnnotation][] {
  const dir = path.join(W3C_TESTS, 'tools/samples', kind);
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((file): [string, WebAnnotation][] => {
      try {
        return [[file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))]];
      } catch {
        return [];
      }
    })
    .filter(([, doc]) => doc.type === 'Annotation');
}

describe('W3C Web Annotation export', () => {
  let app: TestApp;
  let owner: HttpClient, analyst: HttpClient;
  let articleId: string;
  let text: string;
  const made: Record<'highlight' | 'comment' | 'question' | 'tag' | 'reply', any> = {} as never;
  const iri = (id: string) => `${TEST_ORIGIN}/api/annotations/${id}`;
  const exportPath = () => `/api/articles/${articleId}/annotations.jsonld`;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    const workspaceId = await newWorkspace(owner);
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    ({ id: articleId, text } = await importArticle(owner, workspaceId));
    const create = async (as: HttpClient, body: Record<string, unknown>) => {
      const res = await as.post(`/api/articles/${articleId}/annotations`, body);
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const on = (exact: string, occurrence = 0) => ({ selector: selectorsFor(text, exact, occurrence) });
    made.highlight = await create(owner, { motivation: 'highlighting', target: on(ARTICLE.unique[1]) });
    made.comment = await create(analyst, {
      motivation: 'commenting',
      body: 'Which **WSJ** report? See [the story](https://www.wsj.com/).',
      tags: ['sourcing', 'wsj'],
      target: on(ARTICLE.unique[3]),
    });
    made.question = await create(analyst, { motivation: 'questioning', body: 'When did this start?', target: on(ARTICLE.frequent, 1) });
    made.tag = await create(owner, { motivation: 'tagging', tags: ['ukraine'], target: on(ARTICLE.frequent, 2) });
    made.reply = await create(owner, { motivation: 'replying', body: 'The October 2024 one.', replyTo: made.comment.id });
  });
  afterAll(() => app.close());

  it('answers an AnnotationCollection as JSON-LD with the annotation profile', async () => {
    const res = await analyst.get(exportPath());
    expect(res.status).toBe(200);
    const [mediaType, ...params] = res.headers.get('content-type')!.split(';').map((p) => p.trim());
    expect(mediaType).toBe('application/ld+json');
    expect(params).toContain(`profile="${ANNO_CONTEXT}"`);
    expect(res.body).toMatchObject({
      '@context': ANNO_CONTEXT,
      id: `${TEST_ORIGIN}${exportPath()}`,
      type: 'AnnotationCollection',
      total: 5,
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
    const ids = res.body.first.items.map((item: WebAnnotation) => item.id);
    expect(ids.sort()).toEqual(Object.values(made).map((a) => iri(a.id)).sort());
    expect(collectionMusts.check(res.body)).toEqual([]);
  });

  it('exports every annotation so that it passes all the W3C "must" assertions', async () => {
    const { body } = await analyst.get(exportPath());
    expect(annotationMusts.assertions).toBe(54);
    const expected = Object.fromEntries(Object.values(made).map((a) => [iri(a.id), []]));
    expect(failuresById(body.first.items)).toEqual(expected);
  });

  it('maps each motivation to the model: bodies, purposes, selectors and a reply targeting its parent', async () => {
    const items: WebAnnotation[] = (await analyst.get(exportPath())).body.first.items;
    const item = (key: keyof typeof made) => items.find((i) => i.id === iri(made[key].id))!;

    const highlight = item('highlight');
    expect(highlight).toMatchObject({ type: 'Annotation', motivation: 'highlighting', created: made.highlight.createdAt });
    expect(highlight).not.toHaveProperty('body');
    expect(highlight).not.toHaveProperty('bodyValue');
    expect(highlight.creator).toEqual({ id: `${TEST_ORIGIN}/api/users/${owner.user!.id}`, type: 'Person', name: 'Owner' });
    expect(highlight.target).toEqual({
      type: 'SpecificResource',
      source: `${TEST_ORIGIN}/api/articles/${articleId}/revisions/${made.highlight.revisionId}`,
      selector: made.highlight.target.selector,
    });

    expect(item('comment').body).toEqual([
      { type: 'TextualBody', value: made.comment.body, format: 'text/markdown', purpose: 'commenting' },
      { type: 'TextualBody', value: 'sourcing', purpose: 'tagging' },
      { type: 'TextualBody', value: 'wsj', purpose: 'tagging' },
    ]);
    expect(item('question').body).toEqual({ type: 'TextualBody', value: 'When did this start?', format: 'text/markdown', purpose: 'questioning' });
    expect(item('tag')).toMatchObject({ motivation: 'tagging', body: { type: 'TextualBody', value: 'ukraine', purpose: 'tagging' } });
    expect(item('reply')).toMatchObject({ motivation: 'replying', target: iri(made.comment.id) });
  });

  it('rejects deliberately broken annotations with the same validator', async () => {
    const { body } = await analyst.get(exportPath());
    const good: WebAnnotation = body.first.items.find((i: WebAnnotation) => i.id === iri(made.comment.id));
    const broken = (change: (a: WebAnnotation) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return annotationMusts.check(copy).map((f) => path.basename(f.assertion));
    };
    expect(broken(() => {})).toEqual([]);
    expect(broken((a) => delete a.target)).toContain('3.1-targetKeyFound.json');
    expect(broken((a) => (a.bodyValue = 'plain text too'))).toEqual(['3.2.5-notBodyBodyValue.json']);
    expect(broken((a) => (a['@context'] = 'http://schema.org/'))).toEqual(['3.1-annotationContextValidated.json']);
    expect(broken((a) => (a.created = 'last Tuesday'))).toEqual(['3.3.1-annotationCreatedValidated.json']);
    expect(broken((a) => (a.type = 'Note'))).toEqual(['3.1-annotationTypeValidated.json']);
    expect(broken((a) => (a.target.selector[0] = { type: 'TextQuoteSelector', prefix: 'no exact' }))).toContain('4.2.4-textQuoteSelectorValid.json');
  });

  it('agrees with the suite’s own samples: correct ones pass, every incorrect one fails', () => {
    const correct = samples('correct');
    const incorrect = samples('incorrect');
    expect([correct.length, incorrect.length]).toEqual([41, 19]);
    // Three "correct" samples still use the draft model's Composite/List/Independents targets,
    // which the Recommendation (and these schemas) dropped; the suite's schemas reject them too.
    const failingCorrect = correct.filter(([, doc]) => annotationMusts.check(doc).length > 0).map(([file]) => file);
    expect(failingCorrect).toEqual(['anno11.json', 'anno12.json', 'anno13.json']);
    expect(correct.filter(([file]) => failingCorrect.includes(file)).map(([, doc]) => doc.target.type)).toEqual(['Composite', 'List', 'Independents']);
    const passingIncorrect = incorrect.filter(([, doc]) => annotationMusts.check(doc).length === 0).map(([file]) => file);
    expect(passingIncorrect).toEqual([]);
  });

  it('leaves deleted annotations out, and answers a non-member 404', async () => {
    expect((await analyst.delete(`/api/annotations/${made.question.id}`)).status).toBe(204);
    const { body } = await analyst.get(exportPath());
    expect(body.total).toBe(4);
    expect(body.first.items.map((i: WebAnnotation) => i.id)).not.toContain(iri(made.question.id));

    const stranger = await newUser(app, 'Stranger');
    const res = await stranger.get(exportPath());
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await stranger.get('/api/articles/not-a-uuid/annotations.jsonld')).status).toBe(400);
  });
});
