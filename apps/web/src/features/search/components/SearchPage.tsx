import { useState, type FormEvent } from 'react';
import { Button, Chip, Group, MultiSelect, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { CLAIM_STATUS_LABEL, ClaimStatus, SEARCH_TYPE_LABEL, SearchType } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useArticles } from '../../articles/api';
import { useMembers } from '../../members/api';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useSearch, type SearchParams } from '../api';
import { ResultItem } from './ResultItem';

const PAGE = 20;
const FILTERS = ['type', 'status', 'author', 'articleId', 'from', 'to'] as const;

/** The search page: everything in the workspace, with filters and paging kept in the URL. */
export function SearchPage() {
  const { workspace } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(params.get('q') ?? '');
  useDocumentTitle(`Search · ${workspace.name} · Corroborate`);

  const query: SearchParams = {
    q: params.get('q') ?? '',
    ...Object.fromEntries(FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : []))),
    offset: Number(params.get('offset') ?? 0) || 0,
    limit: PAGE,
  };
  const search = useSearch(workspace.id, query);
  const articles = useArticles(workspace.id);
  const members = useMembers(workspace.id);

  /** Changes URL parameters; any change but paging goes back to the first page. */
  const update = (changes: Record<string, string | null>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(changes)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      if (!('offset' in changes)) p.delete('offset');
      return p;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: draft.trim() || null });
  };
  const list = (name: string) => (params.get(name) ?? '').split(',').filter(Boolean);

  return (
    <Stack gap="md">
      <PageHeader title="Search" description={`Articles, annotations, claims, comments, evidence and sources in ${workspace.name}.`} />
      <form onSubmit={submit} role="search">
        <Group gap="sm" align="flex-end">
          <TextInput
            flex={1}
            label="Search"
            placeholder='e.g. nitrate "water authority" -draft'
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            leftSection={<IconSearch size={16} aria-hidden />}
            maxLength={500}
          />
          <Button type="submit">Search</Button>
        </Group>
      </form>
      <Chip.Group multiple value={list('type')} onChange={(v) => update({ type: v.join(',') || null })}>
        <Group gap={6} aria-label="Types">
          {SearchType.options.map((t) => (
            <Chip key={t} value={t} size="xs">
              {SEARCH_TYPE_LABEL[t]}
              {search.data ? ` (${search.data.counts[t]})` : ''}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <MultiSelect
          label="Status"
          size="xs"
          w={220}
          clearable
          data={ClaimStatus.options.map((s) => ({ value: s, label: CLAIM_STATUS_LABEL[s] }))}
          value={list('status')}
          onChange={(v) => update({ status: v.join(',') || null })}
        />
        <Select
          label="Author"
          size="xs"
          w={180}
          clearable
          data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))}
          value={params.get('author')}
          onChange={(v) => update({ author: v })}
        />
        <Select
          label="Article"
          size="xs"
          w={220}
          clearable
          searchable
          data={(articles.data ?? []).map((a) => ({ value: a.id, label: a.title }))}
          value={params.get('articleId')}
          onChange={(v) => update({ articleId: v })}
        />
        <TextInput label="From" size="xs" type="date" value={params.get('from') ?? ''} onChange={(e) => update({ from: e.currentTarget.value || null })} />
        <TextInput label="To" size="xs" type="date" value={params.get('to') ?? ''} onChange={(e) => update({ to: e.currentTarget.value || null })} />
      </Group>
      {!query.q.trim() ? (
        <Text c="dimmed" size="sm">
          Type words to look for. Use quotes for a phrase, “or” for either word and a minus sign to leave a word out. Press Ctrl+K (⌘K) anywhere to search quickly.
        </Text>
      ) : search.isPending ? (
        <Stack gap="sm" role="status" aria-label="Searching">
          <Skeleton height={60} />
          <Skeleton height={60} />
        </Stack>
      ) : search.isError ? (
        <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {search.data.total === 0 ? 'Nothing found.' : `${search.data.total.toLocaleString('en')} found`}
          </Text>
          <Stack gap="md" component="ol" className="plain-list" aria-label="Results">
            {search.data.results.map((r) => (
              <li key={`${r.type}:${r.id}`}>
                <Paper withBorder p="sm" radius="md">
                  <ResultItem result={r} workspaceId={workspace.id} />
                </Paper>
              </li>
            ))}
          </Stack>
          {search.data.total > PAGE && (
            <Group gap="sm">
              <Button variant="default" size="xs" disabled={!query.offset} onClick={() => update({ offset: String(Math.max(0, (query.offset ?? 0) - PAGE)) || null })}>
                Previous
              </Button>
              <Text size="xs" c="dimmed">
                {(query.offset ?? 0) + 1}–{Math.min(search.data.total, (query.offset ?? 0) + PAGE)} of {search.data.total}
              </Text>
              <Button
                variant="default"
                size="xs"
                disabled={(query.offset ?? 0) + PAGE >= Math.min(search.data.total, 1_000 + PAGE)}
                onClick={() => update({ offset: String((query.offset ?? 0) + PAGE) })}
              >
                Next
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
