import type { ReactNode } from 'react';
import { Alert, CloseButton, Group, Text } from '@mantine/core';
import { describeError } from '../lib/errors';
import { fieldOfPath } from '../lib/formErrors';
import { isApiError } from '../lib/http';

interface WriteErrorProps {
  error: unknown;
  /** What was not done, e.g. "Evidence not added". */
  what: string;
  onDismiss?: () => void;
  /** Fields whose details (their items' too: `evidenceIds.0`) are shown beside them, not here. */
  fields?: readonly string[];
  /** More to show under the reason (the refused text, say). */
  children?: ReactNode;
}

/** Why a change was refused, shown where it was made; the change itself has been undone. */
export function WriteError({ error, what, onDismiss, fields = [], children }: WriteErrorProps) {
  if (!error) return null;
  const conflict = isApiError(error, 'CONFLICT');
  const { title, message } = conflict
    ? { title: 'someone else changed it', message: `${isApiError(error) ? error.message : ''} It now shows the current version; review it and try again.`.trim() }
    : describeError(error);
  const details = isApiError(error) ? error.details.filter((d) => d.message && !fieldOfPath(d.path, fields)) : [];
  return (
    <Alert color={conflict ? 'orange' : 'red'} variant="light" p="xs" role="alert" mt="xs">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div>
          <Text size="sm" fw={600}>
            {what}: {title}
          </Text>
          <Text size="sm">{message}</Text>
          {details.map((d) => (
            <Text size="xs" key={`${d.path}:${d.message}`}>
              {d.path ? `${d.path}: ` : ''}
              {d.message}
            </Text>
          ))}
          {children}
        </div>
        {onDismiss && <CloseButton size="sm" aria-label="Dismiss" onClick={onDismiss} />}
      </Group>
    </Alert>
  );
}
