import { Button, Group, Text } from '@mantine/core';
import { WriteError } from '../../../components/WriteError';

interface ReattachBannerProps {
  statement: string;
  error: unknown;
  onCancel: () => void;
}

/** While a passage is being re-attached: what to do next, and why the last try was refused. */
export function ReattachBanner({ statement, error, onCancel }: ReattachBannerProps) {
  return (
    <div className="reattach-banner" role="status">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">
          Select the new passage for “{statement.length > 80 ? `${statement.slice(0, 79)}…` : statement}” in the article, then choose{' '}
          <strong>Re-attach here</strong>.
        </Text>
        <Button size="compact-sm" variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
      <WriteError error={error} what="Not re-attached" />
    </div>
  );
}
