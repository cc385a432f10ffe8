import {
  allowedTransitions,
  CLAIM_STATUS_LABEL,
  mayDeleteClaim,
  mayEditClaim,
  can,
  type Claim,
  type ClaimPriority,
  type ClaimStatus,
  type ClaimTransition,
  type WorkspaceRole,
} from '@corroborate/contracts';

interface StatusLook {
  label: string;
  /** Mantine colour for badges and columns. */
  color: string;
  /** Underline of the claim's passages in the article. */
  line: string;
}

export const STATUS_LOOK: Record<ClaimStatus, StatusLook> = {
  open: { label: CLAIM_STATUS_LABEL.open, color: 'gray', line: '#64748b' },
  assigned: { label: CLAIM_STATUS_LABEL.assigned, color: 'blue', line: '#2563eb' },
  in_progress: { label: CLAIM_STATUS_LABEL.in_progress, color: 'violet', line: '#7c3aed' },
  in_review: { label: CLAIM_STATUS_LABEL.in_review, color: 'orange', line: '#c2410c' },
  disputed: { label: CLAIM_STATUS_LABEL.disputed, color: 'red', line: '#dc2626' },
  resolved: { label: CLAIM_STATUS_LABEL.resolved, color: 'teal', line: '#0f766e' },
  dismissed: { label: CLAIM_STATUS_LABEL.dismissed, color: 'dark', line: '#6b7280' },
};

export const PRIORITY_LABEL: Record<ClaimPriority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
export const PRIORITY_COLOR: Record<ClaimPriority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };

/** What the signed-in member may do with one claim, read from the contracts' tables. */
export interface ClaimAbilities {
  userId: string | undefined;
  edit: boolean;
  remove: boolean;
  assign: boolean;
  take: boolean;
  comment: boolean;
  /** Evidence: add (anyone who may analyse); edit another's only as a moderator. */
  addEvidence: boolean;
  moderate: boolean;
  transitions: ClaimTransition[];
}

export function abilitiesFor(claim: Claim, role: WorkspaceRole | null, userId: string | undefined): ClaimAbilities {
  if (!role || !userId) {
    return { userId, edit: false, remove: false, assign: false, take: false, comment: false, addEvidence: false, moderate: false, transitions: [] };
  }
  const isAssignee = claim.assignees.some((a) => a.id === userId);
  const isCreator = claim.createdBy.id === userId;
  return {
    userId,
    edit: mayEditClaim({ role, isAssignee, isCreator }),
    remove: mayDeleteClaim({ role, isCreator }),
    assign: can.assignClaims(role),
    // "Take it": the API's rule for an open claim nobody is assigned to.
    take: can.analyse(role) && claim.status === 'open' && claim.assignees.length === 0,
    comment: can.analyse(role),
    addEvidence: can.analyse(role),
    moderate: can.moderate(role),
    transitions: allowedTransitions(claim.status, { role, isAssignee }),
  };
}

/** Overdue: a due date in the past on a claim still being worked on. */
export function isOverdue(claim: Pick<Claim, 'dueAt' | 'status'>, now = Date.now()): boolean {
  return !!claim.dueAt && Date.parse(claim.dueAt) < now && !['resolved', 'dismissed'].includes(claim.status);
}
