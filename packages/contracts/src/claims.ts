import { z } from 'zod';
import { TargetInput, Tags } from './annotations';
import { FilterText, IsoDate, Person, readable, UNREADABLE, Uuid, Version } from './common';
import { Decision, ReviewState, Verdict } from './review';
import type { WorkspaceRole } from './workspaces';
import { can } from './workspaces';

export const ClaimStatus = z.enum(['open', 'assigned', 'in_progress', 'in_review', 'disputed', 'resolved', 'dismissed']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const CLAIM_STATUS_LABEL: Record<ClaimStatus, string> = {
  open: 'Open',
  assigned: 'Assigned',
  in_progress: 'In progress',
  in_review: 'In review',
  disputed: 'Disputed',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

export const ClaimPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export type ClaimPriority = z.infer<typeof ClaimPriority>;

/** Most claims an article may hold, and evidence items a claim may hold. */
export const MAX_CLAIMS_PER_ARTICLE = 1_000;
export const MAX_EVIDENCE_PER_CLAIM = 200;
/** Spans one claim may be anchored to. */
export const MAX_CLAIM_SPANS = 20;

/**
 * Who takes part in a claim's workflow: a workspace role, or `assignee` (a member the claim
 * is assigned to, whatever their role).
 */
export type ClaimActor = 'owner' | 'editor' | 'assignee';

export interface ClaimTransition {
  from: ClaimStatus;
  to: ClaimStatus;
  by: readonly ClaimActor[];
  /** The move must say why (kept in the history). */
  needsReason: boolean;
  /** The button that makes the move. */
  label: string;
}

const EDITORS = ['owner', 'editor'] as const;
const WORKERS = ['owner', 'editor', 'assignee'] as const;
const t = (from: ClaimStatus, to: ClaimStatus, by: readonly ClaimActor[], label: string, needsReason = false): ClaimTransition => ({
  from,
  to,
  by,
  label,
  needsReason,
});

/**
 * The claim workflow: the one table the API enforces and the web client reads. Assigning an
 * open claim moves it to `assigned` (and removing every assignee moves it back); `resolved`
 * and `disputed` are reached through review verdicts and adjudication, not listed here.
 */
export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = [
  t('assigned', 'in_progress', WORKERS, 'Start work'),
  t('in_progress', 'in_review', WORKERS, 'Send to review'),
  t('in_progress', 'assigned', WORKERS, 'Pause'),
  t('in_review', 'in_progress', WORKERS, 'Back to work', true),
  ...(['open', 'assigned', 'in_progress', 'in_review', 'disputed'] as const).map((from) =>
    t(from, 'dismissed', EDITORS, 'Dismiss', true),
  ),
  t('dismissed', 'open', EDITORS, 'Reopen', true),
  t('resolved', 'in_review', EDITORS, 'Reopen for review', true),
];

/** The roles and relations of one member towards one claim. */
export interface ClaimRelation {
  role: WorkspaceRole;
  isAssignee: boolean;
}

const actsAs = (relation: ClaimRelation, actor: ClaimActor) =>
  actor === 'assignee' ? relation.isAssignee && relation.role !== 'viewer' : relation.role === actor;

/** The moves `relation` may make from `status`. */
export function allowedTransitions(status: ClaimStatus, relation: ClaimRelation): ClaimTransition[] {
  return CLAIM_TRANSITIONS.filter((tr) => tr.from === status && tr.by.some((actor) => actsAs(relation, actor)));
}

/**
 * Who may reword a claim, change its claimant, tags and priority, and move its spans: its
 * creator, its assignees, editors and owners (assignment and due dates need `can.assignClaims`).
 */
export function mayEditClaim(relation: ClaimRelation & { isCreator: boolean }): boolean {
  return can.analyse(relation.role) && (can.moderate(relation.role) || relation.isCreator || relation.isAssignee);
}

/** Who may delete a claim: its creator, editors and owners. */
export function mayDeleteClaim(relation: { role: WorkspaceRole; isCreator: boolean }): boolean {
  return can.analyse(relation.role) && (can.moderate(relation.role) || relation.isCreator);
}

/** Every status a claim can move to from `status`, whoever asks (named in a 409). */
export function nextStatuses(status: ClaimStatus): ClaimStatus[] {
  return [...new Set(CLAIM_TRANSITIONS.filter((tr) => tr.from === status).map((tr) => tr.to))];
}

/** Statuses in which a claim is still being worked on (not closed). */
export const ACTIVE_STATUSES: readonly ClaimStatus[] = ['open', 'assigned', 'in_progress', 'in_review', 'disputed'];

const Statement = z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2,000 characters').refine(readable, UNREADABLE);
const Claimant = z.string().trim().max(300, 'must be at most 300 characters');
const Reason = z.string().trim().min(1, 'must not be empty').max(2_000).refine(readable, UNREADABLE);

/** A due date: a calendar date or a date-time. */
export const DueAt = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be an ISO 8601 date (2024-12-03) or date-time',
});

const Targets = z.array(TargetInput).max(MAX_CLAIM_SPANS, `at most ${MAX_CLAIM_SPANS} spans`);

export const CreateClaimBody = z.object({
  id: Uuid.optional(),
  statement: Statement,
  claimant: Claimant.optional(),
  tags: Tags.optional(),
  priority: ClaimPriority.optional(),
  dueAt: DueAt.nullable().optional(),
  /** One span of the article (the contract's shape), or several with `targets`. */
  target: TargetInput.optional(),
  targets: Targets.optional(),
  assigneeIds: z.array(Uuid).max(20).optional(),
});
export type CreateClaimBody = z.infer<typeof CreateClaimBody>;

