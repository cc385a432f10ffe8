import { Anchor, Button, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Notification } from '@corroborate/contracts';
import { formatDateTime } from '../../../lib/format';
import { claimPath } from '../../claims/paths';

interface NotificationItemProps {
  notification: Notification;
  onRead: () => void;
  /** The link was followed: the menu closes. */
  onOpen: () => void;
}

/** One notification: what happened, linked to its claim; opening it marks it read. */
export function NotificationItem({ notification: n, onRead, onOpen }: NotificationItemProps) {
  const unread = !n.readAt;
  const to = n.articleId && n.claimId ? claimPath(n.articleId, n.claimId) : n.articleId ? `/articles/${n.articleId}` : null;
  const open = () => {
    if (unread) onRead();
    onOpen();
  };
  return (
    <li className={`notification-item${unread ? ' is-unread' : ''}`} data-notification-id={n.id}>
      {unread && <span className="visually-hidden">Unread: </span>}
      {to ? (
        <Anchor component={Link} to={to} size="sm" c="var(--mantine-color-text)" onClick={open} className="notification-link">
          {n.text}
        </Anchor>
      ) : (
        <Text size="sm">{n.text}</Text>
      )}
      <Group justify="space-between" gap="xs" mt={2}>
        <Text size="xs" c="dimmed">
          <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
        </Text>
        {unread && (
          <Button variant="subtle" size="compact-xs" onClick={onRead}>
            Mark read
          </Button>
        )}
      </Group>
    </li>
  );
}
