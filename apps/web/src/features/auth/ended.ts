import type { ChangePasswordResponse } from '@corroborate/contracts';

const count = (n: number, one: string, many: string) => `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;

/** What a password change ended, in words ("Signed out 2 other sessions and revoked 1 API token."). */
export function describeEnded({ revokedSessions, revokedTokens }: ChangePasswordResponse): string {
  if (revokedSessions === 0 && revokedTokens === 0) return 'You had no other sessions and no API tokens to end.';
  return `Signed out ${count(revokedSessions, 'other session', 'other sessions')} and revoked ${count(revokedTokens, 'API token', 'API tokens')}.`;
}
