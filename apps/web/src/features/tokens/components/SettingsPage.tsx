import { Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { PageHeader } from '../../../components/PageHeader';
import { useMe } from '../../auth/api';
import { ChangePasswordForm } from '../../auth/components/ChangePasswordForm';
import { TokensPanel } from './TokensPanel';

export function SettingsPage() {
  useDocumentTitle('Settings · Corroborate');
  const me = useMe();
  const user = me.data?.user;

  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title="Settings" description={user ? `Signed in as ${user.displayName} (${user.email})` : undefined} />
      <ChangePasswordForm />
      <TokensPanel />
    </Stack>
  );
}
