import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes. Browsers always send `Origin` (and
 * `Sec-Fetch-Site`) on cross-site writes, so a write that carries either must come from an
 * allowed origin. A request with an Authorization header is authenticated by that header
 * alone, never by the cookie (see `presentedCredential`), so it carries no ambient credential
 * and passes; browsers cannot add the header cross-site without a CORS preflight, which fails.
 */
export function originCheck(allowed: string[]) {
  const origins = new Set(allowed);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE.has(req.method) || req.headers.authorization !== undefined) return next();
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    const ok = origin ? origins.has(origin) : site === undefined || site !== 'cross-site';
    if (ok) return next();
    const error = new AppError('FORBIDDEN', `Origin ${origin ?? '(cross-site)'} is not allowed to make this request`);
    res.status(error.status).json(error.toBody());
  };
}
