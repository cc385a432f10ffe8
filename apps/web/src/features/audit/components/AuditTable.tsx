import { Badge, Code, Table, Text } from '@mantine/core';
import type { AuditEntry } from '@corroborate/contracts';
import { formatDateTime } from '../../../lib/format';
import { AuditChanges } from './AuditChanges';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Changes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} style={{ verticalAlign: 'top' }}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </Table.Td>
              <Table.Td>{entry.actorName ?? <Text span c="dimmed">System</Text>}</Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none">
                  {entry.action}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{entry.entityType}</Text>
                <Code title={entry.entityId}>{entry.entityId.slice(0, 8)}</Code>
              </Table.Td>
              <Table.Td>
                <AuditChanges before={entry.before} after={entry.after} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
