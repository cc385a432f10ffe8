import fs from 'node:fs';
import path from 'node:path';
import type { Article, Block, Mark, Revision } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { type HttpClient, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Imports keep their structure (blocks and marks as ranges over the canonical text) without
 * changing what selectors count into, and whole web pages go through Readability.
 */

const PAGE = fs.readFileSync(path.join(__dirname, 'fixtures/pages/news-page.html'), 'utf8');
const LEAVES = new Set(['heading', 'paragraph', 'preformatted']);

let app: TestApp;
let owner: HttpClient;
let ws: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await newUser(app, 'Structure editor');
  ws = await newWorkspace(owner, 'Structure desk');
});
afterAll(() => app.close());

async function imported(body: Record<string, unknown>): Promise<Article> {
  const res = await owner.post(`/api/workspaces/${ws}/articles`, body);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body;
}

/** Each range as the text it selects, with its other fields. */
const read = (revision: Revision, ranges: (Block | Mark)[]) =>
  ranges.map(({ start, end, ...rest }) => ({ ...rest, text: revision.text.slice(start, end) }));
const leaves = (revision: Revision) => read(revision, revision.blocks.filter((b) => LEAVES.has(b.type)));

/** The selector pair for the `occurrence`th `exact` in `text`. */
function selectors(text: string, exact: string) {
  const start = text.indexOf(exact);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = start + exact.length;
  return [
    { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
    { type: 'TextPositionSelector', start, end },
  ];
}

describe('structure kept beside the canonical text', () => {
  it('keeps headings, lists, block quotes and links from HTML, and GET returns the same', async () => {
    const html =
      '<h1>Budget vote</h1><p>The council <a href="https://council.example/minutes">published the minutes</a> on <em>Monday</em>.</p>' +
      '<h2>Who voted</h2><ol><li>Labour: 12</li><li>Green: 4</li></ol><blockquote><p>A fair budget.</p></blockquote>' +
      '<p>See <a href="javascript:alert(1)">this</a> and <a href="/local">that</a>.</p>';
    const article = await imported({ title: 'Budget', html });
    const { revision } = article;
    expect(revision.text).toBe('Budget vote\n\nThe council published the minutes on Monday.\n\nWho voted\n\n1. Labour: 12\n2. Green: 4\n\nA fair budget.\n\nSee this and that.');
    expect(leaves(revision)).toEqual([
      { type: 'heading', level: 1, text: 'Budget vote' },
      { type: 'paragraph', text: 'The council published the minutes on Monday.' },
      { type: 'heading', level: 2, text: 'Who voted' },
      { type: 'paragraph', text: 'Labour: 12' },
      { type: 'paragraph', text: 'Green: 4' },
      { type: 'paragraph', text: 'A fair budget.' },
      { type: 'paragraph', text: 'See this and that.' },
    ]);
    expect(read(revision, revision.blocks.filter((b) => !LEAVES.has(b.type)))).toEqual([
      { type: 'list', ordered: true, first: 1, text: 'Labour: 12\n2. Green: 4' },
      { type: 'listItem', text: 'Labour: 12' },
      { type: 'listItem', text: 'Green: 4' },
      { type: 'blockquote', text: 'A fair budget.' },
    ]);
    // Unsafe and relative links (no page to resolve against) keep their text, not their link.
    expect(read(revision, revision.marks)).toEqual([
      { type: 'link', href: 'https://council.example/minutes', text: 'published the minutes' },
      { type: 'emphasis', text: 'Monday' },
    ]);
    const got = await owner.get(`/api/articles/${article.id}`);
    expect(got.body.revision).toEqual(revision);
    expect(revision.snapshot).toBeNull();
  });

  it('keeps the same structure from Markdown, and plain text has none', async () => {
    const markdown = '## Sources\n\n- The [census](https://stats.example/census) table\n- A **local** survey\n\n> Quoted line';
    const { revision } = await imported({ title: 'Md', markdown });
    expect(revision.text).toBe('Sources\n\n• The census table\n• A local survey\n\nQuoted line');
    expect(read(revision, revision.blocks)).toEqual([
      { type: 'heading', level: 2, text: 'Sources' },
      { type: 'list', ordered: false, text: 'The census table\n• A local survey' },
      { type: 'listItem', text: 'The census table' },
      { type: 'paragraph', text: 'The census table' },
      { type: 'listItem', text: 'A local survey' },
      { type: 'paragraph', text: 'A local survey' },
      { type: 'blockquote', text: 'Quoted line' },
      { type: 'paragraph', text: 'Quoted line' },
    ]);
    expect(read(revision, revision.marks)).toEqual([
      { type: 'link', href: 'https://stats.example/census', text: 'census' },
      { type: 'strong', text: 'local' },
    ]);
    const plain = await imported({ title: 'Plain', text: '# Just text\n\n- with a dash' });
    expect(plain.revision).toMatchObject({ blocks: [], marks: [], text: '# Just text\n\n- with a dash' });
  });

  it('anchors annotations across blocks and links to the same text offsets, through a revision', async () => {
    const html = '<h2>Water quality</h2><p>Spills fell by <a href="https://agency.example/r">a third</a> last year.</p><ul><li>Filters at two works</li></ul>';
    const article = await imported({ title: 'Anchors', html });
    const { text } = article.revision;
    // From inside the heading, across the link, into the paragraph.
    const exact = 'quality\n\nSpills fell by a third';
    const created = await owner.post(`/api/articles/${article.id}/annotations`, {
      motivation: 'commenting',
      body: 'Which year?',
      target: { selector: selectors(text, exact) },
    });
    expect(created.status).toBe(201);
    const position = created.body.target.selector.find((s: { type: string }) => s.type === 'TextPositionSelector');
    expect(text.slice(position.start, position.end)).toBe(exact);
    // The span starts in the heading block and ends inside the link mark.
    const heading = article.revision.blocks.find((b) => b.type === 'heading')!;
    const link = article.revision.marks.find((m) => m.type === 'link')!;
    expect(position.start).toBeGreaterThan(heading.start);
    expect(position.start).toBeLessThan(heading.end);
    expect(position.end).toBe(link.end);

    const revised = await owner.post(`/api/articles/${article.id}/revisions`, {
      html: `<p>Updated on Friday.</p>${html}`,
    });
    expect(revised.status).toBe(201);
    const [anchor] = revised.body.anchors;
    expect(anchor).toMatchObject({ kind: 'annotation', outcome: 'moved' });
    const next: Revision = revised.body.revision;
    const [, moved] = anchor.selector;
    expect(next.text.slice(moved.start, moved.end)).toBe(exact);
    expect(leaves(next).map((b) => b.text)).toEqual(['Updated on Friday.', 'Water quality', 'Spills fell by a third last year.', 'Filters at two works']);
    const nextLink = next.marks.find((m) => m.type === 'link')!;
    expect(moved.end).toBe(nextLink.end);
  });

  it('refuses HTML that names no title when none is given, naming title', async () => {
    expectError(await owner.post(`/api/workspaces/${ws}/articles`, { html: '<p>No heading, no title.</p>' }), 400, 'title');
    expectError(await owner.post(`/api/workspaces/${ws}/articles`, { text: 'Plain text needs one.' }), 400, 'title');
  });
});

describe('a whole web page through Readability', () => {
  it('keeps the article and leaves out navigation, promotions, asides, the footer and the repeated headline', async () => {
    const article = await imported({ html: PAGE, sourceUrl: 'https://valleycourier.example/environment/river-wend' });
    expect(article).toMatchObject({
      title: 'River Wend is cleaner than a decade ago, agency says',
      author: 'Priya Natarajan',
      siteName: 'The Valley Courier',
      publishedAt: '2024-05-31T08:30:00.000Z',
    });
    const { revision } = article;
    expect(revision.text.startsWith('Sewage spills into the River Wend fell by a third last year')).toBe(true);
    expect(revision.text.endsWith('Readers can send questions to the environment desk.')).toBe(true);
    for (const chrome of ['Subscribe', 'Politics', 'Breaking', 'Related stories', 'Sign up', 'Cookie settings', 'All rights reserved', 'Share this story', 'dataLayer', 'Skip to content']) {
      expect(revision.text).not.toContain(chrome);
    }
    // The headline is the title: it is not repeated as the first line.
    expect(revision.text).not.toContain('River Wend is cleaner than a decade ago, agency says');
    expect(leaves(revision).filter((b) => b.type === 'heading')).toEqual([
      { type: 'heading', level: 2, text: 'What changed at the treatment works' },
      { type: 'heading', level: 2, text: 'Fish are back, anglers say' },
    ]);
    expect(read(revision, revision.blocks).filter((b) => b.type === 'listItem')).toHaveLength(2);
    expect(read(revision, revision.blocks).find((b) => b.type === 'blockquote')?.text).toMatch(/^“We are not done\./);
    // Relative links resolve against the page's address.
    expect(read(revision, revision.marks).filter((m) => m.type === 'link')).toEqual([
      { type: 'link', href: 'https://agency.example.gov/reports/wend-2023.pdf', text: "agency's annual report" },
      { type: 'link', href: 'https://valleycourier.example/angling-trust', text: 'Angling Trust' },
      { type: 'link', href: 'mailto:desk@valleycourier.example', text: 'the environment desk' },
    ]);
  });

  it('lets the caller override the metadata, and a retry with the same id answers 200 without a second article', async () => {
    const id = '5d1c7a80-7a34-4f0e-9d67-4d8f2a0c1b11';
    const body = { id, html: PAGE, title: 'Our own title', author: 'Desk' };
    const first = await imported(body);
    expect(first).toMatchObject({ title: 'Our own title', author: 'Desk', siteName: 'The Valley Courier' });
    const again = await owner.post(`/api/workspaces/${ws}/articles`, body);
    expect(again.status).toBe(200);
    expect(again.body.revision).toEqual(first.revision);
    const untitled = { id: 'a6b1f0de-1b2c-4c3d-8e4f-5a6b7c8d9e0f', html: PAGE };
    await imported(untitled);
    expect((await owner.post(`/api/workspaces/${ws}/articles`, untitled)).status).toBe(200);
  });
});
