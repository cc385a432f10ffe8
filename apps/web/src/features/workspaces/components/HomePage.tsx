import { Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Navigate } from 'react-router';
import { useMe } from '../../auth/api';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';

/** `/`: open the first workspace, or help a new user create one. */
export function HomePage() {
  useDocumentTitle('Welcome · Corroborate');
  const me = useMe();
  const first = me.data?.workspaces[0];
  if (first) return <Navigate to={`/w/${first.id}`} replace />;

  return (
    <Stack maw={560} mx="auto" mt="xl" gap="lg">
      <Stack gap={4}>
        <Title order={1}>Welcome{me.data ? `, ${me.data.user.displayName}` : ''}</Title>
        <Text c="dimmed">
          A workspace holds the articles your desk is checking and the people checking them. Create one to
          get started, or ask a colleague for an invite link.
        </Text>
      </Stack>
      <Paper withBorder p="lg" radius="md">
        <CreateWorkspaceForm />
      </Paper>
    </Stack>
  );
}
