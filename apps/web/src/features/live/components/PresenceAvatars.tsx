import { Avatar, Group, Tooltip } from '@mantine/core';
import type { PresenceUser } from '../useArticleLive';
import './live.css';
import { initials } from '../../../lib/format';

/** Who has the article open, each ringed in the colour their selections are drawn in. */
export function PresenceAvatars({ users, selfId }: { users: readonly PresenceUser[]; selfId: string | undefined }) {
  const sorted = [...users].sort((a, b) => Number(b.userId === selfId) - Number(a.userId === selfId));
  const names = sorted.map((u) => (u.userId === selfId ? `${u.displayName} (you)` : u.displayName));
  return (
    <div data-testid="presence" className="presence" role="group" aria-label={`Reading now: ${names.join(', ') || 'nobody else'}`}>
      <Group gap={10} wrap="wrap">
        {sorted.map((user, i) => (
          <Tooltip key={user.userId} label={names[i]} withArrow>
            <Avatar
              size={30}
              radius="xl"
              color="initials"
              name={user.displayName}
              data-user-id={user.userId}
              aria-label={names[i]}
              role="img"
              tabIndex={0}
              style={{ boxShadow: `0 0 0 2px var(--mantine-color-body), 0 0 0 4px ${user.color}` }}
            >
              {initials(user.displayName)}
            </Avatar>
          </Tooltip>
        ))}
      </Group>
    </div>
  );
}
