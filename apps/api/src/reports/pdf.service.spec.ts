import fs from 'node:fs';
import { pdfText } from '../../test/support/pdf-text';
import type { AppConfig } from '../infra/config/config.schema';
import { PdfService } from './pdf.service';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withChromium = fs.existsSync(CHROMIUM) ? it : it.skip;

describe('PdfService', () => {
  const pdf = new PdfService({ CHROMIUM_PATH: CHROMIUM } as AppConfig);
  afterAll(() => pdf.onModuleDestroy());
  const page = (words: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${words}</title></head><body><p>${words}</p></body></html>`;

  withChromium('prints reports asked for at once each on a page of its own, with the next page opened in advance', async () => {
    // The first leaves a page opened for the next.
    expect(pdfText(await pdf.render(page('Report zero'), { title: 'Zero', paper: 'a4' })).text).toContain('Report zero');
    const words = ['Report one', 'Report two', 'Report three'];
    const printed = await Promise.all(words.map((w, i) => pdf.render(page(w), { title: `Title ${i}`, paper: 'letter' })));
    printed.forEach((buffer, i) => {
      const { text, size } = pdfText(buffer);
      expect(text).toContain(words[i]);
      expect(text).toContain(`Title ${i}`);
      expect(words.filter((w) => text.includes(w))).toEqual([words[i]]);
      expect(size.map(Math.round)).toEqual([612, 792]);
    });
  }, 60_000);

  it('turns PDFs away with 503 once the queue is full, rather than holding every request and its HTML', async () => {
    const busy = new PdfService({ CHROMIUM_PATH: CHROMIUM } as AppConfig);
    // Printing that never finishes: the first turns are never given back.
    jest.spyOn(busy as unknown as { print: () => Promise<Buffer> }, 'print').mockReturnValue(new Promise<Buffer>(() => undefined));
    const refused: unknown[] = [];
    for (let i = 0; i < 100; i++) busy.render(page('Waiting'), { title: 'Waiting', paper: 'a4' }).catch((error: unknown) => refused.push(error));
    await new Promise((resolve) => setImmediate(resolve));
    expect(refused.length).toBeGreaterThan(50);
    expect(refused.length).toBeLessThan(100);
    expect(refused[0]).toMatchObject({ code: 'UNAVAILABLE', status: 503, retryAfter: 10 });
  });
});
