import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconSettings } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { notifyError } from '../../lib/errors';
import { useLogout, useMe } from '../../features/auth/api';

export function UserMenu() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = me.data?.user;
  if (!user) return null;

  const signOut = () => {
    logout.mutate(undefined, {
      onSuccess: () => navigate('/login', { replace: true }),
      onError: (error) => notifyError(error),
    });
  };

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        {/* The accessible name holds the visible text, the name (WCAG 2.5.3), so the avatar shows an icon, not initials. */}
        <UnstyledButton aria-label={`${user.displayName}, account menu`} className="user-menu-target">
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="blue" aria-hidden />
            <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
              {user.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={16} />}>
          Settings
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={signOut} disabled={logout.isPending}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
