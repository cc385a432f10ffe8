import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

const ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/**
 * What every signed-in page asks the API for as it opens: the session. (The notifications menu
 * reads its first page once the live connection is up, features/notifications/api.ts.)
 */
const EVERY_PAGE = ['/api/me'];

/** Pages of one article (their path) and what each asks the API for as it opens. */
const PAGE_DATA: [RegExp, (articleId: string) => string[]][] = [
  // The reader (with or without a claim panel open) and the claims board open with the reader
  // view, which holds everything else they show at first.
  [new RegExp(`^/articles/${ID}(?:/claims/[^/]+|/board)?/?$`, 'i'), (id) => [`/api/articles/${id}/reader`]],
];

/**
 * What a page will ask the API for first, as `Link: rel=preload` for the browser to fetch
 * while it is still loading the client's scripts, a round trip earlier than the client could.
 * The client's own requests (same URL, credentials and headers) take these answers. Nothing
 * is preloaded without a session cookie: it would only be refused.
 */
export function preloadLinks(req: Pick<Request, 'path' | 'cookies'>, sessionCookie: string): string[] {
  if (!(req.cookies as Record<string, string | undefined>)[sessionCookie]) return [];
  const urls = [...EVERY_PAGE];
  for (const [path, data] of PAGE_DATA) {
    const match = path.exec(req.path);
    if (match) urls.push(...data(match[1]!.toLowerCase()));
  }
  return urls.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`);
}

/**
 * Serves the built web client with a fallback to index.html for client-side routes.
 * Returns false when no build is present (e.g. in API-only development).
 */
export function serveWebClient(app: Express, distDir: string, sessionCookie: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  // The build names every file under assets/ by a hash of its content, so one never changes:
  // browsers keep them without asking again. The build compressed them beforehand (brotli and
  // gzip copies beside each), so each is sent in the smallest form the browser accepts, for no
  // CPU here. A missing one is a plain 404, never the page below (a page loaded before a deploy
  // asking for a file the new build no longer has).
  const assets = expressStaticGzip(path.join(distDir, 'assets'), {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: { index: false, maxAge: '1y', immutable: true },
  });
  app.use('/assets', assets, (_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.use(express.static(distDir, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/api(\/|$)|\/socket\.io(\/|$)).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    const links = preloadLinks(req, sessionCookie);
    if (links.length) res.setHeader('Link', links.join(', '));
    res.sendFile(index);
  });
  return true;
}
