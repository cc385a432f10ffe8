import { Badge, Group } from '@mantine/core';
import { RELIABILITY_LABEL, STANCE_LABEL, type Reliability, type Stance } from '@corroborate/contracts';

/** Each stance's colour, for light badges. */
export const STANCE_HUE: Record<Stance, string> = { supports: 'teal', refutes: 'red', context: 'blue', unclear: 'gray' };
/** Dark shades for filled badges: white text on them reads at 4.5:1 or more. */
const STANCE_FILL: Record<Stance, string> = { supports: 'teal.9', refutes: 'red.9', context: 'blue.9', unclear: 'gray.7' };
export const RELIABILITY_COLOR: Record<Reliability, string> = { high: 'teal', medium: 'yellow', low: 'red', unknown: 'gray' };

export function StanceBadge({ stance }: { stance: Stance }) {
  return (
    <Badge size="sm" variant="filled" color={STANCE_FILL[stance]} tt="none" data-stance={stance}>
      {STANCE_LABEL[stance]}
    </Badge>
  );
}

export function ReliabilityBadge({ reliability }: { reliability: Reliability }) {
  return (
    <Badge size="sm" variant="light" color={RELIABILITY_COLOR[reliability]} tt="none">
      {RELIABILITY_LABEL[reliability]}
    </Badge>
  );
}

export function EvidenceBadges({ stance, reliability }: { stance: Stance; reliability: Reliability }) {
  return (
    <Group gap={4}>
      <StanceBadge stance={stance} />
      <ReliabilityBadge reliability={reliability} />
    </Group>
  );
}
