import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { RegisterBody, type MeResponse } from '@corroborate/contracts';
import { schemaErrors, serverFieldErrors } from '../../../lib/formErrors';
import { queryKeys } from '../../../lib/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { InviteNotice } from '../../members/components/InviteNotice';
import { useInvitePreview } from '../../members/api';
import { ACCOUNT_MAY_EXIST, useMe, useRegister } from '../api';
import { AuthLayout } from './AuthLayout';
import { useRedirectTarget, type FromState } from './redirect';

const FIELDS = ['displayName', 'email', 'password'] as const;

export function RegisterPage() {
  useDocumentTitle('Create account · Corroborate');
  const [params] = useSearchParams();
  const inviteToken = params.get('invite') ?? undefined;
  const invite = useInvitePreview(inviteToken);
  const me = useMe();
  const register = useRegister();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const target = useRedirectTarget();
  const form = useForm({
    initialValues: { displayName: '', email: '', password: '' },
    validate: (values) => schemaErrors(RegisterBody, { ...values, email: values.email.trim() }),
  });

  if (me.isPending) return <PageLoader label="Loading your session" />;
  if (me.data && !register.isPending && !register.isSuccess) {
    return <Navigate to={inviteToken ? `/join/${encodeURIComponent(inviteToken)}` : target} replace />;
  }

  // With an invite the new account already belongs to that workspace: open it.
  const landing = () => {
    const session = queryClient.getQueryData<MeResponse | null>(queryKeys.me());
    const workspaces = session?.workspaces ?? [];
    if (!inviteToken) return target;
    const joined = workspaces.find((w) => w.name === invite.data?.workspaceName) ?? workspaces[0];
    return joined ? `/w/${joined.id}` : '/';
  };

  const submit = form.onSubmit((values) => {
    const body: RegisterBody = {
      displayName: values.displayName.trim(),
      email: values.email.trim(),
      password: values.password,
      ...(inviteToken ? { inviteToken } : {}),
    };
    register.mutate(body, {
      onSuccess: () => navigate(landing(), { replace: true }),
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    });
  });
  const loginState: FromState = { from: inviteToken ? `/join/${encodeURIComponent(inviteToken)}` : target };

  return (
    <AuthLayout title="Create your account" subtitle="Start checking claims with your team.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {inviteToken && <InviteNotice query={invite} />}
          {register.isError && (
            <ErrorAlert
              error={register.error}
              fields={FIELDS}
              overrides={{
                UNAUTHENTICATED: { title: 'You are not signed in', message: ACCOUNT_MAY_EXIST },
                RATE_LIMITED: 'Too many sign-ups from your network. Wait a while before trying again.',
              }}
            />
          )}
          <TextInput label="Display name" autoComplete="name" autoFocus {...form.getInputProps('displayName')} />
          <TextInput label="Email" type="email" autoComplete="email" {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description="At least 10 characters."
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={register.isPending} fullWidth>
            Create account
          </Button>
          <Text size="sm" ta="center">
            Already have an account?{' '}
            <Anchor component={Link} to="/login" state={loginState}>
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
