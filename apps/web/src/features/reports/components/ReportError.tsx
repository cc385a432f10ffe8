import { Alert, CloseButton, Group, Text } from '@mantine/core';
import { describeError } from '../../../lib/errors';
import { isApiError } from '../../../lib/http';

/**
 * Why a report file was not made, in plain words. A 503 for a PDF is about this server's
 * Chromium, not the server being away: say that, and that the other formats still work.
 */
export function ReportError({ error, what, pdf, onDismiss }: { error: unknown; what: string; pdf: boolean; onDismiss: () => void }) {
  const { title, message } =
    pdf && isApiError(error, 'UNAVAILABLE')
      ? { title: 'the PDF could not be made', message: `${error.message}. The other formats still work.` }
      : describeError(error, { NOT_FOUND: 'This report is no longer there, or you are no longer a member of its workspace.' });
  return (
    <Alert color="red" variant="light" p="xs" role="alert">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div>
          <Text size="sm" fw={600}>
            {what}: {title}
          </Text>
          <Text size="sm">{message}</Text>
        </div>
        <CloseButton size="sm" aria-label="Dismiss" onClick={onDismiss} />
      </Group>
    </Alert>
  );
}
