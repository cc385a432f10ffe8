import { createZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { AppError } from './app-error';

/** Turns zod issues into a 400 naming each bad field by its dotted path. */
export function validationError(error: z.ZodError, root = 'body'): AppError {
  const details = error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : root,
    message: issue.message,
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
