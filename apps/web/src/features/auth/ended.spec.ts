import { describeEnded } from './ended';

describe('describeEnded', () => {
  it('counts what a password change ended, in words', () => {
    expect(describeEnded({ revokedSessions: 2, revokedTokens: 1 })).toBe('Signed out 2 other sessions and revoked 1 API token.');
    expect(describeEnded({ revokedSessions: 1, revokedTokens: 0 })).toBe('Signed out 1 other session and revoked no API tokens.');
    expect(describeEnded({ revokedSessions: 0, revokedTokens: 3 })).toBe('Signed out no other sessions and revoked 3 API tokens.');
    expect(describeEnded({ revokedSessions: 0, revokedTokens: 0 })).toBe('You had no other sessions and no API tokens to end.');
  });
});
