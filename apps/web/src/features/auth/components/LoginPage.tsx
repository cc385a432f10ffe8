import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, Navigate, useNavigate } from 'react-router';
import { LoginBody } from '@corroborate/contracts';
import { schemaErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { useLogin, useMe } from '../api';
import { AuthLayout } from './AuthLayout';
import { useRedirectTarget, type FromState } from './redirect';

export function LoginPage() {
  useDocumentTitle('Sign in · Corroborate');
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const target = useRedirectTarget();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: (values) => schemaErrors(LoginBody, { ...values, email: values.email.trim() }),
  });

  if (me.isPending) return <PageLoader label="Loading your session" />;
  if (me.data && !login.isPending) return <Navigate to={target} replace />;

  const submit = form.onSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      { onSuccess: () => navigate(target, { replace: true }) },
    );
  });
  const registerState: FromState = { from: target };

  return (
    <AuthLayout title="Sign in" subtitle="Welcome back to your fact-checking desk.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {login.isError && (
            <ErrorAlert
              error={login.error}
              overrides={{
                UNAUTHENTICATED: {
                  title: 'Could not sign in',
                  message: 'Wrong email or password. Check them and try again.',
                },
                RATE_LIMITED: 'Too many sign-in attempts. Wait a few minutes before trying again.',
              }}
            />
          )}
          <TextInput label="Email" type="email" autoComplete="email" autoFocus {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending} fullWidth>
            Sign in
          </Button>
          <Text size="sm" ta="center">
            New to Corroborate?{' '}
            <Anchor component={Link} to="/register" state={registerState}>
              Create an account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
