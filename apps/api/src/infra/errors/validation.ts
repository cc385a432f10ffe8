import { createZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { AppError } from './app-error';

type Issue = z.core.$ZodIssue;

const isRootTypeMismatch = (issue: Issue) => issue.code === 'invalid_type' && issue.path.length === 0;

/**
 * A union's "Invalid input" opened up: the issues of the one branch whose type the input
 * has, so the answer names the real field (e.g. `target.selector.0.start`), or else which
 * types would have fitted.
 */
function openUnions(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
  const fitting = issue.errors.filter((branch) => !branch.some(isRootTypeMismatch));
  if (fitting.length === 0) {
    const expected = new Set(issue.errors.flat().flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [i.expected] : [])));
    return [{ path, message: `Invalid input: expected ${[...expected].join(' or ')}` }];
  }
  if (fitting.length > 1) return [{ path, message: issue.message }];
  return fitting[0]!.flatMap((i) => openUnions(i, path));
}

/** Turns zod issues into a 400 naming each bad field by its dotted path. */
export function validationError(error: z.ZodError, root = 'body'): AppError {
  const details = error.issues.flatMap((issue) => openUnions(issue)).map(({ path, message }) => ({
    path: path.length ? path.map(String).join('.') : root,
    message,
  }));
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid request: ${summary}`, details);
}

/** Validates every nestjs-zod DTO (bodies and queries) against its schema. */
export const ValidationPipe = createZodValidationPipe({
  createValidationException: (error) => validationError(error as z.ZodError),
});

/** Parses a value with a schema, throwing the 400 shape on failure. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, root: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, root);
  return result.data;
}
