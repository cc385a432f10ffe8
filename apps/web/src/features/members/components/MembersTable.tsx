import { Table } from '@mantine/core';
import type { Member } from '@corroborate/contracts';
import { MemberRow } from './MemberRow';

interface MembersTableProps {
  workspaceId: string;
  members: Member[];
  manage: boolean;
  selfId: string | undefined;
  onRemovedSelf: () => void;
}

export function MembersTable({ workspaceId, members, manage, selfId, onRemovedSelf }: MembersTableProps) {
  const owners = members.filter((m) => m.role === 'owner').length;
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table verticalSpacing="sm" data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Joined</Table.Th>
            {manage && (
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              workspaceId={workspaceId}
              member={member}
              manage={manage}
              isSelf={member.userId === selfId}
              owners={owners}
              onRemovedSelf={onRemovedSelf}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
