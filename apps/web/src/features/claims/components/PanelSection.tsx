import { useId, type ReactNode } from 'react';
import { Group, Title } from '@mantine/core';

/** A titled part of the claim panel, named by its heading for assistive technology. */
export function PanelSection({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="claim-section" data-testid={testId}>
      <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
        <Title order={3} id={id} className="claim-section-title">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </section>
  );
}
