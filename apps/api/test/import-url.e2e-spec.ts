import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expectError } from './support/assertions';
import { type HttpClient, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Import from a URL, against a page server on this machine. It is reachable only because this
 * app names its host in IMPORT_ALLOW_HOSTS (as an intranet would name its wiki); every other
 * host on a loopback, private, link-local, shared or multicast address stays refused, before
 * connecting and after each redirect.
 */

const PAGE = fs.readFileSync(path.join(__dirname, 'fixtures/pages/news-page.html'));
const LATIN1 = Buffer.from('Caf\xe9 prices rose 4% in May, the survey says.\n\nSecond paragraph.', 'latin1');

let pages: http.Server;
let base: string;
const hits = new Map<string, number>();

let app: TestApp;
let owner: HttpClient;
let ws: string;

beforeAll(async () => {
  pages = http.createServer((req, res) => {
    const url = req.url ?? '/';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    const hop = /^\/hop\/(\d+)$/.exec(url);
    if (url === '/story') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (url === '/moved') res.writeHead(301, { location: '/story' }).end();
    else if (url === '/plain') res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(LATIN1);
    else if (url === '/to-private') res.writeHead(302, { location: 'http://10.1.2.3/admin' }).end();
    else if (url === '/to-metadata') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else if (url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else if (url === '/to-nowhere') res.writeHead(302, { location: 'http://[not-an-address' }).end();
    else if (url === '/deep') res.writeHead(200, { 'content-type': 'text/html' }).end('<svg><style>' + '<x>'.repeat(160_000));
    else if (hop) res.writeHead(302, { location: `/hop/${Number(hop[1]) + 1}` }).end();
    else if (url === '/image') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64));
    else if (url === '/untyped') res.end('<p>No type</p>');
    else if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 11; i++) res.write(chunk);
      res.end();
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  app = await startTestApp({ IMPORT_ALLOW_HOSTS: '127.0.0.1' });
  owner = await newUser(app, 'URL importer');
  ws = await newWorkspace(owner, 'URL desk');
});
afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => pages?.close(resolve));
});

const importUrl = (client: HttpClient, workspaceId: string, body: Record<string, unknown>) =>
  client.post(`/api/workspaces/${workspaceId}/articles`, body);

