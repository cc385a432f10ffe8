import { Outlet, useParams } from 'react-router';
import { isApiError } from '../../../lib/http';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListSkeleton } from '../../../components/PageLoader';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { useMe } from '../../auth/api';
import { useWorkspace } from '../api';
import type { WorkspaceContext } from '../context';

export function WorkspaceGate() {
  const { workspaceId = '' } = useParams();
  const workspace = useWorkspace(workspaceId);
  const me = useMe();

  if (workspace.isPending) return <ListSkeleton label="Loading workspace" />;
  if (workspace.isError) {
    if (isApiError(workspace.error, 'NOT_FOUND') || isApiError(workspace.error, 'FORBIDDEN')) {
      return <NotFoundPage message="This workspace does not exist or you are not a member of it." />;
    }
    return (
      <ErrorAlert
        error={workspace.error}
        onRetry={() => void workspace.refetch()}
        retrying={workspace.isFetching}
      />
    );
  }

  const membership = me.data?.workspaces.find((w) => w.id === workspaceId);
  const context: WorkspaceContext = {
    workspace: workspace.data,
    role: membership?.role ?? workspace.data.role ?? 'viewer',
  };
  return <Outlet context={context} />;
}
