import { withoutSecrets } from './logger';

describe('request log lines', () => {
  it('keep invite tokens out of logged paths, and leave other paths alone', () => {
    expect(withoutSecrets('/api/invites/cbi_secret123')).toBe('/api/invites/[token]');
    expect(withoutSecrets('/api/invites/cbi_secret123/accept')).toBe('/api/invites/[token]/accept');
    expect(withoutSecrets('/join/cbi_secret123?next=1')).toBe('/join/[token]?next=1');
    expect(withoutSecrets('/api/workspaces/abc/invites')).toBe('/api/workspaces/abc/invites');
    expect(withoutSecrets('/api/articles/abc/annotations')).toBe('/api/articles/abc/annotations');
  });
});