describe('import from a URL', () => {
  it('fetches the page, keeps its article through Readability and stores the bytes with their sha256 and fetch time', async () => {
    const before = Date.now();
    const res = await importUrl(owner, ws, { url: `${base}/moved` });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    expect(res.body).toMatchObject({
      title: 'River Wend is cleaner than a decade ago, agency says',
      author: 'Priya Natarajan',
      siteName: 'The Valley Courier',
      sourceUrl: `${base}/moved`,
      revision: {
        sourceFormat: 'html',
        snapshot: {
          url: `${base}/story`,
          sha256: createHash('sha256').update(PAGE).digest('hex'),
          contentType: 'text/html; charset=utf-8',
        },
      },
    });
    const { revision } = res.body;
    expect(Date.parse(revision.snapshot.fetchedAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(revision.text.startsWith('Sewage spills into the River Wend')).toBe(true);
    expect(revision.text).not.toContain('Cookie settings');
    // Relative links resolve against the address that answered.
    expect(revision.marks).toContainEqual(expect.objectContaining({ type: 'link', href: `${base}/angling-trust` }));
    const stored = await app.prisma.articleRevision.findUniqueOrThrow({ where: { id: revision.id } });
    expect(Buffer.from(stored.snapshot!).equals(PAGE)).toBe(true);
    expect(stored.source).toBe(PAGE.toString('utf8'));
  });

  it('imports plain text in its declared charset, and answers a retry with the same id from what it stored', async () => {
    const id = '0b7e2d4c-3f5a-4b6c-8d7e-9f0a1b2c3d4e';
    const body = { id, url: `${base}/plain`, title: 'Prices' };
    const first = await importUrl(owner, ws, body);
    expect(first.status).toBe(201);
    expect(first.body.revision).toMatchObject({ sourceFormat: 'text', blocks: [], text: 'Café prices rose 4% in May, the survey says.\n\nSecond paragraph.' });
    const fetched = hits.get('/plain');
    const again = await importUrl(owner, ws, body);
    expect(again.status).toBe(200);
    expect(again.body.revision).toEqual(first.body.revision);
    expect(hits.get('/plain')).toBe(fetched);
    expectError(await importUrl(owner, ws, { ...body, title: 'Another title' }), 409, 'id');
  });

  it('refuses private, link-local, shared, multicast and unspecified addresses, IPv4 and IPv6, mapped forms too', async () => {
    const count = await app.prisma.article.count();
    for (const host of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '0.0.0.0', '[fd00::1]', '[fe80::1]', '[::ffff:10.0.0.1]', '[::ffff:169.254.169.254]', '[ff02::1]', '[::]']) {
      const res = await importUrl(owner, ws, { url: `http://${host}/page` });
      expectError(res, 400, 'url');
      expect(res.body.error.message).toMatch(/only public internet addresses/);
    }
    expect(await app.prisma.article.count()).toBe(count);
  });

  it('checks every redirect again, and refuses more than five', async () => {
    for (const target of ['/to-private', '/to-metadata']) {
      const res = await importUrl(owner, ws, { url: `${base}${target}` });
      expectError(res, 400, 'url');
      expect(res.body.error.message).toMatch(/is not allowed: .* is a (private|linkLocal) address/);
    }
    expectError(await importUrl(owner, ws, { url: `${base}/to-file` }), 400, 'url');
    const loop = await importUrl(owner, ws, { url: `${base}/hop/0` });
    expectError(loop, 400, 'url');
    expect(loop.body.error.message).toMatch(/redirects more than 5 times/);
    expect(hits.get('/hop/5')).toBe(1);
    expect(hits.get('/hop/6')).toBeUndefined();
  });

  it('refuses a redirect to a Location that is not a URL, naming url', async () => {
    const res = await importUrl(owner, ws, { url: `${base}/to-nowhere`, title: 'Nowhere' });
    expectError(res, 400, 'url');
    expect(res.body.error.message).toMatch(/redirect target is not a valid URL/);
  });

  it('refuses a page that parses nested deeper than any article, naming url', async () => {
    const res = await importUrl(owner, ws, { url: `${base}/deep`, title: 'Deep page' });
    expectError(res, 400, 'url');
    expect(res.body.error.message).toBe('url: nests elements more than 200 levels deep');
  });

  it('takes HTML and plain text only, within 10 MB, from pages that answer', async () => {
    const type = await importUrl(owner, ws, { url: `${base}/image` });
    expectError(type, 400, 'url');
    expect(type.body.error.message).toMatch(/image\/png: only HTML and plain text/);
    expectError(await importUrl(owner, ws, { url: `${base}/untyped` }), 400, 'url');
    expectError(await importUrl(owner, ws, { url: `${base}/huge` }), 413, 'url');
    const missing = await importUrl(owner, ws, { url: `${base}/nothing` });
    expectError(missing, 400, 'url');
    expect(missing.body.error.message).toMatch(/answered HTTP 404/);
  });

  it('wants an http or https URL, and only one body', async () => {
    expectError(await importUrl(owner, ws, { url: 'ftp://example.org/file' }), 400, 'url');
    expectError(await importUrl(owner, ws, { url: 'not a url' }), 400, 'url');
    expectError(await importUrl(owner, ws, { url: `${base}/story`, text: 'and text' }), 400, 'text');
  });
});

describe('without the test setting', () => {
  it('lets only the hosts it names through: the same server by another name or address is refused', async () => {
    const fetched = hits.get('/story') ?? 0;
    const { port } = pages.address() as AddressInfo;
    for (const url of [`http://localhost:${port}/story`, `http://[::1]:${port}/story`, `http://127.1.2.3:${port}/story`]) {
      const res = await importUrl(owner, ws, { url });
      expectError(res, 400, 'url');
      expect(res.body.error.message).toMatch(/loopback address/);
    }
    expect(hits.get('/story') ?? 0).toBe(fetched);
  });

  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp();
  });
  afterAll(() => strict?.close());

  it('refuses loopback by address and by name, and fetches nothing', async () => {
    const client = await newUser(strict, 'Strict importer');
    const desk = await newWorkspace(client, 'Strict desk');
    const fetched = hits.get('/story') ?? 0;
    const { port } = pages.address() as AddressInfo;
    for (const url of [`${base}/story`, `http://localhost:${port}/story`, `http://[::1]:${port}/story`, `http://127.1.2.3:${port}/story`]) {
      const res = await importUrl(client, desk, { url });
      expectError(res, 400, 'url');
      expect(res.body.error.message).toMatch(/loopback address/);
    }
    expect(hits.get('/story') ?? 0).toBe(fetched);
  });
});
