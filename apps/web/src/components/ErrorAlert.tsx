import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { isApiError } from '../lib/http';
import { describeError, type ErrorOverrides } from '../lib/errors';
import { fieldOfPath } from '../lib/formErrors';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  /** Fields whose details (their items' too: `events.0`) are already shown next to them. */
  fields?: readonly string[];
  overrides?: ErrorOverrides;
  retrying?: boolean;
}

export function ErrorAlert({ error, onRetry, fields = [], overrides, retrying }: ErrorAlertProps) {
  const { title, message } = describeError(error, overrides);
  const extra = isApiError(error)
    ? error.details.filter((d) => !fieldOfPath(d.path, fields))
    : [];

  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={18} />} role="alert">
      <Text size="sm">{message}</Text>
      {extra.length > 0 && (
        <List size="sm" mt="xs">
          {extra.map((d) => (
            <List.Item key={`${d.path}:${d.message}`}>
              {d.path ? <strong>{d.path}: </strong> : null}
              {d.message}
            </List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Group mt="sm">
          <Button
            size="xs"
            variant="white"
            color="red"
            leftSection={<IconRefresh size={14} />}
            onClick={onRetry}
            loading={retrying}
          >
            Retry
          </Button>
        </Group>
      )}
    </Alert>
  );
}
