import { Skeleton, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { AnnotationActions } from '../api';
import type { Thread } from '../threads';
import { ThreadCard, type Permissions } from './ThreadCard';

interface ThreadsPanelProps {
  status: 'pending' | 'error' | 'success';
  error: unknown;
  onRetry: () => void;
  anchored: Thread[];
  detached: Thread[];
  activeId: string | null;
  pending: ReadonlySet<string>;
  permissions: Permissions;
  actions: AnnotationActions;
  onShowInText: (id: string) => void;
}

/** Every thread on the article in reading order; those whose passage is gone come last. */
export function ThreadsPanel(props: ThreadsPanelProps) {
  const { status, error, onRetry, anchored, detached, activeId, permissions } = props;
  const count = anchored.length + detached.length;
  const card = (thread: Thread, isDetached = false) => (
    <ThreadCard
      key={thread.root.id}
      thread={thread}
      active={thread.root.id === activeId}
      detached={isDetached}
      pending={props.pending}
      permissions={permissions}
      actions={props.actions}
      onShowInText={props.onShowInText}
    />
  );

  return (
    <section className="threads-panel" aria-label="Threads">
      <Title order={2} className="threads-title">
        Threads{status === 'success' && <span className="threads-count"> {count}</span>}
      </Title>
      {status === 'pending' && (
        <Stack gap="sm" role="status" aria-label="Loading threads">
          <Skeleton height={96} />
          <Skeleton height={96} />
        </Stack>
      )}
      {status === 'error' && <ErrorAlert error={error} onRetry={onRetry} />}
      {status === 'success' && count === 0 && (
        <Text size="sm" c="dimmed">
          {permissions.annotate
            ? 'No threads yet. Select a passage in the article to highlight it, comment, ask a question or tag it.'
            : 'No threads yet.'}
        </Text>
      )}
      <Stack gap="sm">{anchored.map((t) => card(t))}</Stack>
      {detached.length > 0 && (
        <>
          <Title order={3} size="h6" mt="lg" mb={4}>
            No longer in the text
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            Their passages changed in a later revision and could not be found again.
          </Text>
          <Stack gap="sm">{detached.map((t) => card(t, true))}</Stack>
        </>
      )}
    </section>
  );
}
