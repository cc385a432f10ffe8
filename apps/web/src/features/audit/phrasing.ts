import type { AuditEntry } from '@corroborate/contracts';
import { claimLink, passageLink } from '../discovery/links';
import { ROLE_LABELS, isRole } from '../members/roles';

/** One field's change, for the readable difference under a line. */
export interface FieldChange {
  label: string;
  before: string | null;
  after: string | null;
  /** Long text: shown word by word (see `wordDiff`) rather than as before → after. */
  prose: boolean;
}

/** An audit entry as the Activity feed says it: "Priya commented on *The river…*: “What would…”". */
export interface ActivityLine {
  actor: string;
  /** What they did, up to the article or thing it was done to. */
  verb: string;
  /** The article it is about, named (and linked) after the verb. */
  article: { id: string; title: string } | null;
  /** What was said or touched, quoted after the article. */
  quote: string | null;
  /** Where the line leads: the passage, the claim or the article. */
  link: string | null;
  changes: FieldChange[];
}

type Snapshot = Record<string, unknown>;

const obj = (value: unknown): Snapshot => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Snapshot) : {});
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Cuts text to `max` characters on a word boundary, with an ellipsis. */
export function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max - 1);
  // A head that ends where a word ends is kept whole; otherwise it goes back to the last space.
  const space = flat[head.length] === ' ' ? head.length : head.lastIndexOf(' ');
  let end = space > max / 2 ? space : head.length;
  while (end > 0 && ' ,.;:'.includes(flat[end - 1]!)) end -= 1;
  return `${flat.slice(0, end)}…`;
}

const roleName = (value: unknown) => {
  const role = str(value);
  return role && isRole(role) ? ROLE_LABELS[role] : (role ?? 'a member');
};

const CREATED_NOTE: Record<string, string> = {
  commenting: 'commented on',
  questioning: 'asked a question on',
  highlighting: 'highlighted a passage in',
  tagging: 'tagged a passage in',
  replying: 'replied on',
};

const CLAIM_FIELDS: [key: string, label: string, prose: boolean][] = [
  ['statement', 'Statement', true],
  ['status', 'Status', false],
  ['priority', 'Priority', false],
  ['claimant', 'Claimant', false],
  ['dueAt', 'Due', false],
  ['tags', 'Tags', false],
  ['reason', 'Reason', true],
];

const EVIDENCE_FIELDS: [key: string, label: string, prose: boolean][] = [
  ['title', 'Title', false],
  ['url', 'Link', false],
  ['stance', 'Stance', false],
  ['reliability', 'Reliability', false],
  ['excerpt', 'Excerpt', true],
  ['note', 'Note', true],
];

const shown = (value: unknown): string | null => {
  if (Array.isArray(value)) return value.length ? list(value).join(', ') : null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 10);
  return str(value);
};

/** The fields that differ between two snapshots, in the order given. */
function fieldChanges(before: Snapshot, after: Snapshot, fields: [string, string, boolean][]): FieldChange[] {
  return fields.flatMap(([key, label, prose]) => {
    const was = shown(before[key]);
    const now = shown(after[key]);
    return was === now ? [] : [{ label, before: was, after: now, prose }];
  });
}

/** Words for an `a.b_c` action nobody wrote a phrase for: "b c". */
const fallbackVerb = (action: string) => (action.split('.').at(-1) ?? action).replace(/[_-]+/g, ' ');

