import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config.schema';
import { AppError, invalid } from '../../infra/errors/app-error';
import { OutboundError, safeFetch } from '../../infra/outbound/safe-fetch';

/** Largest page fetched, and the longest a fetch (redirects included) may take. */
export const PAGE_MAX_BYTES = 10 * 1024 * 1024;
export const PAGE_TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 5;

export interface FetchedPage {
  /** The page decoded to text, as it will be converted. */
  body: string;
  format: 'html' | 'text';
  bytes: Uint8Array;
  sha256: string;
  contentType: string;
  /** The address that answered, after redirects. */
  url: string;
  fetchedAt: Date;
}

const FORMATS: Record<string, 'html' | 'text'> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
};

/** The charset a Content-Type names, or one an HTML page declares in its first kilobyte. */
function charsetOf(contentType: string, bytes: Buffer, format: 'html' | 'text'): string {
  const declared = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (declared) return declared;
  if (format !== 'html') return 'utf-8';
  const head = bytes.subarray(0, 1024).toString('latin1').toLowerCase();
  const at = head.indexOf('charset=');
  if (at === -1) return 'utf-8';
  return /^["']?([\w.:-]+)/.exec(head.slice(at + 8))?.[1] ?? 'utf-8';
}

function decode(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // An unknown label: UTF-8 is what nearly every page is.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Why a page could not be fetched, in words, as a refusal naming `url`. */
function refusal(error: OutboundError): AppError {
  switch (error.code) {
    case 'TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', `url: the page is larger than ${PAGE_MAX_BYTES / 1024 / 1024} MB`, [
        { path: 'url', message: `the page is larger than ${PAGE_MAX_BYTES / 1024 / 1024} MB` },
      ]);
    case 'ADDRESS_NOT_ALLOWED':
      return invalid('url', `cannot be imported: ${error.message} (only public internet addresses are fetched)`);
    case 'TIMEOUT':
      return invalid('url', `did not answer within ${PAGE_TIMEOUT_MS / 1000} s`);
    case 'TOO_MANY_REDIRECTS':
      return invalid('url', `redirects more than ${MAX_REDIRECTS} times`);
    default:
      return invalid('url', `could not be fetched: ${error.message}`);
  }
}

/**
 * Fetches a page for a URL import through the SSRF guard (infra/outbound): http and https
 * only, every resolved address checked before connecting and after each redirect, 10 MB and
 * 15 s at most, HTML or plain text only.
 */
@Injectable()
export class PageFetcher {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async fetch(url: string): Promise<FetchedPage> {
    let answer: Awaited<ReturnType<typeof safeFetch>>;
    try {
      answer = await safeFetch(url, {
        timeoutMs: PAGE_TIMEOUT_MS,
        maxBytes: PAGE_MAX_BYTES,
        allowHttp: true,
        allowLoopback: this.config.OUTBOUND_ALLOW_LOOPBACK,
        allowHosts: this.config.IMPORT_ALLOW_HOSTS,
        maxRedirects: MAX_REDIRECTS,
        headers: { accept: 'text/html, application/xhtml+xml, text/plain;q=0.9', 'user-agent': 'Corroborate article import' },
      });
    } catch (error) {
      throw error instanceof OutboundError ? refusal(error) : error;
    }
    if (answer.status < 200 || answer.status > 299) throw invalid('url', `answered HTTP ${answer.status}, not a page`);
    const contentType = String(answer.headers['content-type'] ?? '');
    const format = FORMATS[contentType.split(';')[0]!.trim().toLowerCase()];
    if (!format) throw invalid('url', `is ${contentType ? `of type ${contentType.split(';')[0]}` : 'of no stated type'}: only HTML and plain text pages are imported`);
    const bytes = answer.body;
    return {
      body: decode(bytes, charsetOf(contentType, bytes, format)),
      format,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType,
      url: answer.url,
      fetchedAt: new Date(),
    };
  }
}
