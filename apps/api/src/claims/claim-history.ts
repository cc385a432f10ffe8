import {
  CLAIM_STATUS_LABEL,
  STANCE_LABEL,
  type Claim,
  type ClaimStatus,
  type Evidence,
  type Person,
  type Stance,
} from '@corroborate/contracts';
import { cut } from '../infra/text/cut';

/** An audit entry about a claim, its evidence or its comments. */
export interface HistoryRecord {
  action: string;
  before: unknown;
  after: unknown;
}

const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const names = (people: Person[]) => people.map((p) => p.displayName).join(' and ');
const evidenceName = (e: Partial<Evidence>) => `“${cut(e.title || e.publisher || e.url || e.excerpt || e.note || 'evidence', 60)}”`;

/** What changed between two views of a claim, as phrases ("assigned Ana", "due Dec 3"). */
function claimChanges(before: Claim, after: Claim & { reason?: string }, telling: Telling): string[] {
  const phrases: string[] = [];
  const had = new Set(before.assignees.map((a) => a.id));
  const has = new Set(after.assignees.map((a) => a.id));
  const added = after.assignees.filter((a) => !had.has(a.id));
  const removed = before.assignees.filter((a) => !has.has(a.id));
  if (added.length) phrases.push(`assigned ${names(added)}`);
  if (removed.length) phrases.push(`unassigned ${names(removed)}`);
  if (before.dueAt !== after.dueAt) phrases.push(after.dueAt ? `due ${shortDate(after.dueAt)}` : 'removed the due date');
  // Assigning an open claim moves it by itself: the assignment says it all.
  const statusFollowsAssignment = (added.length || removed.length) && ['open', 'assigned'].includes(after.status) && ['open', 'assigned'].includes(before.status);
  if (before.status !== after.status && !statusFollowsAssignment) {
    phrases.push(`moved this to ${CLAIM_STATUS_LABEL[after.status as ClaimStatus]}${after.reason ? `: “${cut(after.reason, 120)}”` : ''}`);
  }
  if (before.statement !== after.statement) phrases.push(`reworded it as “${cut(after.statement, 120)}”`);
  if (before.claimant !== after.claimant) phrases.push(after.claimant ? `set the claimant to ${after.claimant}` : 'removed the claimant');
  if (before.priority !== after.priority) phrases.push(`set the priority to ${after.priority}`);
  if (before.tags.join('\n') !== after.tags.join('\n')) phrases.push(after.tags.length ? `tagged it ${after.tags.join(', ')}` : 'removed its tags');
  if (before.rating !== after.rating && after.rating) phrases.push(telling.seesVerdicts ? `rated it ${telling.label(after.rating)}` : 'rated it');
  return phrases;
}

export interface Telling {
  /** The caller may see ratings and rationales of verdicts (blind review). */
  seesVerdicts: boolean;
  /** A rating key's label on the workspace's scale. */
  label: (key: string) => string;
}

/** One change in words, starting with who made it: "Tomás assigned Ana, due Dec 3". */
export function describe(actorName: string | null, record: HistoryRecord, telling: Telling): string {
  const before = record.before as Record<string, unknown> | null;
  const after = record.after as Record<string, unknown> | null;
  const actor = actorName ?? 'Someone';
  // An earlier round's rating, left out for whoever the current round is still blind to (as
  // the review record leaves out rated decisions).
  const told = (rating: unknown, lead: string) => (telling.seesVerdicts ? `${lead}${telling.label(String(rating ?? ''))}` : '');
  switch (record.action) {
    case 'claim.created':
      return `${actor} created this claim`;
    case 'claim.deleted':
      return `${actor} deleted this claim`;
    case 'claim.reattached':
      return `${actor} re-attached the claim to a new passage`;
    case 'claim.updated': {
      const next = after as unknown as Claim & { reason?: string };
      // A change nobody made: the verdicts decided the round.
      if (actorName === null && next.status === 'resolved') return `The verdicts agreed: resolved${told(next.rating, ' as ')}`;
      if (actorName === null && next.status === 'disputed') return 'The verdicts differ: the claim is disputed';
      const phrases = claimChanges(before as unknown as Claim, next, telling);
      return phrases.length ? `${actor} ${phrases.join(', ')}` : `${actor} updated this claim`;
    }
    case 'verdict.created': {
      const v = after as { rating?: string; supersedes?: string | null };
      const verb = v.supersedes ? 'replaced their verdict' : 'gave a verdict';
      return telling.seesVerdicts && v.rating ? `${actor} ${verb}: ${telling.label(v.rating)}` : `${actor} ${verb}`;
    }
    case 'claim.adjudicated':
      return `${actor} adjudicated${told(after?.rating, ': ')}`;
    case 'claim.confirmed':
      return `${actor} confirmed the verdicts${told(after?.rating, ': ')}`;
    case 'claim.duplicate-linked': {
      const original = (after as Claim | null)?.duplicateOf;
      return original ? `${actor} marked this as a duplicate of “${cut(original.statement, 120)}”` : `${actor} marked this as a duplicate`;
    }
    case 'claim.duplicate-unlinked': {
      const original = (before as Claim | null)?.duplicateOf;
      return original ? `${actor} unlinked this from “${cut(original.statement, 120)}”` : `${actor} unlinked this duplicate`;
    }
    case 'evidence.created':
      return `${actor} added evidence ${evidenceName(after as Partial<Evidence>)} (${STANCE_LABEL[(after as Evidence).stance as Stance].toLowerCase()})`;
    case 'evidence.updated': {
      const b = before as Partial<Evidence>;
      const a = after as Partial<Evidence>;
      const stance = b.stance !== a.stance && a.stance ? `, now ${STANCE_LABEL[a.stance].toLowerCase()}` : '';
      return `${actor} edited evidence ${evidenceName(a)}${stance}`;
    }
    case 'evidence.deleted':
      return `${actor} removed evidence ${evidenceName(before as Partial<Evidence>)}`;
    case 'evidence.reordered':
      return `${actor} reordered the evidence`;
    case 'claim-comment.created':
      return `${actor} commented: “${cut(String(after?.body ?? ''), 80)}”`;
    case 'claim-comment.updated':
      return `${actor} edited a comment`;
    case 'claim-comment.deleted':
      return `${actor} deleted a comment`;
    default:
      return `${actor}: ${record.action}`;
  }
}
