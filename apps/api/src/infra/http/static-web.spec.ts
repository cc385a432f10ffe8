import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import cookieParser from 'cookie-parser';
import express from 'express';
import { preloadLinks, serveWebClient } from './static-web';

const ID = '3be238e1-87b7-4f81-9dfb-a72d62af0c27';
const signedIn = (path: string) => ({ path, cookies: { cb_session: 'secret' } });
const link = (url: string) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`;
const everyPage = [link('/api/me')];

describe('preloadLinks', () => {
  it('preloads the session for a signed-in page, and the reader view on an article', () => {
    expect(preloadLinks(signedIn('/w/abc'), 'cb_session')).toEqual(everyPage);
    expect(preloadLinks(signedIn(`/articles/${ID}`), 'cb_session')).toEqual([...everyPage, link(`/api/articles/${ID}/reader`)]);
    // The claim panel opens inside the reader.
    expect(preloadLinks(signedIn(`/articles/${ID.toUpperCase()}/claims/x`), 'cb_session').slice(1)).toEqual([link(`/api/articles/${ID}/reader`)]);
  });

  it('preloads the reader view for the claims board too', () => {
    expect(preloadLinks(signedIn(`/articles/${ID}/board`), 'cb_session').slice(1)).toEqual([link(`/api/articles/${ID}/reader`)]);
    expect(preloadLinks(signedIn(`/articles/${ID}/board/`), 'cb_session').slice(1)).toEqual([link(`/api/articles/${ID}/reader`)]);
  });

  it('preloads no article data for other article pages or a malformed id', () => {
    for (const path of [`/articles/${ID}/report`, `/articles/${ID}/board/x`, '/articles/not-an-id', `/articles/${ID}>;rel=x`]) {
      expect(preloadLinks(signedIn(path), 'cb_session')).toEqual(everyPage);
    }
  });

  it('preloads nothing without a session cookie', () => {
    expect(preloadLinks({ path: `/articles/${ID}`, cookies: {} }, 'cb_session')).toEqual([]);
    expect(preloadLinks({ path: `/articles/${ID}`, cookies: { other: 'x' } }, 'cb_session')).toEqual([]);
  });
});

describe('serveWebClient', () => {
  let dir: string;
  let server: import('node:http').Server;
  let base: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12.js'), 'export {};');
    // As the build leaves them: a brotli and a gzip copy beside the script.
    fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12.js.br'), zlib.brotliCompressSync('export {};'));
    fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12.js.gz'), zlib.gzipSync('export {};'));
    fs.writeFileSync(path.join(dir, 'assets', 'style-Cd34.css'), 'p{}');
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
    const app = express();
    app.use(cookieParser());
    expect(serveWebClient(app, dir, 'cb_session')).toBe(true);
    await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets browsers keep the hashed files for good', async () => {
    const res = await fetch(`${base}/assets/index-Ab12.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('export {};');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the compressed copy a browser accepts, brotli first, and the file itself otherwise', async () => {
    // Node's fetch would decode the body itself; the raw bytes show which copy was sent.
    const get = async (acceptEncoding: string | null, file = 'index-Ab12.js') => {
      const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
        const headers = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
        http.get(`${base}/assets/${file}`, { headers }, resolve).on('error', reject);
      });
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return { res, body: Buffer.concat(chunks) };
    };
    const br = await get('gzip, deflate, br');
    expect(br.res.headers['content-encoding']).toBe('br');
    expect(br.res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
    expect(br.res.headers.vary).toBe('Accept-Encoding');
    expect(br.res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe('export {};');
    const gz = await get('gzip');
    expect(gz.res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe('export {};');
    for (const accept of [null, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get(accept);
      expect(plain.res.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe('export {};');
    }
    // A file the build left no copies of is sent as it is.
    const style = await get('br', 'style-Cd34.css');
    expect(style.res.headers['content-encoding']).toBeUndefined();
    expect(style.body.toString()).toBe('p{}');
  });

  it('answers a missing hashed file with a 404, not the page', async () => {
    const res = await fetch(`${base}/assets/index-Gone.js`, { headers: { accept: '*/*' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('Not found');
  });

  it('keeps other files for an hour, and has the page asked again each time', async () => {
    expect((await fetch(`${base}/favicon.svg`)).headers.get('cache-control')).toBe('public, max-age=3600');
    const page = await fetch(`${base}/articles/x`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    // Signed in: the page names what it will ask for first.
    const signedIn = await fetch(`${base}/articles/x`, { headers: { accept: 'text/html', cookie: 'cb_session=secret' } });
    expect(signedIn.headers.get('link')).toBe(link('/api/me'));
  });
});
