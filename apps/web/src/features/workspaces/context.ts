import { useOutletContext } from 'react-router';
import type { Workspace, WorkspaceRole } from '@corroborate/contracts';

export interface WorkspaceContext {
  workspace: Workspace;
  role: WorkspaceRole;
}

/** The workspace resolved by `WorkspaceGate` for the pages below it. */
export function useCurrentWorkspace(): WorkspaceContext {
  return useOutletContext<WorkspaceContext>();
}
