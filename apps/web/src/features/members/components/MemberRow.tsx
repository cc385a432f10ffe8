import { Badge, Select, Table, Text } from '@mantine/core';
import type { Member } from '@corroborate/contracts';
import { notifyError } from '../../../lib/errors';
import { formatDay } from '../../../lib/format';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { useRemoveMember, useUpdateMemberRole } from '../api';
import { isRole, ROLE_LABELS, ROLE_OPTIONS, soleOwnerReason } from '../roles';

interface MemberRowProps {
  workspaceId: string;
  member: Member;
  manage: boolean;
  isSelf: boolean;
  /** How many owners the workspace has: the last one cannot be demoted or removed. */
  owners: number;
  onRemovedSelf: () => void;
}

const fail = (error: unknown) => notifyError(error);

export function MemberRow({ workspaceId, member, manage, isSelf, owners, onRemovedSelf }: MemberRowProps) {
  const updateRole = useUpdateMemberRole(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const name = isSelf ? `${member.displayName} (you)` : member.displayName;
  const locked = soleOwnerReason(member, owners, isSelf);
  const reasonId = `member-locked-${member.userId}`;

  const changeRole = (value: string | null) => {
    if (!isRole(value) || value === member.role) return;
    updateRole.mutate({ userId: member.userId, role: value }, { onError: fail });
  };
  const removeMember = () =>
    remove.mutateAsync(member.userId).then(() => isSelf && onRemovedSelf(), fail);

  return (
    <Table.Tr data-testid="member-row">
      <Table.Td>
        <Text fw={500} size="sm">
          {name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{member.email}</Text>
      </Table.Td>
      <Table.Td>
        {manage ? (
          <Select
            aria-label={`Role for ${member.displayName}`}
            data={ROLE_OPTIONS}
            value={member.role}
            onChange={changeRole}
            allowDeselect={false}
            disabled={updateRole.isPending || !!locked}
            // Why the role cannot change, under the field (also read as its description).
            description={locked}
            descriptionProps={{ id: reasonId }}
            inputWrapperOrder={['input', 'description']}
            size="xs"
            w={locked ? 260 : 140}
          />
        ) : (
          <Badge variant="light">{ROLE_LABELS[member.role]}</Badge>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(member.joinedAt)}</Table.Td>
      {manage && (
        <Table.Td ta="right">
          <ConfirmButton
            aria-label={`Remove ${member.displayName}`}
            title="Remove member"
            message={
              isSelf
                ? 'You will lose access to this workspace.'
                : `${member.displayName} will lose access to this workspace.`
            }
            confirmLabel="Remove"
            onConfirm={removeMember}
            loading={remove.isPending}
            disabled={!!locked}
            aria-describedby={locked ? reasonId : undefined}
          >
            Remove
          </ConfirmButton>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
