import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/**
 * Serves the built web client with a fallback to index.html for client-side routes.
 * Returns false when no build is present (e.g. in API-only development).
 */
export function serveWebClient(app: Express, distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  app.use(express.static(distDir, { index: false, maxAge: '1h', immutable: false }));
  app.get(/^(?!\/api(\/|$)|\/socket\.io(\/|$)).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
