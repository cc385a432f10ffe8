import { Avatar } from '@mantine/core';
import type { Person } from '@corroborate/contracts';
import { initials } from '../../../lib/format';

/**
 * Assignees as a row of avatars, each named for screen readers and on hover. A plain `title`
 * rather than a tooltip component: boards show hundreds of these.
 */
export function PersonAvatars({ people, size = 26 }: { people: readonly Person[]; size?: number }) {
  if (!people.length) return null;
  return (
    <Avatar.Group spacing={6}>
      {people.map((p) => (
        <Avatar key={p.id} size={size} radius="xl" color="initials" name={p.displayName} role="img" aria-label={p.displayName} title={p.displayName} data-person-id={p.id}>
          {initials(p.displayName)}
        </Avatar>
      ))}
    </Avatar.Group>
  );
}
