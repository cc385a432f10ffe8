import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';
import { isApiError } from './http';

type Rename = Record<string, string>;

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

function fieldOf(path: string, rename: Rename): string {
  const clean = path.replace(/^body\./, '');
  return rename[clean] ?? clean;
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

/** Field errors from an API `details` list, limited to the fields the form shows. */
export function serverFieldErrors(error: unknown, fields: readonly string[], rename: Rename = {}): FormErrors {
  if (!isApiError(error)) return {};
  const errors: FormErrors = {};
  for (const detail of error.details) {
    const field = fieldOf(detail.path, rename);
    if (fields.includes(field)) errors[field] ??= sentence(detail.message);
  }
  return errors;
}
