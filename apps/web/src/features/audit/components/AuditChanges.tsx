import { Code, SimpleGrid, Text } from '@mantine/core';

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** Before/after snapshots, folded away until asked for. */
export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <details className="audit-details">
      <summary>View changes</summary>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" mt="xs">
        {before != null && (
          <div>
            <Text size="xs" fw={600} c="dimmed">
              Before
            </Text>
            <Code block>{pretty(before)}</Code>
          </div>
        )}
        {after != null && (
          <div>
            <Text size="xs" fw={600} c="dimmed">
              After
            </Text>
            <Code block>{pretty(after)}</Code>
          </div>
        )}
      </SimpleGrid>
    </details>
  );
}
