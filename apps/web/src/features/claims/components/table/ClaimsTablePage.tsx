import { useMemo } from 'react';
import { Paper, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { ListSkeleton } from '../../../../components/PageLoader';
import { useMembers } from '../../../members/api';
import { useCurrentWorkspace } from '../../../workspaces/context';
import { useWorkspaceClaims } from '../../api';
import { filtersToParams, parseFilters, toQuery, type TableFilters } from '../../tableFilters';
import { ClaimsFilters } from './ClaimsFilters';
import { ClaimsTable } from './ClaimsTable';
import '../claims.css';

/** Every claim in the workspace, filtered and sorted by the server; the filters live in the URL. */
export function ClaimsTablePage() {
  const { workspace } = useCurrentWorkspace();
  useDocumentTitle(`Claims · ${workspace.name} · Corroborate`);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const claims = useWorkspaceClaims(workspace.id, toQuery(filters));
  const members = useMembers(workspace.id);
  const change = (next: TableFilters) => setParams(filtersToParams(next), { replace: true });

  return (
    <>
      <PageHeader title="Claims" description={`Claims across ${workspace.name}. The list refreshes when you come back to it, every half minute and when you are notified.`} />
      <ClaimsFilters filters={filters} members={members.data ?? []} onChange={change} />
      {claims.isPending && <ListSkeleton label="Loading claims" />}
      {claims.isError && <ErrorAlert error={claims.error} onRetry={() => void claims.refetch()} retrying={claims.isFetching} />}
      {claims.data && claims.data.length === 0 && (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">No claims match these filters.</Text>
        </Paper>
      )}
      {claims.data && claims.data.length > 0 && (
        <>
          <Text size="sm" c="dimmed" mb="xs" role="status">
            {claims.data.length === 1 ? '1 claim' : `${claims.data.length.toLocaleString()} claims`}
          </Text>
          <ClaimsTable claims={claims.data} sort={filters.sort} onSort={(sort) => change({ ...filters, sort })} />
        </>
      )}
    </>
  );
}
