import type { FormErrors } from '@mantine/form';
import { CreateArticleBody, type SourceFormat } from '@corroborate/contracts';
import { schemaErrors } from '../../lib/formErrors';

export type BodyTab = 'text' | 'markdown' | 'html' | 'url' | 'file';

export interface ImportValues {
  title: string;
  sourceUrl: string;
  author: string;
  publishedAt: string;
  tab: BodyTab;
  text: string;
  markdown: string;
  /** Formatted text pasted from the clipboard (its HTML), or HTML typed in. */
  html: string;
  /** A page for the server to fetch. */
  url: string;
  file: File | null;
  fileFormat: SourceFormat | null;
  fileContent: string;
}

export const EMPTY_IMPORT: ImportValues = {
  title: '',
  sourceUrl: '',
  author: '',
  publishedAt: '',
  tab: 'text',
  text: '',
  markdown: '',
  html: '',
  url: '',
  file: null,
  fileFormat: null,
  fileContent: '',
};

export const IMPORT_FIELDS = ['title', 'sourceUrl', 'author', 'publishedAt', 'text', 'markdown', 'html', 'url', 'file'] as const;

const optional = (value: string) => value.trim() || undefined;

/** Plain text names nothing; a page or document may name its own title (the server takes it from there). */
export const titleRequired = (tab: BodyTab) => tab === 'text';

export function toCreateBody(values: ImportValues): CreateArticleBody {
  const base = {
    title: optional(values.title),
    sourceUrl: optional(values.sourceUrl),
    author: optional(values.author),
    publishedAt: optional(values.publishedAt),
  };
  if (values.tab === 'text') return { ...base, text: values.text };
  if (values.tab === 'markdown') return { ...base, markdown: values.markdown };
  if (values.tab === 'html') return { ...base, html: values.html };
  if (values.tab === 'url') return { ...base, url: values.url.trim() };
  return values.fileFormat ? { ...base, [values.fileFormat]: values.fileContent } : base;
}

/** Body issues (`text`, `markdown`, `html`) belong to whichever input the user is using. */
export function bodyRename(tab: BodyTab): Record<string, string> {
  return { text: tab, markdown: tab, html: tab, url: tab };
}

export function validateImport(values: ImportValues): FormErrors {
  const errors = schemaErrors(CreateArticleBody, toCreateBody(values), bodyRename(values.tab));
  if (titleRequired(values.tab) && !values.title.trim()) errors.title ??= 'A title is required for plain text';
  if (values.tab === 'file' && !values.fileFormat) errors.file = 'Choose a .txt, .md or .html file to import';
  return errors;
}
