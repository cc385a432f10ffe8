import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { IS_PUBLIC } from '../../auth/auth.context';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { AppError } from '../errors/app-error';
import { toAppError } from '../errors/error.filter';
import { findUnstorableText } from './text-guard';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Deeper than any body the API takes (selectors nest five levels). */
export const MAX_JSON_DEPTH = 32;
/** More values (array items and object members) than any body the API takes holds. */
export const MAX_JSON_VALUES = 10_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x5b, 0x5d, 0x7b, 0x7d];

const refuse = (message: string) => new AppError('VALIDATION_FAILED', `Request body ${message}`, [{ path: 'body', message }]);

/** The index of the quote closing the JSON string whose contents start at `from` (or -1): the first not escaped by an odd run of backslashes. */
function stringEnd(raw: string, from: number): number {
  for (let quote = raw.indexOf('"', from); quote !== -1; quote = raw.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (quote - backslashes - 1 >= from && raw.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * Parses a JSON body after one linear pass has checked its shape: JSON.parse and the walk for
 * unstorable text take hundreds of milliseconds on 2 MB of nested or tiny values, while a body
 * of long strings, which is what the API takes, costs them little.
 */
export function parseJsonBody(raw: string): unknown {
  if (raw === '') return {};
  let depth = 0;
  let values = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(raw, i + 1);
      if (i === -1) break;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > MAX_JSON_DEPTH) throw refuse(`nests more than ${MAX_JSON_DEPTH} levels deep`);
      if (++values > MAX_JSON_VALUES) throw refuse(`holds more than ${MAX_JSON_VALUES} values`);
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    } else if (c === COMMA && ++values > MAX_JSON_VALUES) {
      throw refuse(`holds more than ${MAX_JSON_VALUES} values`);
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw refuse('is not valid JSON');
  }
  const path = findUnstorableText(body);
  if (path !== null) {
    const message = 'must not contain NUL characters or unpaired UTF-16 surrogates';
    throw new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
  }
  return body;
}

/**
 * Reads each route's JSON body once the caller is known: a global guard registered after the
 * authentication guard (app.module.ts), so nothing that grows with the body is done for a
 * caller who is refused, and routes open to anonymous callers (@Public) read at most
 * PUBLIC_BODY_LIMIT. A guard rather than an interceptor: with no interceptor, Nest runs a
 * handler without an RxJS pipeline and an async resource per step, which were a third of what
 * the smallest request cost (GET /api/health/live, 200 at once: 470 µs a request, 330 after).
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  private readonly readers: { limit: string; read: RequestHandler }[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) limits: Pick<AppConfig, 'BODY_LIMIT' | 'PUBLIC_BODY_LIMIT'>,
  ) {
    // Decoding (charset, Content-Encoding) and the size limit are body-parser's; the parsing is ours.
    const reader = (limit: string) => ({ limit, read: express.text({ type: JSON_TYPES, limit, defaultCharset: 'utf-8' }) });
    this.readers = [reader(limits.BODY_LIMIT), reader(limits.PUBLIC_BODY_LIMIT)];
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    // No body to read (most GETs): neither a length nor a chunked transfer.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const { limit, read } = this.readers[isPublic ? 1 : 0]!;
    await new Promise<void>((resolve, reject) => {
      read(req, http.getResponse<Response>(), (error?: unknown) => (error ? reject(error) : resolve()));
    }).catch((error: unknown) => {
      if ((error as { type?: unknown }).type === 'entity.too.large') {
        throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit}, the most this route accepts`);
      }
      throw toAppError(error);
    });
    // body-parser leaves the body undefined when there is none or it is not JSON.
    if (typeof req.body === 'string') req.body = parseJsonBody(req.body);
    return true;
  }
}
