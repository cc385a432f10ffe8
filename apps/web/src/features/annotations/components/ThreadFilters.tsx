import { useId } from 'react';
import { Chip, Group } from '@mantine/core';
import { MOTIVATION_LOOK } from '../motivations';
import type { ThreadFilter, ThreadKind, ThreadStatus } from '../threads';

interface ThreadFiltersProps {
  filter: ThreadFilter;
  counts: Record<ThreadStatus, number>;
  onChange: (filter: ThreadFilter) => void;
}

const KINDS = Object.keys(MOTIVATION_LOOK) as ThreadKind[];
const STATUS_LABELS: Record<ThreadStatus, string> = { open: 'Open', resolved: 'Resolved', all: 'All' };

/** Narrows the threads list by status and kind; the highlights in the text stay. */
export function ThreadFilters({ filter, counts, onChange }: ThreadFiltersProps) {
  // One name makes the three a radio group: arrow keys move between them.
  const statusName = useId();
  return (
    <div className="thread-filters">
      {/* Chips rather than a segmented control, whose sliding indicator measures the page
          while it is first drawn and draws the reader a second time before it shows. */}
      <Chip.Group value={filter.status} onChange={(status) => onChange({ ...filter, status: status as ThreadStatus })}>
        <Group gap={6} role="radiogroup" aria-label="Thread status">
          {(['open', 'resolved', 'all'] as const).map((status) => (
            <Chip key={status} value={status} name={statusName} size="xs" variant="outline">
              {`${STATUS_LABELS[status]} ${counts[status]}`}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Chip.Group multiple value={filter.kinds} onChange={(kinds) => onChange({ ...filter, kinds: kinds as ThreadKind[] })}>
        <Group gap={6} mt={8} role="group" aria-label="Thread kinds">
          {KINDS.map((kind) => (
            <Chip key={kind} value={kind} size="xs" variant="light" color={MOTIVATION_LOOK[kind].color}>
              {MOTIVATION_LOOK[kind].label}s
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </div>
  );
}
