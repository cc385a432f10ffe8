import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';

export function NotFoundPage({ message }: { message?: string }) {
  useDocumentTitle('Not found · Corroborate');
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Text fz={64} fw={800} c="dimmed" lh={1} aria-hidden>
          404
        </Text>
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text c="dimmed">{message ?? 'The page you were looking for does not exist or was moved.'}</Text>
        <Button component={Link} to="/" mt="sm">
          Go to your workspace
        </Button>
      </Stack>
    </Center>
  );
}
