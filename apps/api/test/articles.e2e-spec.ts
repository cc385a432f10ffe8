import { createHash, randomUUID } from 'node:crypto';
import type { Revision } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { ARTICLE } from './support/fixture-article';
import { type HttpClient, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** What each paragraph's offsets select in the revision's text. */
const slices = (revision: Revision) => revision.paragraphs.map((p) => revision.text.slice(p.start, p.end));
/** Runs of non-blank lines (without the line break that ends the last), computed independently of the API. */
function blankLineParagraphs(text: string): string[] {
  const runs: string[][] = [[]];
  for (const line of text.split('\n')) {
    if (line.trim()) runs.at(-1)!.push(line);
    else runs.push([]);
  }
  return runs.filter((run) => run.length > 0).map((run) => run.join('\n'));
}

let app: TestApp;
let owner: HttpClient;
let ws: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await newUser(app, 'Importer');
  ws = await newWorkspace(owner, 'Imports');
});
afterAll(() => app.close());

const importArticle = (body: Record<string, unknown>) =>
  owner.post(`/api/workspaces/${ws}/articles`, { title: 'Imported', ...body });

/** Imports and returns the created article, failing loudly on anything but 201. */
async function imported(body: Record<string, unknown>) {
  const res = await importArticle(body);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body;
}

