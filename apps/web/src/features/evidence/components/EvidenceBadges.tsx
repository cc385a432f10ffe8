import { Badge, Group } from '@mantine/core';
import { RELIABILITY_LABEL, STANCE_LABEL, type Reliability, type Stance } from '@corroborate/contracts';

export const STANCE_COLOR: Record<Stance, string> = { supports: 'teal', refutes: 'red', context: 'blue', unclear: 'gray' };
export const RELIABILITY_COLOR: Record<Reliability, string> = { high: 'teal', medium: 'yellow', low: 'red', unknown: 'gray' };

export function StanceBadge({ stance }: { stance: Stance }) {
  return (
    <Badge size="sm" variant="filled" color={STANCE_COLOR[stance]} tt="none" data-stance={stance}>
      {STANCE_LABEL[stance]}
    </Badge>
  );
}

export function ReliabilityBadge({ reliability }: { reliability: Reliability }) {
  return (
    <Badge size="sm" variant="outline" color={RELIABILITY_COLOR[reliability]} tt="none">
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
