import { NavLink, Stack } from '@mantine/core';
import { IconBooks, IconChecklist, IconFileText, IconHistory, IconInbox, IconSearch, IconSettings, IconUsers, IconWebhook } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { can, type WorkspaceRole } from '@corroborate/contracts';
import { reviewNavLinks } from '../../features/review/nav';

interface WorkspaceNavProps {
  workspaceId: string | null;
  role: WorkspaceRole | null;
  onNavigate: () => void;
}

export function WorkspaceNav({ workspaceId, role, onNavigate }: WorkspaceNavProps) {
  const { pathname } = useLocation();
  // Only for workspaces the user belongs to.
  const base = workspaceId && role ? `/w/${workspaceId}` : null;

  const links = base
    ? [
        {
          to: base,
          label: 'Articles',
          icon: IconFileText,
          active: pathname === base || pathname.startsWith('/articles/'),
          show: true,
        },
        {
          to: `${base}/claims`,
          label: 'Claims',
          icon: IconChecklist,
          active: pathname.startsWith(`${base}/claims`),
          show: true,
        },
        {
          to: `${base}/queue`,
          label: 'My queue',
          icon: IconInbox,
          active: pathname.startsWith(`${base}/queue`),
          show: true,
        },
        ...reviewNavLinks(base, pathname, role),
        {
          to: `${base}/sources`,
          label: 'Sources',
          icon: IconBooks,
          active: pathname.startsWith(`${base}/sources`),
          show: true,
        },
        {
          to: `${base}/search`,
          label: 'Search',
          icon: IconSearch,
          active: pathname.startsWith(`${base}/search`),
          show: true,
        },
        {
          to: `${base}/members`,
          label: 'Members',
          icon: IconUsers,
          active: pathname.startsWith(`${base}/members`),
          // Everyone may see who is in the workspace; only owners get the controls (MembersPage).
          show: true,
        },
        {
          to: `${base}/activity`,
          label: 'Activity',
          icon: IconHistory,
          active: pathname.startsWith(`${base}/activity`),
          show: role !== null && can.readAudit(role),
        },
        {
          to: `${base}/settings/webhooks`,
          label: 'Webhooks',
          icon: IconWebhook,
          active: pathname.startsWith(`${base}/settings/webhooks`),
          show: role !== null && can.manageWebhooks(role),
        },
      ]
    : [];

  return (
    <Stack gap={4} h="100%">
      {links
        .filter((link) => link.show)
        .map(({ to, label, icon: Icon, active }) => (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={label}
            active={active}
            aria-current={active ? 'page' : undefined}
            leftSection={<Icon size={18} aria-hidden />}
            onClick={onNavigate}
          />
        ))}
      <NavLink
        component={Link}
        to="/settings"
        label="Settings"
        active={pathname === '/settings'}
        aria-current={pathname === '/settings' ? 'page' : undefined}
        leftSection={<IconSettings size={18} aria-hidden />}
        onClick={onNavigate}
        mt="auto"
      />
    </Stack>
  );
}
