import { AdjudicationBody, CreateVerdictBody, type Evidence, type Rating } from '@corroborate/contracts';
import { serverFieldErrors } from '../../lib/formErrors';
import { evidenceName } from './evidenceName';

/** What a reviewer has typed into the verdict (or adjudication) form. */
export interface VerdictValues {
  rating: string;
  rationale: string;
  evidenceIds: string[];
  /** Only when replacing one's own verdict. */
  reason: string;
}

export const EMPTY_VERDICT: VerdictValues = { rating: '', rationale: '', evidenceIds: [], reason: '' };

/** Drafts live beside the annotation drafts (same store, same time-to-live and pruning). */
export const verdictDraftKey = (userId: string, articleId: string, claimId: string, kind: 'verdict' | 'supersede' | 'adjudication') =>
  `corroborate.draft.v1:${userId}:${articleId}:${kind}:${claimId}`;

/** The stored draft text back into values; anything unreadable is no draft. */
export function parseVerdictDraft(text: string | null): VerdictValues | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<VerdictValues>;
    if (typeof value !== 'object' || value === null) return null;
    return {
      rating: typeof value.rating === 'string' ? value.rating : '',
      rationale: typeof value.rationale === 'string' ? value.rationale : '',
      evidenceIds: Array.isArray(value.evidenceIds) ? value.evidenceIds.filter((id): id is string => typeof id === 'string') : [],
      reason: typeof value.reason === 'string' ? value.reason : '',
    };
  } catch {
    return null;
  }
}

/** Values worth keeping as a draft; an untouched form stores nothing (the store drops blank text). */
export function serialiseVerdictDraft(values: VerdictValues): string {
  const touched = values.rating || values.rationale.trim() || values.evidenceIds.length || values.reason.trim();
  return touched ? JSON.stringify(values) : '';
}

/** Cited evidence that is still on the claim (an item may have been deleted since the draft). */
export const citedStill = (values: VerdictValues, evidenceIds: readonly string[]): VerdictValues => ({
  ...values,
  evidenceIds: values.evidenceIds.filter((id) => evidenceIds.includes(id)),
});

export type FieldErrors = Partial<Record<'rating' | 'rationale' | 'evidenceIds' | 'reason', string>>;

/**
 * The server's reasons for refusing a verdict, keyed by the form's fields (those it shows), so
 * each is shown beside its field; a cited item is named as the list names it.
 */
export function refusedFields(error: unknown, fields: readonly (keyof FieldErrors)[], sent: readonly string[], evidence: readonly Evidence[]): FieldErrors {
  return serverFieldErrors(error, fields, {}, (_field, index) => {
    const cited = evidence.find((e) => e.id === sent[index]);
    return cited ? `“${evidenceName(cited)}”` : 'A cited item';
  });
}

function firstErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0]) as keyof FieldErrors;
    if (['rating', 'rationale', 'reason'].includes(field) && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** The verdict's body, checked with the contract's own schema, or the fields to fix. */
export function toVerdictBody(values: VerdictValues, scale: readonly Rating[], supersedes?: string): { body: CreateVerdictBody } | { errors: FieldErrors } {
  if (!scale.some((r) => r.key === values.rating)) return { errors: { rating: 'Pick a rating' } };
  const parsed = CreateVerdictBody.safeParse({
    rating: values.rating,
    rationale: values.rationale,
    evidenceIds: values.evidenceIds,
    ...(supersedes ? { supersedes, reason: values.reason.trim() || undefined } : {}),
  });
  return parsed.success ? { body: parsed.data } : { errors: firstErrors(parsed.error.issues) };
}

export function toAdjudicationBody(values: VerdictValues, scale: readonly Rating[], version: number): { body: AdjudicationBody } | { errors: FieldErrors } {
  if (!scale.some((r) => r.key === values.rating)) return { errors: { rating: 'Pick the final rating' } };
  const parsed = AdjudicationBody.safeParse({ version, rating: values.rating, rationale: values.rationale });
  return parsed.success ? { body: parsed.data } : { errors: firstErrors(parsed.error.issues) };
}
