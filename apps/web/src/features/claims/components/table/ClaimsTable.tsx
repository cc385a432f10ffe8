import { Anchor, Badge, Table, Text, UnstyledButton } from '@mantine/core';
import { IconSelector, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ClaimListItem } from '@corroborate/contracts';
import { formatDay, formatDateTime } from '../../../../lib/format';
import { claimPath } from '../../paths';
import { isOverdue, PRIORITY_COLOR, PRIORITY_LABEL } from '../../status';
import type { ClaimSort } from '../../tableFilters';
import { PersonAvatars } from '../PersonAvatars';
import { StatusBadge } from '../StatusBadge';

interface ClaimsTableProps {
  claims: readonly ClaimListItem[];
  sort: ClaimSort;
  onSort: (sort: ClaimSort) => void;
}

/** The order each sort gives (the server's): most urgent and most recent first, due and status ascending. */
const DIRECTION: Record<ClaimSort, 'ascending' | 'descending'> = { due: 'ascending', priority: 'descending', updated: 'descending', created: 'descending', status: 'ascending' };

function SortHeader({ label, value, sort, onSort }: { label: string; value: ClaimSort; sort: ClaimSort; onSort: (s: ClaimSort) => void }) {
  const active = sort === value;
  const Icon = !active ? IconSelector : DIRECTION[value] === 'ascending' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th aria-sort={active ? DIRECTION[value] : undefined}>
      <UnstyledButton onClick={() => onSort(value)} className="sort-header">
        {label} <Icon size={14} aria-hidden />
        {!active && <span className="visually-hidden"> (sort by {label.toLowerCase()})</span>}
      </UnstyledButton>
    </Table.Th>
  );
}

export function ClaimsTable({ claims, sort, onSort }: ClaimsTableProps) {
  const header = (label: string, value: ClaimSort) => <SortHeader label={label} value={value} sort={sort} onSort={onSort} />;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="claims-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Claim</Table.Th>
            {header('Status', 'status')}
            {header('Priority', 'priority')}
            {header('Due', 'due')}
            <Table.Th>Assignees</Table.Th>
            <Table.Th ta="right">Evidence</Table.Th>
            {header('Updated', 'updated')}
            {header('Created', 'created')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claims.map((c) => (
            <Table.Tr key={c.id} data-claim-id={c.id}>
              <Table.Td maw={420}>
                <Anchor component={Link} to={claimPath(c.articleId, c.id)} fw={600} lineClamp={2}>
                  {c.statement}
                </Anchor>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {c.articleTitle}
                  {c.claimant ? ` · ${c.claimant}` : ''}
                  {c.tags.length ? ` · ${c.tags.map((t) => `#${t}`).join(' ')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge status={c.status} style={{ overflow: 'visible' }} />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={PRIORITY_COLOR[c.priority]} tt="none">
                  {PRIORITY_LABEL[c.priority]}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {c.dueAt ? (
                  <Text size="sm" c={isOverdue(c) ? 'red.9' : undefined} fw={isOverdue(c) ? 600 : undefined}>
                    {formatDay(c.dueAt)}
                    {isOverdue(c) ? ' (overdue)' : ''}
                  </Text>
                ) : (
                  <Text span c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{c.assignees.length ? <PersonAvatars people={c.assignees} /> : <Text span c="dimmed">—</Text>}</Table.Td>
              <Table.Td ta="right">{c.evidenceIds.length}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(c.updatedAt)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDay(c.createdAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
