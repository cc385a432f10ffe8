import { lookup as dnsLookup } from 'node:dns/promises';
import http, { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkAddress, ipLiteral } from './address-policy';

/**
 * Requests to URLs a user typed (article import, webhooks) go through here and nowhere else.
 * The name is resolved once, every address it resolves to is checked, and the socket is pinned
 * to the checked address through the request's `lookup`, so a second resolution (DNS rebinding)
 * cannot send it elsewhere. Each redirect goes through the same check. Time and size are bounded.
 */

export type OutboundErrorCode =
  | 'INVALID_URL'
  | 'SCHEME_NOT_ALLOWED'
  | 'ADDRESS_NOT_ALLOWED'
  | 'DNS_FAILED'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'NETWORK';

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** The status of an answer that came but was refused (TOO_LARGE). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface SafeFetchOptions {
  /** Whole exchange, redirects included. */
  timeoutMs: number;
  /** Largest response body read; a larger one fails with TOO_LARGE. */
  maxBytes: number;
  /** Plain http:// as well as https://. */
  allowHttp?: boolean;
  /** Loopback addresses pass the guard; only set from the OUTBOUND_ALLOW_LOOPBACK setting (tests). */
  allowLoopback?: boolean;
  /** Host names (lower case, as in a URL) that pass whatever addresses they resolve to: an intranet's. */
  allowHosts?: readonly string[];
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Redirects followed, each checked again; 0 returns the 3xx answer as it is. */
  maxRedirects?: number;
  /** Name resolution; replaceable so tests can prove the connection uses the checked address. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface SafeResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Parses and checks a URL without fetching it, so a form can refuse it before saving. */
export function checkOutboundUrl(raw: string, options: Pick<SafeFetchOptions, 'allowHttp'> = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('INVALID_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OutboundError('SCHEME_NOT_ALLOWED', `${url.protocol} URLs are not allowed`);
  }
  if (url.protocol === 'http:' && !options.allowHttp) {
    throw new OutboundError('SCHEME_NOT_ALLOWED', 'must be an https:// URL');
  }
  if (url.username || url.password) {
    throw new OutboundError('INVALID_URL', 'must not carry a user name or password');
  }
  return url;
}

/** Resolves the host and returns the one address the connection will use, after checking all of them. */
async function pinAddress(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress> {
  const policy = { allowLoopback: options.allowLoopback };
  const literal = ipLiteral(url.hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(url.hostname);
    } catch {
      throw new OutboundError('DNS_FAILED', `${url.hostname} could not be resolved`);
    }
    if (addresses.length === 0) throw new OutboundError('DNS_FAILED', `${url.hostname} could not be resolved`);
  }
  // A host the operator named is trusted wherever it points; it is checked again after every redirect.
  if (options.allowHosts?.includes(url.hostname.toLowerCase())) return addresses[0] as ResolvedAddress;
  // Every address must pass: a name that also points inside the network is refused outright.
  for (const a of addresses) {
    const verdict = checkAddress(a.address, policy);
    if (!verdict.ok) throw new OutboundError('ADDRESS_NOT_ALLOWED', `${url.hostname} is not allowed: ${verdict.reason}`);
  }
  return addresses[0] as ResolvedAddress;
}

/**
 * Checks a URL as `safeFetch` would before connecting (scheme, then every address its host
 * resolves to), without fetching it: for a form that stores a URL to call later.
 */
export async function checkOutboundTarget(
  raw: string,
  options: Pick<SafeFetchOptions, 'allowHttp' | 'allowLoopback' | 'allowHosts' | 'resolve' | 'timeoutMs'>,
): Promise<URL> {
  const url = checkOutboundUrl(raw, options);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pinAddress(url, { ...options, maxBytes: 0 }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new OutboundError('TIMEOUT', `${url.hostname} did not resolve in time`)), options.timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  return url;
}

function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

interface Exchange {
  response: IncomingMessage;
  body: Buffer | null;
}

function exchange(
  url: URL,
  pinned: ResolvedAddress,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  maxBytes: number,
  signal: AbortSignal,
  readBody: (status: number) => boolean,
): Promise<Exchange> {
  return new Promise((resolveOnce, rejectOnce) => {
    let settled = false;
    const resolve = (value: Exchange) => {
      if (settled) return;
      settled = true;
      resolveOnce(value);
    };
    const reject = (err: unknown) => {
      if (settled) return;
      settled = true;
      rejectOnce(err);
    };
    /** Stops the exchange with this error, whether or not the answer has begun. */
    const fail = (err: OutboundError) => {
      reject(err);
      req.destroy(err);
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(pinned),
      // A fresh socket per request: a pooled one could belong to an address checked for another URL.
      agent: false,
      signal,
    });
    req.on('error', (err) => {
      if (err instanceof OutboundError) reject(err);
      else if (signal.aborted) reject(new OutboundError('TIMEOUT', `no complete answer from ${url.host} in time`));
      else reject(new OutboundError('NETWORK', `${url.host}: ${(err as NodeJS.ErrnoException).code ?? err.message}`));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (!readBody(status)) {
        res.resume();
        resolve({ response: res, body: null });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        fail(new OutboundError('TOO_LARGE', `the answer is larger than ${maxBytes} bytes`, status));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          fail(new OutboundError('TOO_LARGE', `the answer is larger than ${maxBytes} bytes`, status));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ response: res, body: Buffer.concat(chunks) }));
      res.on('error', () => req.destroy());
      res.on('aborted', () => reject(new OutboundError(signal.aborted ? 'TIMEOUT' : 'NETWORK', `${url.host} stopped answering`)));
      res.on('close', () => {
        if (!res.complete) reject(new OutboundError(signal.aborted ? 'TIMEOUT' : 'NETWORK', `${url.host} stopped answering`));
      });
    });
    req.end(body);
  });
}

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

/** A Location header against the URL that sent it; the remote server wrote it, so it may not parse. */
function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch {
    throw new OutboundError('INVALID_URL', 'is not a valid URL');
  }
}

export async function safeFetch(rawUrl: string, options: SafeFetchOptions): Promise<SafeResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 5;
  let url = checkOutboundUrl(rawUrl, options);
  let method = (options.method ?? 'GET').toUpperCase();
  let headers = { ...(options.headers ?? {}) };
  let body = options.body;
  try {
    for (let hop = 0; ; hop++) {
      const pinned = await Promise.race([
        pinAddress(url, options),
        new Promise<never>((_, reject) => {
          const onAbort = () => reject(new OutboundError('TIMEOUT', `${url.hostname} did not resolve in time`));
          if (controller.signal.aborted) onAbort();
          else controller.signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
      const follow = (status: number) => isRedirect(status) && maxRedirects > 0;
      const { response, body: received } = await exchange(
        url, pinned, method, headers, body, options.maxBytes, controller.signal,
        (status) => !follow(status),
      );
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (!follow(status) || !location) {
        return { url: url.toString(), status, headers: response.headers, body: received ?? Buffer.alloc(0) };
      }
      if (hop >= maxRedirects) throw new OutboundError('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`);
      let next: URL;
      try {
        next = checkOutboundUrl(resolveLocation(location, url), options);
      } catch (err) {
        throw err instanceof OutboundError ? new OutboundError(err.code, `redirect target ${err.message}`) : err;
      }
      // Credentials meant for one origin are not handed to another.
      if (next.origin !== url.origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(?:authorization|cookie)$/i.test(k)));
      }
      if (status === 303 || ((status === 301 || status === 302) && method !== 'GET' && method !== 'HEAD')) {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-/i.test(k)));
      }
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}
