import { useEffect, useState, type ReactNode } from 'react';
import { Button, Center, Group, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { AUDIT_KINDS, type AuditKind } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListSkeleton } from '../../../components/PageLoader';
import { useArticles } from '../../articles/api';
import { useMe } from '../../auth/api';
import { useMembers } from '../../members/api';
import { useAuditLog, type AuditFilters } from '../api';
import { isNewer, readLastSeen, writeLastSeen } from '../lastSeen';
import { ActivityLineView } from './ActivityLineView';
import { AuditTable } from './AuditTable';
import './activity.css';

const KIND_LABELS: Record<AuditKind, string> = {
  annotation: 'Notes and comments',
  claim: 'Claims',
  evidence: 'Evidence',
  article: 'Articles',
  membership: 'Members',
  invite: 'Invitations',
  workspace: 'Workspace settings',
  api_token: 'API tokens',
  user: 'Accounts',
};
const KIND_OPTIONS = AUDIT_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

interface ActivityFeedProps {
  workspaceId: string;
  /** Only this article's activity (the reader's Activity tab); the article filter is then hidden. */
  articleId?: string;
  /** Owners may switch to the raw record (ids and before/after snapshots), for audits. */
  showRaw: boolean;
}

/**
 * The workspace's changes as a newsroom feed: who did what to which article, linked there, with
 * what changed as a readable difference. Filters by person, kind and article; what came since
 * the reader was last here is marked, and remembered as seen once shown.
 */
export function ActivityFeed({ workspaceId, articleId, showRaw }: ActivityFeedProps) {
  const userId = useMe().data?.user.id ?? '';
  const [filters, setFilters] = useState<AuditFilters>({});
  const [raw, setRaw] = useState(false);
  const query = { ...filters, ...(articleId ? { articleId } : {}) };
  const audit = useAuditLog(workspaceId, query);
  const members = useMembers(workspaceId);
  const articles = useArticles(workspaceId);
  const scope = articleId ? `article:${articleId}` : workspaceId;
  // Read once per place: what is new stays marked while the page is open.
  const [seen] = useState(() => readLastSeen(userId, scope));

  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];
  const newest = entries[0]?.id;
  const unfiltered = !filters.actorId && !filters.kind && (articleId ? true : !filters.articleId);
  useEffect(() => {
    // Only the whole feed marks things seen: a filtered one hides what else is new.
    if (newest && userId && unfiltered) writeLastSeen(userId, scope, newest);
  }, [newest, userId, scope, unfiltered]);

  const fresh = entries.filter((e) => isNewer(e.id, seen)).length;
  const setFilter = (key: keyof AuditFilters) => (value: string | null) => setFilters((f) => ({ ...f, [key]: value ?? undefined }));

  return (
    <Stack gap="md" className="activity-feed">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Person"
          placeholder="Everyone"
          clearable
          size="xs"
          w={180}
          data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))}
          value={filters.actorId ?? null}
          onChange={setFilter('actorId')}
        />
        <Select label="Kind" placeholder="Everything" clearable size="xs" w={180} data={KIND_OPTIONS} value={filters.kind ?? null} onChange={setFilter('kind')} />
        {!articleId && (
          <Select
            label="Article"
            placeholder="All articles"
            clearable
            searchable
            size="xs"
            w={240}
            data={(articles.data ?? []).map((a) => ({ value: a.id, label: a.title }))}
            value={filters.articleId ?? null}
            onChange={setFilter('articleId')}
          />
        )}
        {showRaw && <Switch label="Raw record" size="sm" checked={raw} onChange={(e) => setRaw(e.currentTarget.checked)} />}
      </Group>

      {audit.isPending && <ListSkeleton rows={6} label="Loading activity" />}
      {audit.isError && !audit.data && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} retrying={audit.isFetching} />}
      {audit.isSuccess && entries.length === 0 && (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">{unfiltered ? 'Nothing has happened here yet.' : 'Nothing matches these filters.'}</Text>
        </Paper>
      )}
      {entries.length > 0 &&
        (raw ? (
          <AuditTable entries={entries} />
        ) : (
          <div>
            {fresh > 0 && (
              <Text size="sm" fw={600} mb="xs" role="status" data-testid="activity-since">
                Since you were last here: {fresh} new
              </Text>
            )}
            <ol className="activity-list" aria-label="Activity">
              {entries.map((entry, i) => {
                const isNew = isNewer(entry.id, seen);
                const firstOld = fresh > 0 && !isNew && (i === 0 || isNewer(entries[i - 1]!.id, seen));
                return (
                  <ActivityLineViewWithDivider key={entry.id} divider={firstOld}>
                    <ActivityLineView entry={entry} isNew={isNew} />
                  </ActivityLineViewWithDivider>
                );
              })}
            </ol>
          </div>
        ))}
      {audit.isFetchNextPageError && <ErrorAlert error={audit.error} onRetry={() => void audit.fetchNextPage()} />}
      {entries.length > 0 && (
        <Center>
          {audit.hasNextPage ? (
            <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
              Load more
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              That is everything.
            </Text>
          )}
        </Center>
      )}
    </Stack>
  );
}

/** Puts an "Earlier" divider before the first entry that was already seen. */
function ActivityLineViewWithDivider({ divider, children }: { divider: boolean; children: ReactNode }) {
  return (
    <>
      {divider && (
        <li className="activity-divider" aria-hidden>
          Earlier
        </li>
      )}
      {children}
    </>
  );
}
