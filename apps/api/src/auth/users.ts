import type { User } from '@corroborate/contracts';

/** The public view of a user row (never the password hash). */
export function toUser(row: { id: string; email: string; displayName: string; createdAt: Date }): User {
  return { id: row.id, email: row.email, displayName: row.displayName, createdAt: row.createdAt.toISOString() };
}
