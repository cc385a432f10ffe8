import { Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { can } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { ListSkeleton } from '../../../components/PageLoader';
import { useMe } from '../../auth/api';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useMembers } from '../api';
import { AddMemberForm } from './AddMemberForm';
import { InvitesPanel } from './InvitesPanel';
import { MembersTable } from './MembersTable';
import { RolesGuide } from './RolesGuide';

export function MembersPage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`Members · ${workspace.name} · Corroborate`);
  const members = useMembers(workspace.id);
  const me = useMe();
  const navigate = useNavigate();
  const manage = can.manageMembers(role);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Members"
        description={
          manage ? `People with access to ${workspace.name}.` : `People with access to ${workspace.name}. Only owners can change this list.`
        }
      />
      {manage && <AddMemberForm workspaceId={workspace.id} />}
      {members.isPending && <ListSkeleton label="Loading members" />}
      {members.isError && (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} retrying={members.isFetching} />
      )}
      {members.isSuccess && (
        <MembersTable
          workspaceId={workspace.id}
          members={members.data}
          manage={manage}
          selfId={me.data?.user.id}
          onRemovedSelf={() => navigate('/', { replace: true })}
        />
      )}
      {manage && <InvitesPanel workspaceId={workspace.id} />}
      <RolesGuide role={role} />
    </Stack>
  );
}
