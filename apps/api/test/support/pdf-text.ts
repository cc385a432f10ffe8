import { spawnSync } from 'node:child_process';

// pdfjs-dist is ESM-only: it runs in a child Node process rather than in Jest's CommonJS runtime.
const EXTRACT = `
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, disableFontFace: true }).promise;
let text = '';
const [x0, y0, x1, y1] = (await pdf.getPage(1)).view;
for (let i = 1; i <= pdf.numPages; i++) {
  const page = await pdf.getPage(i);
  const content = await page.getTextContent();
  text += content.items.map((item) => item.str).join(' ') + '\\n';
}
process.stdout.write(JSON.stringify({ pages: pdf.numPages, text, size: [x1 - x0, y1 - y0] }));
`;

/** The text of a PDF, its page count and its first page's size in points, as pdf.js reads them. */
export function pdfText(pdf: Buffer): { pages: number; text: string; size: [number, number] } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', EXTRACT], { input: pdf, cwd: __dirname, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdf.js failed: ${result.stderr.toString()}`);
  return JSON.parse(result.stdout.toString()) as { pages: number; text: string; size: [number, number] };
}
