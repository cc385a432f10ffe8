import { Badge, type BadgeProps } from '@mantine/core';
import type { ClaimStatus } from '@corroborate/contracts';
import { STATUS_LOOK } from '../status';

export function StatusBadge({ status, ...props }: { status: ClaimStatus } & BadgeProps) {
  const look = STATUS_LOOK[status];
  return (
    <Badge variant="light" color={look.color} tt="none" {...props}>
      {look.label}
    </Badge>
  );
}
