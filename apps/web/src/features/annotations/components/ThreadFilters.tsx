import { Chip, Group, SegmentedControl } from '@mantine/core';
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
  return (
    <div className="thread-filters">
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label="Thread status"
        value={filter.status}
        onChange={(status) => onChange({ ...filter, status: status as ThreadStatus })}
        data={(['open', 'resolved', 'all'] as const).map((status) => ({
          value: status,
          label: `${STATUS_LABELS[status]} ${counts[status]}`,
        }))}
      />
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
