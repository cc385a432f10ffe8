import { Outlet, Navigate, useLocation } from 'react-router';
import { Center } from '@mantine/core';
import { useMe } from '../api';
import { PageLoader } from '../../../components/PageLoader';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { FromState } from './redirect';

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <PageLoader label="Loading your session" />;
  if (me.isError) {
    return (
      <Center mih="60vh" p="md">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </Center>
    );
  }
  if (!me.data) {
    const state: FromState = { from: location.pathname + location.search + location.hash };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
