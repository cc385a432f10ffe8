import { memo } from 'react';
import { Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useProgressiveCount } from '../../../lib/useProgressiveCount';
import type { AnnotationActions } from '../api';
import type { EditDraft } from '../drafts';
import { countByStatus, matchesFilter, SHOW_ALL, type Thread, type ThreadFilter } from '../threads';
import { ThreadCard, type Permissions } from './ThreadCard';
import { ThreadFilters } from './ThreadFilters';
import { OrphanedEdits } from './OrphanedEdits';

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
  filter: ThreadFilter;
  onFilterChange: (filter: ThreadFilter) => void;
  /** Annotations with an edit in progress: their threads stay listed whatever the filters. */
  editingIds: ReadonlySet<string>;
  orphans: readonly EditDraft[];
  canPostOrphan: (orphan: EditDraft) => boolean;
  onPostOrphan: (orphan: EditDraft) => void;
  onDiscardOrphan: (orphan: EditDraft) => void;
}

/** Every thread on the article in reading order; those whose passage is gone come last. */
export const ThreadsPanel = memo(ThreadsPanelView);

function ThreadsPanelView(props: ThreadsPanelProps) {
  const { status, error, onRetry, activeId, permissions, filter, onFilterChange } = props;
  const count = props.anchored.length + props.detached.length;
  const { editingIds } = props;
  const listed = (t: Thread) => matchesFilter(t, filter) || editingIds.has(t.root.id) || t.replies.some((r) => editingIds.has(r.id));
  const anchored = props.anchored.filter(listed);
  const detached = props.detached.filter(listed);
  const hidden = count - anchored.length - detached.length;
  // Long lists render in steps; the active thread (a highlight just clicked) is always reached.
  const listedCount = anchored.length + detached.length;
  const activeAt = activeId ? [...anchored, ...detached].findIndex((t) => t.root.id === activeId) + 1 : 0;
  const rendered = useProgressiveCount(listedCount, { atLeast: activeAt });
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
    <section id="threads" tabIndex={-1} className="threads-panel" aria-label="Threads">
      <Title order={2} className="threads-title">
        Threads{status === 'success' && <span className="threads-count"> {count}</span>}
      </Title>
      {!permissions.annotate && (
        <Text size="sm" c="dimmed" mb="sm" data-testid="threads-view-only">
          View-only for your role: you can read these threads, but not reply or start your own.
        </Text>
      )}
      <OrphanedEdits orphans={props.orphans} canPost={props.canPostOrphan} onPost={props.onPostOrphan} onDiscard={props.onDiscardOrphan} />
      {status === 'pending' && (
        <Stack gap="sm" role="status" aria-label="Loading threads">
          <Skeleton height={96} />
          <Skeleton height={96} />
        </Stack>
      )}
      {status === 'error' && <ErrorAlert error={error} onRetry={onRetry} />}
      {status === 'success' && count > 0 && (
        <ThreadFilters filter={filter} counts={countByStatus([...props.anchored, ...props.detached], filter.kinds)} onChange={onFilterChange} />
      )}
      {status === 'success' && count > 0 && hidden === count && (
        <Text size="sm" c="dimmed" role="status">
          No threads match these filters.{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => onFilterChange(SHOW_ALL)}>
            Show all {count}
          </Button>
        </Text>
      )}
      {status === 'success' && count === 0 && (
        <Text size="sm" c="dimmed">
          {permissions.annotate
            ? 'No threads yet. Select a passage in the article to highlight it, comment, ask a question or tag it.'
            : 'No threads yet.'}
        </Text>
      )}
      <Stack gap="sm">{anchored.slice(0, rendered).map((t) => card(t))}</Stack>
      {detached.length > 0 && rendered > anchored.length && (
        <>
          <Title order={3} size="h6" mt="lg" mb={4}>
            No longer in the text
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            Their passages changed in a later revision and could not be found again.
          </Text>
          <Stack gap="sm">{detached.slice(0, rendered - anchored.length).map((t) => card(t, true))}</Stack>
        </>
      )}
    </section>
  );
}
