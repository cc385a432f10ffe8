import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileImport, IconFileText } from '@tabler/icons-react';

interface ArticlesEmptyProps {
  canImport: boolean;
  onImport: () => void;
}

export function ArticlesEmpty({ canImport, onImport }: ArticlesEmptyProps) {
  return (
    <Paper withBorder radius="md" p="xl" data-testid="articles-empty">
      <Stack align="center" ta="center" gap="sm" maw={460} mx="auto">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          <IconFileText size={30} />
        </ThemeIcon>
        <Title order={2} size="h3">
          No articles yet
        </Title>
        <Text c="dimmed">
          {canImport
            ? 'Import the first article to check: paste its text or Markdown, or upload a .txt, .md or .html file.'
            : 'Editors and owners of this workspace can import articles. They will appear here.'}
        </Text>
        {canImport && (
          <Button leftSection={<IconFileImport size={18} />} onClick={onImport} mt="xs">
            Import article
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
