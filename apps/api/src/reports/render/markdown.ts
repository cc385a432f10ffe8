import { STANCE_LABEL, type Report, type ReportClaim } from '@corroborate/contracts';
import { dateOnly, safeHref, STATUS_LABEL } from './text';

/**
 * User text made inert in Markdown: every character that could start markup is escaped, and
 * raw HTML cannot open a tag. `=` and `-` are escaped too, so no line can underline the one above
 * it into a heading.
 */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-=.!|~<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));

/** A line ending as CommonMark reads one: a lone `\r` ends a line as well. */
const LINE_BREAK = /\r\n?|\n/g;

/** One line: line breaks in user text would start new Markdown blocks. */
const inline = (text: string) => escapeMarkdown(text).replace(LINE_BREAK, ' ');

/** Quoted as a block, line by line, each line indented by `indent`. */
const quote = (text: string, indent = '') => text.split(LINE_BREAK).map((line) => `${indent}> ${escapeMarkdown(line)}`).join('\n');

/** Running text whose line breaks are kept, written as the `\n` the rest of the file uses. */
const block = (text: string) => escapeMarkdown(text).replace(LINE_BREAK, '\n');

function claimMd(claim: ReportClaim, footnotes: string[]): string {
  const lines: string[] = [];
  lines.push(`### ${claim.number}. ${inline(claim.statement)}`, '');
  const facts = [
    claim.rating ? `**Rating:** ${inline(claim.rating.label)}` : `**Status:** ${STATUS_LABEL[claim.status]} (not yet decided)`,
    claim.claimant ? `**Claimed by:** ${inline(claim.claimant)}` : null,
    claim.resolvedAt ? `**Decided:** ${dateOnly(claim.resolvedAt)}` : null,
  ].filter(Boolean);
  lines.push(facts.join(' · '), '');
  for (const span of claim.spans) lines.push(quote(span.exact), '', `_Characters ${span.start}–${span.end}${span.orphaned ? ', no longer in the latest text' : ''}_`, '');
  if (claim.rationale) lines.push('**Why:**', '', quote(claim.rationale), '');
  if (claim.evidence.length) {
    lines.push('**Evidence:**', '');
    for (const ev of claim.evidence) {
      const label = `e${claim.number}-${ev.number}`;
      const title = inline(ev.title || ev.publisher || ev.url || (ev.kind === 'note' ? 'Note' : 'Quote'));
      const meta = [ev.publisher && inline(ev.publisher), ev.publishedAt && inline(ev.publishedAt), `reliability ${ev.reliability}`].filter(Boolean).join(', ');
      lines.push(`${ev.number}. **${STANCE_LABEL[ev.stance]}:** ${title} (${meta})${safeHref(ev.url) ? `[^${label}]` : ''}`);
      if (ev.excerpt) lines.push('', quote(ev.excerpt, '   '));
      const href = safeHref(ev.url);
      // The address as the URL parser writes it (percent-encoded: no space, < or >), so it cannot break out of its autolink.
      if (href) footnotes.push(`[^${label}]: <${new URL(href).href}>`);
    }
    lines.push('');
  }
  if (claim.verdictsHidden) lines.push('_The verdicts are hidden until you give yours (blind review)._', '');
  else if (claim.verdicts.length || claim.decisions.length) {
    lines.push('**Review:**', '');
    for (const v of claim.verdicts) {
      lines.push(`- ${dateOnly(v.createdAt)}: ${inline(v.reviewer.displayName)} rated it ${v.rating ? inline(v.rating.label) : '—'} (round ${v.round}${v.superseded ? ', superseded' : ''})${v.supersedeReason ? `, replacing an earlier verdict: ${inline(v.supersedeReason)}` : ''}`);
    }
    for (const d of claim.decisions) {
      lines.push(`- ${dateOnly(d.createdAt)}: ${d.kind}${d.actor ? ` by ${inline(d.actor.displayName)}` : ''}${d.rating ? `: ${inline(d.rating.label)}` : ''}${d.rationale ? `: ${inline(d.rationale)}` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Markdown, with the evidence links as footnotes. */
export function renderMarkdown(report: Report): string {
  const { article, summary } = report;
  const footnotes: string[] = [];
  const out: string[] = [
    `# Fact-check report: ${inline(article.title)}`,
    '',
    `By ${inline(report.publisher.organisationName ?? report.publisher.workspace)}. Revision ${article.revision.number} (sha256 \`${article.revision.sha256}\`), generated ${report.generatedAt}.`,
    '',
  ];
  if (safeHref(article.sourceUrl)) out.push(`Source: <${new URL(article.sourceUrl!).href}>`, '');
  out.push('## Summary', '', `${summary.claims} claims, ${summary.evidence} pieces of evidence, ${summary.reviewers} reviewers.`, '');
  for (const r of summary.byRating) out.push(`- ${inline(r.label)}: ${r.count}`);
  out.push('', '## Claims', '');
  for (const claim of report.claims) out.push(claimMd(claim, footnotes));
  if (report.appendix) {
    out.push('## Appendix: the article', '');
    let at = 0;
    const parts: string[] = [];
    for (const m of report.appendix.markers) {
      if (m.start < at) continue;
      parts.push(block(report.appendix.text.slice(at, m.start)), `**${block(report.appendix.text.slice(m.start, m.end))}** [${m.number}]`);
      at = m.end;
    }
    parts.push(block(report.appendix.text.slice(at)));
    out.push(parts.join(''), '');
  }
  if (report.audit) {
    out.push('## Audit trail', '');
    for (const a of report.audit) out.push(`- ${a.at}: claim ${a.claimNumber}: ${inline(a.text)}`);
    out.push('');
  }
  if (footnotes.length) out.push(...footnotes, '');
  return out.join('\n');
}