/** The feed's line for one audit entry. */
export function describeEntry(entry: AuditEntry): ActivityLine {
  const before = obj(entry.before);
  const after = obj(entry.after);
  const current = entry.after ? after : before;
  const article = entry.article;
  const line: ActivityLine = {
    actor: entry.actorName ?? 'Someone',
    verb: `${fallbackVerb(entry.action)} ${entry.entityType.replace(/[_-]+/g, ' ')}`,
    article,
    quote: null,
    link: article ? `/articles/${encodeURIComponent(article.id)}` : null,
    changes: [],
  };
  const articleId = article?.id;

  if (entry.entityType === 'annotation') {
    // The passage: the target's position and quote selectors (see the Annotation contract).
    const selectors = Array.isArray(obj(current.target).selector) ? (obj(current.target).selector as unknown[]).map(obj) : [];
    const position = selectors.find((s) => s.type === 'TextPositionSelector') ?? {};
    const exact = str(selectors.find((s) => s.type === 'TextQuoteSelector')?.exact);
    const start = num(position.start);
    const end = num(position.end);
    if (articleId && start !== null && end !== null && end > start) line.link = passageLink(articleId, { start, end });
    const body = str(current.body);
    const tags = list(current.tags);
    line.quote = current.motivation === 'tagging' && tags.length ? tags.join(', ') : (body ?? exact);
    switch (entry.action) {
      case 'annotation.created':
        line.verb = CREATED_NOTE[String(current.motivation)] ?? 'annotated';
        break;
      case 'annotation.updated':
        if (before.resolved !== after.resolved) line.verb = after.resolved ? 'resolved a thread on' : 'reopened a thread on';
        else if (str(before.body) !== str(after.body)) line.verb = 'edited a comment on';
        else if (list(before.tags).join() !== list(after.tags).join()) line.verb = 'changed the tags on';
        else line.verb = 'updated a note on';
        line.changes = fieldChanges(before, after, [
          ['body', 'Comment', true],
          ['tags', 'Tags', false],
        ]);
        break;
      case 'annotation.deleted':
        line.verb = 'deleted a note on';
        break;
      case 'annotation.reattached':
        line.verb = 'moved a thread to a new passage in';
        line.quote = exact;
        break;
    }
    return line;
  }

  if (entry.entityType === 'claim') {
    const claimId = str(current.id) ?? entry.entityId;
    if (articleId) line.link = claimLink({ id: claimId, articleId });
    line.quote = str(current.statement);
    const verbs: Record<string, string> = {
      'claim.created': 'added a claim to',
      'claim.updated': 'updated a claim on',
      'claim.deleted': 'deleted a claim on',
      'claim.reattached': 'moved a claim to a new passage in',
      'claim.adjudicated': 'decided a disputed claim on',
      'claim.confirmed': 'confirmed the verdict on a claim in',
    };
    line.verb = verbs[entry.action] ?? `${fallbackVerb(entry.action)} a claim on`;
    if (entry.action !== 'claim.created' && entry.action !== 'claim.deleted') line.changes = fieldChanges(before, after, CLAIM_FIELDS);
    return line;
  }

  if (entry.entityType === 'evidence') {
    const claimId = str(current.claimId);
    if (articleId && claimId) line.link = claimLink({ id: claimId, articleId });
    line.quote = str(current.title) ?? str(current.url) ?? str(current.excerpt);
    const verbs: Record<string, string> = {
      'evidence.created': 'added evidence to a claim on',
      'evidence.updated': 'edited evidence on',
      'evidence.deleted': 'removed evidence from',
      'evidence.reordered': 'reordered the evidence on',
    };
    line.verb = verbs[entry.action] ?? `${fallbackVerb(entry.action)} evidence on`;
    if (entry.action === 'evidence.updated') line.changes = fieldChanges(before, after, EVIDENCE_FIELDS);
    return line;
  }

  switch (entry.action) {
    case 'article.imported':
      line.verb = 'imported';
      break;
    case 'article.revised': {
      line.verb = 'revised';
      const was = num(before.revision);
      const now = num(after.revision);
      if (now !== null) line.changes = [{ label: 'Revision', before: was === null ? null : String(was), after: String(now), prose: false }];
      break;
    }
    case 'verdict.created':
      line.verb = 'gave a verdict on a claim in';
      break;
    case 'report.published':
      line.verb = 'published a report on';
      break;
    case 'report.shared':
      line.verb = 'shared a report on';
      break;
    case 'invite.accepted':
      line.verb = `joined the workspace as ${roleName(after.role)}`;
      break;
    case 'invite.created':
      line.verb = `invited someone as ${roleName(after.role)}`;
      break;
    case 'invite.revoked':
      line.verb = 'withdrew an invitation';
      break;
    case 'workspace.created':
      line.verb = 'created the workspace';
      line.quote = str(after.name);
      break;
    case 'rating-scale.updated':
      line.verb = 'changed the rating scale';
      break;
    case 'review-settings.updated':
      line.verb = 'changed the review settings';
      break;
    case 'demo.seeded':
      line.verb = 'set up the demo articles';
      break;
    case 'token.created':
      line.verb = 'created an API token';
      break;
    case 'token.revoked':
      line.verb = 'revoked an API token';
      break;
    default:
      if (entry.entityType === 'membership') {
        const who = entry.subjectName ?? 'a member';
        if (!entry.before && entry.after) line.verb = `added ${who} as ${roleName(after.role)}`;
        else if (entry.before && !entry.after) line.verb = entry.actorId === entry.entityId ? 'left the workspace' : `removed ${who}`;
        else line.verb = `changed ${who}’s role from ${roleName(before.role)} to ${roleName(after.role)}`;
      }
  }
  return line;
}

/** The line as one sentence (for screen readers, titles and tests). */
export function sentenceOf(line: ActivityLine): string {
  const title = line.article ? ` ${cut(line.article.title, 48)}` : '';
  const quote = line.quote ? `: “${cut(line.quote, 80)}”` : '';
  return `${line.actor} ${line.verb}${title}${quote}`;
}

export interface DiffPart {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

const MAX_WORDS = 400;

/** A word-by-word difference of two texts (whitespace kept with the word before it). */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = before.match(/\S+\s*/g) ?? [];
  const b = after.match(/\S+\s*/g) ?? [];
  if (a.length > MAX_WORDS || b.length > MAX_WORDS) {
    return [
      ...(before ? [{ text: before, kind: 'removed' as const }] : []),
      ...(after ? [{ text: after, kind: 'added' as const }] : []),
    ];
  }
  // Longest common subsequence of words, compared without their trailing space.
  const same = (x: string, y: string) => x.trimEnd() === y.trimEnd();
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = same(a[i]!, b[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (text: string, kind: DiffPart['kind']) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ text, kind });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i]!, b[j]!)) {
      push(b[j]!, 'same');
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      push(b[j++]!, 'added');
    } else {
      push(a[i++]!, 'removed');
    }
  }
  return parts;
}
