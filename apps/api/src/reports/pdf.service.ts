import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { AppError } from '../infra/errors/app-error';

/** PDFs printed at once; more wait their turn. */
const CONCURRENCY = 2;
/** PDFs waiting for a turn, each holding its report's HTML; more are turned away with 503. */
const MAX_WAITING = 16;
/** Longest a PDF may take before the request gives up. */
const TIMEOUT_MS = 30_000;

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** The paper sizes as CSS names them, and the report's margins (top, right, bottom, left). */
const PAPER = { a4: 'A4', letter: 'letter' } as const;
const MARGIN = '18mm 14mm 16mm 14mm';
/** Where the page is served the report (`.invalid` never resolves). */
const PAGE_URL = 'http://report.invalid/';
/** Longest title the running header shows. */
const MAX_HEADER_TITLE = 120;

/**
 * `text` as a CSS string: every character but letters, digits and spaces as a hex escape, so
 * nothing can end the string or the style element. The space after each escape ends it and is
 * not part of the text.
 */
const cssString = (text: string) => `"${Array.from(text, (ch) => (/[a-z0-9 ]/i.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;

/**
 * The paper, margins, running title and page numbers as CSS page rules. Chromium lays out these
 * margin boxes with the document; its header and footer templates instead build, style and lay
 * out a separate document for every page. Nothing is shown on screen: the page is laid out only
 * for print, not once more for a screen nobody sees, before and after printing.
 */
function pageStyle(title: string, paper: keyof typeof PAPER): string {
  // Cut by code point, never inside an emoji's pair.
  const chars = Array.from(title);
  const shown = chars.length > MAX_HEADER_TITLE ? `${chars.slice(0, MAX_HEADER_TITLE - 1).join('')}…` : title;
  const box = 'font: 8px sans-serif; color: #555;';
  return `<style>@page { size: ${PAPER[paper]}; margin: ${MARGIN};
  @top-left { content: ${cssString(shown)}; ${box} } @bottom-center { content: "Page " counter(page) " of " counter(pages); ${box} } }
  @media screen { body { display: none; } }</style>`;
}

/**
 * Prints report HTML to PDF with headless Chromium (playwright-core): one browser for the
 * process, started on first use and again if it dies, and a small queue so a burst of
 * requests cannot open dozens of pages at once. Every report gets a fresh page, closed after
 * use; the next one is opened while the last prints (a page starts a renderer process, a third
 * of a second or more), so it is ready when the next report comes.
 */
@Injectable()
export class PdfService implements OnModuleDestroy {
  private readonly logger = new Logger('PdfService');
  /** The browser's one context: no script, no storage any report could read or leave. */
  private browser: Promise<BrowserContext> | null = null;
  /** A page opened for the next report. */
  private spare: Promise<Page> | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async render(html: string, options: { title: string; paper: 'a4' | 'letter' }): Promise<Buffer> {
    await this.turn();
    try {
      return await this.print(html, options);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // A crashed or overloaded renderer: say so plainly, and let the next request start afresh.
      this.logger.error(error);
      throw Object.assign(new AppError('UNAVAILABLE', 'The PDF could not be printed just now; try again in a moment'), { retryAfter: 10 });
    } finally {
      this.release();
    }
  }

  private async print(html: string, options: { title: string; paper: 'a4' | 'letter' }): Promise<Buffer> {
    const page = await this.page();
    try {
      // The page is served the report at an address that cannot exist (parsed as it arrives,
      // sooner than written into a blank page); anything else it tried to load is refused.
      const body = html.replace('</head>', () => `${pageStyle(options.title, options.paper)}</head>`);
      await page.route('**/*', (route) => {
        const url = route.request().url();
        return url === PAGE_URL ? route.fulfill({ body, contentType: 'text/html; charset=utf-8' }) : url.startsWith('data:') ? route.continue() : route.abort();
      });
      await page.goto(PAGE_URL, { waitUntil: 'load', timeout: TIMEOUT_MS });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.spare = null;
    if (browser) await (await browser.catch(() => null))?.browser()?.close().catch(() => undefined);
  }

  /** A fresh page: the one opened in advance when it is still open, and the next one opened now. */
  private async page(): Promise<Page> {
    // Taken before any await: two reports at once never share a page.
    const ready = this.spare;
    this.spare = this.launch().then((context) => context.newPage());
    this.spare.catch(() => undefined); // a spare that failed is replaced when it is needed
    const page = await ready?.catch(() => null);
    return page && !page.isClosed() ? page : (await this.launch()).newPage();
  }

  private launch(): Promise<BrowserContext> {
    if (!this.browser) {
      const executablePath = this.config.CHROMIUM_PATH;
      this.browser = (async () => {
        if (!fs.existsSync(executablePath)) throw unavailable(executablePath);
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({ executablePath, args: ARGS, timeout: TIMEOUT_MS });
        browser.on('disconnected', () => {
          this.browser = null;
          this.spare = null;
        });
        return browser.newContext({ javaScriptEnabled: false });
      })().catch((error: unknown) => {
        this.browser = null;
        if (error instanceof AppError) throw error;
        this.logger.error(error);
        throw unavailable(executablePath);
      });
    }
    return this.browser;
  }

  private async turn(): Promise<void> {
    if (this.running < CONCURRENCY) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= MAX_WAITING) {
      throw Object.assign(new AppError('UNAVAILABLE', 'Too many PDFs are being printed just now; try again in a moment'), { retryAfter: 10 });
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}

const unavailable = (path: string) =>
  Object.assign(new AppError('UNAVAILABLE', `PDF export needs Chromium, which is not available at ${path}; install it or set CHROMIUM_PATH`), { retryAfter: 60 });
