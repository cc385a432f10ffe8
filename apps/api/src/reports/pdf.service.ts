import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { AppError } from '../infra/errors/app-error';

/** PDFs printed at once; more wait their turn. */
const CONCURRENCY = 2;
/** Longest a PDF may take before the request gives up. */
const TIMEOUT_MS = 30_000;

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Prints report HTML to PDF with headless Chromium (playwright-core): one browser for the
 * process, started on first use and again if it dies, and a small queue so a burst of
 * requests cannot open dozens of pages at once. Every page is closed after use.
 */
@Injectable()
export class PdfService implements OnModuleDestroy {
  private readonly logger = new Logger('PdfService');
  private browser: Promise<Browser> | null = null;
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
    const browser = await this.launch();
    const page = await browser.newPage({ javaScriptEnabled: false });
    try {
      // The report loads nothing; anything it tried would be refused here too.
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUT_MS });
      return await page.pdf({
        format: options.paper === 'letter' ? 'Letter' : 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
        headerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#555;font-family:sans-serif">${escape(options.title)}</div>`,
        footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = this.config.CHROMIUM_PATH;
      this.browser = (async () => {
        if (!fs.existsSync(executablePath)) throw unavailable(executablePath);
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({ executablePath, args: ARGS, timeout: TIMEOUT_MS });
        browser.on('disconnected', () => {
          this.browser = null;
        });
        return browser;
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
