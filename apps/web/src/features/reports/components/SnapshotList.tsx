import { Anchor, Badge, Button, Code, Group, List, Menu, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconExternalLink, IconLink } from '@tabler/icons-react';
import type { ReportFormat, ReportSnapshot } from '@corroborate/contracts';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SecretField } from '../../../components/SecretField';
import { SectionPanel } from '../../../components/SectionPanel';
import { WriteError } from '../../../components/WriteError';
import { formatDateTime } from '../../../lib/format';
import { DOWNLOADS, useCreateShare, useDownloadSnapshot, useRevokeShare, useSnapshots, type PaperSize } from '../api';
import { ReportError } from './ReportError';

const SNAPSHOT_FORMATS = DOWNLOADS.filter((d): d is { kind: ReportFormat; label: string } => d.kind !== 'annotations');

const optionWords = (options: ReportSnapshot['options']) =>
  [options.includeUnresolved ? 'unresolved claims included' : 'resolved claims only', options.includeAudit && 'audit trail', options.includeAppendix && 'appendix']
    .filter(Boolean)
    .join(', ');

/** The article's published snapshots, newest first, each with its share links. */
export function SnapshotList({ articleId, paper, mayManage }: { articleId: string; paper: PaperSize; mayManage: boolean }) {
  const snapshots = useSnapshots(articleId);
  return (
    <SectionPanel title="Published snapshots" description="Each is frozen as it was published. A share link shows it read-only to anyone who has the link, until it is revoked.">
      {snapshots.isPending ? (
        <Skeleton height={80} />
      ) : snapshots.isError ? (
        <ErrorAlert error={snapshots.error} onRetry={() => void snapshots.refetch()} />
      ) : snapshots.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing published yet.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {snapshots.data.map((snapshot) => (
            <li key={snapshot.id}>
              <Snapshot articleId={articleId} snapshot={snapshot} paper={paper} mayManage={mayManage} />
            </li>
          ))}
        </Stack>
      )}
    </SectionPanel>
  );
}

function Snapshot({ articleId, snapshot, paper, mayManage }: { articleId: string; snapshot: ReportSnapshot; paper: PaperSize; mayManage: boolean }) {
  const download = useDownloadSnapshot();
  const share = useCreateShare(articleId);
  const revoke = useRevokeShare(articleId);
  const name = `Snapshot ${snapshot.number}`;
  // The new link's URL exists only in the answer to its creation: shown until it is revoked or the page is left.
  const created = share.data && snapshot.shares.some((s) => s.id === share.data.id && !s.revokedAt) ? share.data : null;
  const active = snapshot.shares.filter((s) => !s.revokedAt).length;

  return (
    <Paper withBorder radius="sm" p="sm" data-testid={`snapshot-${snapshot.number}`} aria-labelledby={`snapshot-${snapshot.id}`} component="section">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div>
            <Title order={3} size="h5" id={`snapshot-${snapshot.id}`}>
              {name}
            </Title>
            <Text size="sm" c="dimmed">
              Published {formatDateTime(snapshot.publishedAt)} by {snapshot.publishedBy.displayName}; {optionWords(snapshot.options)}.
            </Text>
            <Text size="xs" c="dimmed">
              SHA-256 <Code>{snapshot.sha256.slice(0, 16)}…</Code>
            </Text>
          </div>
          <Group gap="xs">
            <Anchor href={`/api/reports/${snapshot.id}?format=html`} target="_blank" rel="noopener" size="sm">
              <Group gap={4} component="span" wrap="nowrap">
                Open {name}
                <IconExternalLink size={14} aria-label="(opens in a new tab)" />
              </Group>
            </Anchor>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} aria-hidden />} loading={download.isPending}>
                  Download {name}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {SNAPSHOT_FORMATS.map(({ kind, label }) => (
                  <Menu.Item key={kind} onClick={() => download.mutate({ snapshotId: snapshot.id, format: kind, paper })}>
                    {label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        {download.isError && <ReportError error={download.error} what="Not downloaded" pdf={download.variables.format === 'pdf'} onDismiss={() => download.reset()} />}

        <Group gap="xs" justify="space-between">
          <Group gap={6}>
            <Text size="sm" fw={600}>
              Share links
            </Text>
            <Badge variant="light" color={active ? 'blue' : 'gray'}>
              {active} active
            </Badge>
          </Group>
          {mayManage && (
            <Button size="xs" variant="light" leftSection={<IconLink size={14} aria-hidden />} loading={share.isPending} onClick={() => share.mutate(snapshot.id)}>
              Create share link for {name}
            </Button>
          )}
        </Group>
        {created && (
          <Stack gap={4}>
            <Text size="sm">Copy this link now: for safety it is shown only once. Anyone who has it can read {name} until the link is revoked.</Text>
            <SecretField value={created.url} label={`share link of ${name}`} testId="share-url" />
          </Stack>
        )}
        <WriteError error={share.error} what="No share link made" onDismiss={() => share.reset()} />
        {snapshot.shares.length > 0 && (
          <List size="sm" spacing={4} listStyleType="none" ml={0}>
            {snapshot.shares.map((s) => (
              <List.Item key={s.id} data-testid={`share-${s.id}`}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" td={s.revokedAt ? 'line-through' : undefined}>
                    Link made {formatDateTime(s.createdAt)} by {s.createdBy.displayName}
                  </Text>
                  {s.revokedAt ? (
                    <Text size="sm" c="dimmed">
                      revoked {formatDateTime(s.revokedAt)}
                    </Text>
                  ) : (
                    mayManage && (
                      <ConfirmButton
                        title="Revoke this share link?"
                        message={`Whoever has the link will no longer be able to open ${name}. This cannot be undone; you can make a new link.`}
                        confirmLabel="Revoke link"
                        loading={revoke.isPending && revoke.variables === s.id}
                        onConfirm={() => revoke.mutateAsync(s.id).catch(() => undefined)}
                      >
                        Revoke
                      </ConfirmButton>
                    )
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <WriteError error={revoke.error} what="Not revoked" onDismiss={() => revoke.reset()} />
      </Stack>
    </Paper>
  );
}
