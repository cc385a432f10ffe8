import { Avatar, Tooltip } from '@mantine/core';
import type { Person } from '@corroborate/contracts';
import { initials } from '../../../lib/format';

/** Assignees as a row of avatars, each named for screen readers and on hover. */
export function PersonAvatars({ people, size = 26 }: { people: readonly Person[]; size?: number }) {
  if (!people.length) return null;
  return (
    <Avatar.Group spacing={6}>
      {people.map((p) => (
        <Tooltip key={p.id} label={p.displayName} withArrow>
          <Avatar size={size} radius="xl" color="initials" name={p.displayName} role="img" aria-label={p.displayName} data-person-id={p.id}>
            {initials(p.displayName)}
          </Avatar>
        </Tooltip>
      ))}
    </Avatar.Group>
  );
}
