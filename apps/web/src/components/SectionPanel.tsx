import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';

interface SectionPanelProps {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}

/** A bordered section of a settings-like page: a heading, a line of help, then its content. */
export function SectionPanel({ title, description, children }: SectionPanelProps) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
