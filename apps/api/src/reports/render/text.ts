import MarkdownIt from 'markdown-it';
import type { Report, ReportClaim } from '@corroborate/contracts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);

/** Only web and mail links survive in reports. */
export const safeHref = (url: string | null | undefined): string | null => {
  if (!url || !URL.canParse(url)) return null;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:' ? url : null;
};

// Markdown in rationales: no raw HTML, no images (a report makes no requests), web links only.
const markdown = new MarkdownIt({ html: false, linkify: false }).disable(['image']);
markdown.validateLink = (url) => safeHref(url) !== null;
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** A rationale's Markdown as safe HTML. */
export const markdownToHtml = (source: string) => markdown.render(source);

export const STATUS_LABEL: Record<ReportClaim['status'], string> = {
  open: 'Open',
  assigned: 'Assigned',
  in_progress: 'In progress',
  in_review: 'In review',
  disputed: 'Disputed',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

export const dateOnly = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

export const reviewerCount = (report: Report) => report.summary.reviewers;
