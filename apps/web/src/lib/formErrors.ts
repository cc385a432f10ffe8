import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';
import { isApiError } from './http';

type Rename = Record<string, string>;

/** Names the item at `index` of a list field (e.g. the evidence an id stands for); undefined for the default. */
export type ItemName = (field: string, index: number) => string | undefined;

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

function fieldOf(path: string, rename: Rename): string {
  const clean = path.replace(/^body\./, '');
  return rename[clean] ?? clean;
}

/**
 * The form field a detail's path is about: the path itself, or else the nearest field above it,
 * so `evidenceIds.0` or `spans.1.start` lands on `evidenceIds` or `spans`. `rest` is what the
 * field's name leaves out (`['1', 'start']`); null when the form has no such field.
 */
export function fieldOfPath(path: string, fields: readonly string[], rename: Rename = {}): { field: string; rest: string[] } | null {
  const parts = path.replace(/^body\./, '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = fieldOf(parts.slice(0, n).join('.'), rename);
    if (fields.includes(field)) return { field, rest: parts.slice(n) };
  }
  return null;
}

/** "Item 2", or the form's own name for it, then any field inside the item: "Item 2, start". */
function itemLabel(field: string, rest: readonly string[], itemName?: ItemName): string {
  const [first = '', ...inner] = rest;
  const index = /^\d+$/.test(first) ? Number(first) : null;
  const head = index === null ? first : (itemName?.(field, index) ?? `Item ${index + 1}`);
  return [head, ...inner].join(', ');
}

/** Validates a request body with its contract schema and keys the issues by form field. */
export function schemaErrors(schema: z.ZodType, body: unknown, rename: Rename = {}): FormErrors {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path.map(String).join('.'), rename);
    errors[field] ??= sentence(issue.message);
  }
  return errors;
}

/**
 * Field errors from an API `details` list, limited to the fields the form shows. A detail about
 * an item of a list field (`evidenceIds.0`) is shown on the list's field, naming the item; each
 * wrong item is named once.
 */
export function serverFieldErrors(error: unknown, fields: readonly string[], rename: Rename = {}, itemName?: ItemName): Record<string, string> {
  if (!isApiError(error)) return {};
  const byField = new Map<string, Map<string, string>>();
  for (const detail of error.details) {
    const found = fieldOfPath(detail.path, fields, rename);
    if (!found) continue;
    const messages = byField.get(found.field) ?? new Map<string, string>();
    const where = found.rest.join('.');
    if (!messages.has(where)) {
      messages.set(where, where ? `${sentence(itemLabel(found.field, found.rest, itemName))}: ${detail.message}` : sentence(detail.message));
    }
    byField.set(found.field, messages);
  }
  const errors: Record<string, string> = {};
  for (const [field, messages] of byField) errors[field] = [...messages.values()].join('; ');
  return errors;
}
