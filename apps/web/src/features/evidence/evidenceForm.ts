import type { FormErrors } from '@mantine/form';
import { CreateEvidenceBody, type Evidence, type EvidenceKind, type Reliability, type Stance } from '@corroborate/contracts';
import { schemaErrors } from '../../lib/formErrors';
import type { EvidenceFields } from './writes';

export interface EvidenceValues {
  kind: EvidenceKind;
  url: string;
  title: string;
  publisher: string;
  publishedAt: string;
  excerpt: string;
  stance: Stance;
  reliability: Reliability;
  reliabilityNote: string;
  note: string;
}

export const EMPTY_EVIDENCE: EvidenceValues = {
  kind: 'url',
  url: '',
  title: '',
  publisher: '',
  publishedAt: '',
  excerpt: '',
  stance: 'supports',
  reliability: 'unknown',
  reliabilityNote: '',
  note: '',
};

export const EVIDENCE_FIELDS = ['kind', 'url', 'title', 'publisher', 'publishedAt', 'excerpt', 'stance', 'reliability', 'reliabilityNote', 'note'] as const;

const TEXT_FIELDS = ['url', 'title', 'publisher', 'publishedAt', 'excerpt', 'reliabilityNote', 'note'] as const;

export function valuesOf(e: Evidence): EvidenceValues {
  return {
    kind: e.kind,
    url: e.url ?? '',
    title: e.title ?? '',
    publisher: e.publisher ?? '',
    publishedAt: e.publishedAt?.slice(0, 10) ?? '',
    excerpt: e.excerpt ?? '',
    stance: e.stance,
    reliability: e.reliability,
    reliabilityNote: e.reliabilityNote ?? '',
    note: e.note ?? '',
  };
}

/** Nothing typed worth keeping: no text at all, or the values the form started with. */
export function untouchedEvidence(values: EvidenceValues, start: EvidenceValues): boolean {
  return TEXT_FIELDS.every((key) => !values[key].trim()) || JSON.stringify(values) === JSON.stringify(start);
}

const TEXT_LABEL: Record<(typeof TEXT_FIELDS)[number], string> = {
  url: 'Address',
  title: 'Title',
  publisher: 'Publisher',
  publishedAt: 'Published',
  excerpt: 'Excerpt',
  reliabilityNote: 'Why this rating',
  note: 'Note',
};

/** The typed fields as lines of text, to read or copy when they are kept beside the form. */
export function evidenceText(values: EvidenceValues): string {
  return TEXT_FIELDS.filter((key) => values[key].trim())
    .map((key) => `${TEXT_LABEL[key]}: ${values[key].trim()}`)
    .join('\n');
}

/** The create body: empty text fields are left out. */
export function toCreateBody(values: EvidenceValues): Omit<CreateEvidenceBody, 'id'> {
  const body: Record<string, string> = {};
  for (const key of TEXT_FIELDS) if (values[key].trim()) body[key] = values[key].trim();
  return { kind: values.kind, stance: values.stance, reliability: values.reliability, ...body };
}

/** Only what changed; a cleared field is sent as null. */
export function toUpdateFields(values: EvidenceValues, before: Evidence): EvidenceFields {
  const was = valuesOf(before);
  const fields: Record<string, string | null> = {};
  for (const key of TEXT_FIELDS) if (values[key].trim() !== was[key].trim()) fields[key] = values[key].trim() || null;
  return {
    ...fields,
    ...(values.stance !== was.stance ? { stance: values.stance } : {}),
    ...(values.reliability !== was.reliability ? { reliability: values.reliability } : {}),
  };
}

/** Checked with the contract's own schema, so the form and the API agree on what is missing. */
export const validateEvidence = (values: EvidenceValues): FormErrors => schemaErrors(CreateEvidenceBody, toCreateBody(values));
