import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { AuthLayout } from '../../auth/components/AuthLayout';
import type { FromState } from '../../auth/components/redirect';
import { useMe } from '../../auth/api';
import { useAcceptInvite, useInvitePreview } from '../api';
import { InviteNotice } from './InviteNotice';

export function JoinPage() {
  useDocumentTitle('Join a workspace · Corroborate');
  const { token = '' } = useParams();
  const me = useMe();
  const preview = useInvitePreview(token);
  const accept = useAcceptInvite(token);
  const navigate = useNavigate();

  if (me.isPending) return <PageLoader label="Loading your session" />;

  const acceptInvite = () =>
    accept.mutate(undefined, { onSuccess: ({ workspaceId }) => navigate(`/w/${workspaceId}`, { replace: true }) });
  const loginState: FromState = { from: `/join/${encodeURIComponent(token)}` };

  return (
    <AuthLayout title="Join a workspace">
      <Stack gap="md">
        <InviteNotice query={preview} />
        {accept.isError && (
          <ErrorAlert
            error={accept.error}
            overrides={{ NOT_FOUND: 'This invite link is invalid or has expired. Ask for a new one.' }}
          />
        )}
        {me.data ? (
          <>
            <Text size="sm" c="dimmed">
              Signed in as {me.data.user.displayName} ({me.data.user.email}).
            </Text>
            <Button onClick={acceptInvite} loading={accept.isPending} disabled={!preview.isSuccess} fullWidth>
              Accept
            </Button>
          </>
        ) : (
          <>
            <Button component={Link} to={`/register?invite=${encodeURIComponent(token)}`} fullWidth>
              Create an account to join
            </Button>
            <Text size="sm" ta="center">
              Already have an account?{' '}
              <Anchor component={Link} to="/login" state={loginState}>
                Sign in to accept
              </Anchor>
            </Text>
          </>
        )}
      </Stack>
    </AuthLayout>
  );
}
