import { ActionIcon, Button, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../api';
import { NotificationItem } from './NotificationItem';
import './notifications.css';

/** The bell in the header: unread count, the latest notifications, mark one or all read. */
export function NotificationsMenu() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = notifications.data?.pages[0]?.unread ?? 0;
  const items = notifications.data?.pages.flatMap((p) => p.items) ?? [];
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';

  return (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" width={380} withinPortal trapFocus shadow="md">
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={toggle} className="notifications-bell">
          <IconBell size={20} aria-hidden />
          {unread > 0 && (
            // The count is in the button's name; this is its visible form.
            <span className="notifications-count" aria-hidden data-testid="notifications-unread">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={0} role="dialog" aria-label="Notifications">
        <Group justify="space-between" px="sm" py={8} className="notifications-head">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button variant="subtle" size="compact-xs" disabled={!unread} onClick={() => markAll.mutate()}>
            Mark all read
          </Button>
        </Group>
        {notifications.isError && <ErrorAlert error={notifications.error} onRetry={() => void notifications.refetch()} />}
        {notifications.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            Nothing yet. You are told here when a claim is assigned to you, when one of yours moves or gets a comment, and
            when someone mentions you.
          </Text>
        )}
        <ScrollArea.Autosize mah={420}>
          <Stack gap={0} component="ul" className="notifications-list">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onRead={() => markRead.mutate(n.id)} onOpen={close} />
            ))}
          </Stack>
          {notifications.hasNextPage && (
            <Group justify="center" p="xs">
              <Button variant="subtle" size="compact-sm" loading={notifications.isFetchingNextPage} onClick={() => void notifications.fetchNextPage()}>
                Older
              </Button>
            </Group>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
