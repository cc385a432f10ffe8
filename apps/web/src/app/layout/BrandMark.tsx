import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';

/** `compact` hides the word on narrow screens, where the header needs the room. */
export function BrandMark({ compact = false }: { compact?: boolean }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={30} radius="md" aria-hidden>
        <IconChecks size={20} />
      </ThemeIcon>
      <Text fw={700} size="lg" lh={1} visibleFrom={compact ? 'xs' : undefined}>
        Corroborate
      </Text>
    </Group>
  );
}