export const UpdateClaimBody = z
  .object({
    version: Version,
    statement: Statement.optional(),
    claimant: Claimant.nullable().optional(),
    tags: Tags.optional(),
    priority: ClaimPriority.optional(),
    dueAt: DueAt.nullable().optional(),
    status: ClaimStatus.optional(),
    /** Why the status changes: required to dismiss, reopen or send back. */
    reason: Reason.optional(),
    assigneeIds: z.array(Uuid).max(20).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version' && k !== 'reason'), {
    message: 'names nothing to change',
    path: ['version'],
  });
export type UpdateClaimBody = z.infer<typeof UpdateClaimBody>;

/** Takes an open, unassigned claim: the caller becomes its assignee. */
export const TakeClaimBody = z.object({ version: Version });
export type TakeClaimBody = z.infer<typeof TakeClaimBody>;

/** Re-attaches one span (an orphan, or any) to a new selection of the latest text. */
export const ReattachBody = z.object({ version: Version, target: TargetInput });
export type ReattachBody = z.infer<typeof ReattachBody>;

const Quote = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string(), suffix: z.string() });
const Position = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int(), end: z.number().int() });

export const ClaimSpan = z.object({
  id: Uuid,
  revisionId: Uuid,
  target: z.object({ source: Uuid, selector: z.tuple([Quote, Position]) }),
  /** The span could not be found in the latest revision; it still points into an older one. */
  orphaned: z.boolean(),
});
export type ClaimSpan = z.infer<typeof ClaimSpan>;

/** Another claim as a duplicate link or a similar-claims list shows it: where it is and how it was rated. */
export const ClaimRef = z.object({
  id: Uuid,
  articleId: Uuid,
  articleTitle: z.string(),
  statement: z.string(),
  status: ClaimStatus,
  /** The final rating once resolved. */
  rating: z.string().nullable(),
});
export type ClaimRef = z.infer<typeof ClaimRef>;

export const Claim = z.object({
  id: Uuid,
  articleId: Uuid,
  workspaceId: Uuid,
  statement: z.string(),
  claimant: z.string().nullable(),
  tags: z.array(z.string()),
  priority: ClaimPriority,
  dueAt: IsoDate.nullable(),
  status: ClaimStatus,
  /** Why the last move that needed one was made (dismissed, reopened, sent back). */
  statusReason: z.string().nullable(),
  /** The final rating (a key of the workspace's rating scale) once resolved. */
  rating: z.string().nullable(),
  resolvedAt: IsoDate.nullable(),
  /** Blind: how many verdicts are in, never what they say. */
  review: ReviewState,
  spans: z.array(ClaimSpan),
  assignees: z.array(Person),
  createdBy: Person,
  /** Evidence on the claim, in the desk's order. */
  evidenceIds: z.array(Uuid),
  commentIds: z.array(Uuid),
  /** The claim this one repeats (its rating is the one that counts), or null. */
  duplicateOf: ClaimRef.nullable(),
  /** Claims linked as duplicates of this one. */
  duplicates: z.array(ClaimRef),
  version: z.number().int(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Claim = z.infer<typeof Claim>;

/** One claim with its review record, as the caller may see it (blind review). */
export const ClaimDetail = Claim.extend({
  verdicts: z.array(Verdict),
  decisions: z.array(Decision),
  /** The caller may not see the verdicts yet (they have not given theirs). */
  verdictsHidden: z.boolean(),
});
export type ClaimDetail = z.infer<typeof ClaimDetail>;

export const ClaimsQuery = z.object({
  status: z.union([ClaimStatus, z.array(ClaimStatus)]).optional(),
  assignee: z.union([Uuid, z.literal('me'), z.literal('none')]).optional(),
  tag: FilterText(64).optional(),
  claimant: FilterText(300).optional(),
  priority: ClaimPriority.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: FilterText(500).optional(),
  articleId: Uuid.optional(),
  sort: z.enum(['due', 'priority', 'updated', 'created', 'status']).optional(),
});
export type ClaimsQuery = z.infer<typeof ClaimsQuery>;

/** A claim in a workspace-wide list, with its article's title. */
export const ClaimListItem = Claim.extend({ articleTitle: z.string() });
export type ClaimListItem = z.infer<typeof ClaimListItem>;

/** A claimant named on the workspace's claims, with how many claims name them. */
export const ClaimantCount = z.object({ claimant: z.string(), claims: z.number().int().min(1) });
export type ClaimantCount = z.infer<typeof ClaimantCount>;

// ---- comments on a claim ----

/** A comment's text: something to read, of bounded length. */
const CommentText = z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters').refine(readable, UNREADABLE);

export const CreateClaimCommentBody = z.object({
  id: Uuid.optional(),
  body: CommentText,
  replyTo: Uuid.optional(),
});
export type CreateClaimCommentBody = z.infer<typeof CreateClaimCommentBody>;

export const UpdateClaimCommentBody = z.object({
  version: Version,
  body: CommentText,
});
export type UpdateClaimCommentBody = z.infer<typeof UpdateClaimCommentBody>;

export const ClaimComment = z.object({
  id: Uuid,
  claimId: Uuid,
  articleId: Uuid,
  body: z.string(),
  replyTo: Uuid.nullable(),
  author: Person,
  version: z.number().int(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type ClaimComment = z.infer<typeof ClaimComment>;

// ---- history ----

/** One change to a claim (or its evidence or comments), as the audit log recorded it. */
export const ClaimHistoryEntry = z.object({
  id: z.string(),
  at: IsoDate,
  actor: Person.nullable(),
  action: z.string(),
  /** The change in words, e.g. "Priya moved this to In review". */
  text: z.string(),
});
export type ClaimHistoryEntry = z.infer<typeof ClaimHistoryEntry>;