describe('plain text import', () => {
  it('imports the fixture verbatim (LF-normalised) with its sha256 and paragraph offsets', async () => {
    const file = ARTICLE.text;
    const expected = file.replace(/\r\n?/g, '\n');
    const res = await importArticle({ title: ARTICLE.title, text: file, sourceUrl: 'https://example.org/story' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      title: ARTICLE.title,
      sourceUrl: 'https://example.org/story',
      revision: { id: expect.any(String), number: 1, text: expected, sha256: sha256(expected), sourceFormat: 'text' },
    });
    const { revision } = res.body;
    expect(revision.paragraphs.length).toBeGreaterThan(5);
    for (const p of revision.paragraphs) expect(p.end).toBeGreaterThan(p.start);
    expect(slices(revision)).toEqual(blankLineParagraphs(file.replace(/\r\n?/g, '\n')));

    const got = await owner.get(`/api/articles/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.revision).toEqual(revision);
    expect(got.body.sourceUrl).toBe('https://example.org/story');

    const list = await owner.get(`/api/workspaces/${ws}/articles`);
    expect(list.body).toContainEqual(
      expect.objectContaining({ id: res.body.id, revisionNumber: 1, wordCount: expected.match(/\S+/g)!.length }),
    );
  });

  it('normalises CRLF and lone CR to LF and nothing else', async () => {
    const { revision } = await imported({ text: '  Line one \r\nline two\r\n\r\nSecond\rparagraph\r\n' });
    expect(revision.text).toBe('  Line one \nline two\n\nSecond\nparagraph\n');
    expect(slices(revision)).toEqual(['  Line one \nline two', 'Second\nparagraph']);
  });

  it('round-trips emoji and combining characters with offsets in UTF-16 code units', async () => {
    const text = 'Lab 👩🏽‍🔬 notes: cafe\u0301 ≠ café.\n\n𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — 中文段落。\n\nEnd 🇺🇦';
    const { id, revision } = await imported({ text });
    expect(revision.text).toBe(text);
    expect(revision.sha256).toBe(sha256(text));
    const starts = ['Lab', '𝔘', 'End'].map((s) => text.indexOf(s));
    expect(revision.paragraphs.map((p: { start: number }) => p.start)).toEqual(starts);
    expect(revision.paragraphs.at(-1).end).toBe(text.length);
    expect(slices(revision)).toEqual(text.split('\n\n'));
    const got = await owner.get(`/api/articles/${id}`);
    expect(got.body.revision.text).toBe(text);
    expect(got.body.revision.text.normalize('NFC')).not.toBe(text); // not silently normalised
  });
});

describe('Markdown and HTML import', () => {
  it('strips Markdown markup, keeps paragraphs and does not keep raw HTML as tags', async () => {
    const markdown = [
      '# The *headline*',
      'Some _emphasis_, **strong** words and a [link](https://example.org).',
      '<script>alert(1)</script>',
      'Inline <b onclick="steal()">bold</b> text.',
      '1. first item\n2. second item',
    ].join('\n\n');
    const { revision } = await imported({ markdown });
    expect(revision.sourceFormat).toBe('markdown');
    expect(slices(revision)).toEqual([
      'The headline',
      'Some emphasis, strong words and a link.',
      'Inline bold text.',
      expect.stringMatching(/^\s*1\. first item\n\s*2\. second item$/),
    ]);
    expect(revision.text).not.toMatch(/[#*_[\]<>]|alert|onclick/);
  });

  it('drops script and style contents, keeps <p> paragraphs apart and decodes entities', async () => {
    const html =
      '<html><head><style>p { color: red }</style><script>window.pwned = true</script></head><body>' +
      '<h2>Fact &amp; fiction</h2><p>First &mdash; caf&eacute; &#8220;quoted&#8221;</p>' +
      '<p>Second &lt;b&gt; para<script>document.cookie</script></p><noscript>enable js</noscript></body></html>';
    const { revision } = await imported({ html });
    expect(revision.sourceFormat).toBe('html');
    expect(slices(revision)).toEqual(['Fact & fiction', 'First — café “quoted”', 'Second <b> para']);
    expect(revision.text).not.toMatch(/color|pwned|cookie|enable js/);
  });

  it('imports a text of the largest size made of very many short paragraphs', async () => {
    const text = 'x\n\n'.repeat(120_000);
    const article = await imported({ title: 'Many paragraphs', text });
    expect(article.revision.paragraphs).toHaveLength(120_000);
    expect(article.revision.paragraphs.at(-1)).toEqual({ start: text.length - 3, end: text.length - 2 });
    const revised = await owner.post(`/api/articles/${article.id}/revisions`, { text: 'y\n\n'.repeat(120_000) });
    expect(revised.status).toBe(201);
    expect(revised.body.revision.paragraphs).toHaveLength(120_000);
  });

  it('refuses markup nested deeper than any article, in an import or a revision (400)', async () => {
    expectError(await importArticle({ title: 'Deep', html: '<table><tr><td>'.repeat(2_000) + 'x' }), 400, 'html');
    expectError(await importArticle({ title: 'Deep', markdown: '<blockquote>'.repeat(3_000) + 'x' }), 400, 'markdown');
    expectError(await importArticle({ title: 'Deep', html: '<div>'.repeat(99_000) }), 400, 'html');
    expect(await app.prisma.article.count({ where: { title: 'Deep' } })).toBe(0);
    const article = await imported({ text: 'Shallow.' });
    expectError(await owner.post(`/api/articles/${article.id}/revisions`, { html: '<b>'.repeat(160_000) }), 400, 'html');
  });

  it('refuses markup that parses deeper than it reads, measured on the tree built (400, not a 500)', async () => {
    const foreign = '<svg><style>' + '<x>'.repeat(160_000);
    const html = await importArticle({ title: 'Deeper', html: foreign });
    expectError(html, 400, 'html');
    expect(html.body.error.message).toBe('html: nests elements more than 200 levels deep');
    expectError(await importArticle({ title: 'Deeper', markdown: foreign }), 400, 'markdown');
    expectError(await importArticle({ title: 'Deeper', html: ('<b>' + '<div>'.repeat(150) + '</b>').repeat(7) }), 400, 'html');
    expect(await app.prisma.article.count({ where: { title: 'Deeper' } })).toBe(0);
  });

  it('refuses HTML with no readable text (400)', async () => {
    expectError(await importArticle({ title: 'Nothing here', html: '<script>alert("only")</script><style>x{}</style>' }), 400, 'html');
    expect(await app.prisma.article.count({ where: { title: 'Nothing here' } })).toBe(0);
  });
});

describe('validation', () => {
  it('wants exactly one of text, html and markdown', async () => {
    expectError(await importArticle({}), 400, 'text');
    expectError(await importArticle({ text: 'a', html: '<p>a</p>' }), 400, 'text');
    expectError(await importArticle({ text: 'a', markdown: 'a' }), 400, 'text');
  });

  it('names a missing title, a bad sourceUrl and a bad publishedAt', async () => {
    expectError(await owner.post(`/api/workspaces/${ws}/articles`, { text: 'Untitled' }), 400, 'title');
    expectError(await importArticle({ text: 'x', sourceUrl: 'javascript:alert(1)' }), 400, 'sourceUrl');
    expectError(await importArticle({ text: 'x', sourceUrl: 'not a url' }), 400, 'sourceUrl');
    expectError(await importArticle({ text: 'x', publishedAt: 'last tuesday' }), 400, 'publishedAt');
    expectError(await importArticle({ text: 'x', publishedAt: '2024-02-30' }), 400, 'publishedAt');
    expectError(await importArticle({ text: 'x', publishedAt: '0000-01-01' }), 400, 'publishedAt');
    expectError(await importArticle({ text: 'x', publishedAt: '9999-12-31T23:59:59-14:00' }), 400, 'publishedAt');
  });

  it.each([
    ['2024-10-01', '2024-10-01T00:00:00.000Z'],
    ['2024-10-01T12:30:00Z', '2024-10-01T12:30:00.000Z'],
    ['2024-10-01T12:30:00.250+02:00', '2024-10-01T10:30:00.250Z'],
  ])('accepts publishedAt %s', async (publishedAt, stored) => {
    const article = await imported({ text: 'Dated.', publishedAt, author: 'A. Writer' });
    expect(article).toMatchObject({ publishedAt: stored, author: 'A. Writer' });
  });

  it('answers 413 above the body limit and 400 above the text limit', async () => {
    const tooBig = await importArticle({ text: 'x'.repeat(2 * 1024 * 1024 + 10) });
    expectError(tooBig, 413);
    expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expectError(await importArticle({ text: 'word '.repeat(100_001) }), 400, 'text');
    expect((await importArticle({ text: 'y'.repeat(500_000) })).status).toBe(201);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await owner.request('POST', `/api/workspaces/${ws}/articles`, '{"title": "Broken", "text": ');
    expectError(res, 400, 'body');
  });
});

describe('revisions', () => {
  it('adds revision 2 with the new text and hash, and GET then returns it', async () => {
    const article = await imported({ text: 'First draft.' });
    const res = await owner.post(`/api/articles/${article.id}/revisions`, { text: 'Second draft,\r\nlonger.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      revision: { number: 2, text: 'Second draft,\nlonger.', sha256: sha256('Second draft,\nlonger.') },
      anchors: [],
    });
    expect(res.body.revision.id).not.toBe(article.revision.id);

    const got = await owner.get(`/api/articles/${article.id}`);
    expect(got.body.revision).toEqual(res.body.revision);
    expect(got.body.version).toBe(article.version + 1);
    const listed = (await owner.get(`/api/workspaces/${ws}/articles`)).body.find((a: { id: string }) => a.id === article.id);
    expect(listed).toMatchObject({ revisionNumber: 2, wordCount: 3 });
    expect(await app.prisma.articleRevision.count({ where: { articleId: article.id } })).toBe(2);
  });

  it('validates a revision like an import', async () => {
    const article = await imported({ text: 'Stable.' });
    expectError(await owner.post(`/api/articles/${article.id}/revisions`, {}), 400, 'text');
    expectError(await owner.post(`/api/articles/${article.id}/revisions`, { html: '<script>x</script>' }), 400, 'html');
    expect((await owner.get(`/api/articles/${article.id}`)).body.revision.number).toBe(1);
  });
});

describe('idempotent create with a client-chosen id', () => {
  it('returns the stored article (200) for the same body and 409 for a different one', async () => {
    const id = randomUUID();
    const body = { id, title: 'Retry me', text: 'Same body.', sourceUrl: 'https://example.org/a', publishedAt: '2024-10-01' };
    const first = await importArticle(body);
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(id);

    const again = await importArticle(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    expectError(await importArticle({ ...body, text: 'Other body.' }), 409);
    expectError(await importArticle({ ...body, title: 'Other title' }), 409);
    expectError(await importArticle({ ...body, sourceUrl: 'https://example.org/b' }), 409);
    expectError(await importArticle({ ...body, publishedAt: '2024-10-02' }), 409);
    expect(await app.prisma.articleRevision.count({ where: { articleId: id } })).toBe(1);
    expect((await owner.get(`/api/articles/${id}`)).body).toEqual(first.body);
  });
});
