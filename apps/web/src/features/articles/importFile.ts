import { MAX_ARTICLE_CHARS, type SourceFormat } from '@corroborate/contracts';

export const ACCEPTED_FILES = '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html';

const FORMAT_BY_EXTENSION: Record<string, SourceFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
};

export interface ReadFile {
  format: SourceFormat;
  content: string;
  title: string;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

function titleFromName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  return base.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The text of the first ATX heading (`# Title`, closing hashes dropped), found line by line: a
 * pattern over the whole file could backtrack for as long as the file is long.
 */
function markdownHeading(content: string): string | null {
  for (const line of content.split(/\r\n?|\n/)) {
    const opening = /^ {0,3}#{1,6}[ \t]/.exec(line);
    if (!opening) continue;
    let end = line.length;
    while (end > opening[0].length && ' \t#'.includes(line[end - 1]!)) end--;
    return line.slice(opening[0].length, end).trim() || null;
  }
  return null;
}

function firstHeading(content: string, format: SourceFormat): string | null {
  if (format === 'markdown') return markdownHeading(content);
  if (format === 'html') {
    const doc = new DOMParser().parseFromString(content, 'text/html');
    const heading = doc.querySelector('h1')?.textContent ?? doc.title;
    return heading?.replace(/\s+/g, ' ').trim() || null;
  }
  return null;
}

/** Reads an article file in the browser; the extension decides how the server parses it. */
export async function readArticleFile(file: File): Promise<ReadFile> {
  const format = FORMAT_BY_EXTENSION[extension(file.name)];
  if (!format) throw new Error('Choose a .txt, .md or .html file.');
  // UTF-8 needs at most 4 bytes per character: anything larger cannot fit the limit.
  if (file.size > MAX_ARTICLE_CHARS * 4) throw new Error('This file is too large to import.');
  const content = await file.text();
  const title = (firstHeading(content, format) ?? titleFromName(file.name)).slice(0, 300);
  return { format, content, title };
}

/** What pasted HTML holds, in words ("2 headings, 1 list, 3 links"), so the user sees that formatting came through. */
export function describeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const count = (selector: string, one: string, many: string) => {
    const n = doc.querySelectorAll(selector).length;
    return n === 0 ? null : `${n} ${n === 1 ? one : many}`;
  };
  const parts = [
    count('h1, h2, h3, h4, h5, h6', 'heading', 'headings'),
    count('p', 'paragraph', 'paragraphs'),
    count('ul, ol', 'list', 'lists'),
    count('blockquote', 'quote', 'quotes'),
    count('table', 'table', 'tables'),
    count('a[href]', 'link', 'links'),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no formatting';
}
