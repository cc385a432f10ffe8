import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

/** Last line of defence against a render error: never leave the page blank. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';

  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={520} ta="center" role="alert">
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Text c="dimmed">{message}</Text>
        <Button onClick={() => window.location.reload()} mt="sm">
          Reload the page
        </Button>
      </Stack>
    </Center>
  );
}
