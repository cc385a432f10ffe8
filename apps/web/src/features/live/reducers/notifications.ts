import type { InfiniteData } from '@tanstack/react-query';
import type { Notification, NotificationsPage } from '@corroborate/contracts';

/** The cached notification pages, newest first; the first page's `unread` is the count shown. */
export type NotificationPages = InfiniteData<NotificationsPage, string | null>;

const onFirstPage = (data: NotificationPages, change: (page: NotificationsPage) => NotificationsPage): NotificationPages => ({
  ...data,
  pages: data.pages.map((page, i) => (i === 0 ? change(page) : page)),
});

/** A notification pushed on the socket: added once, on top, counted as unread. */
export function addNotification(data: NotificationPages, notification: Notification): NotificationPages {
  if (data.pages.some((page) => page.items.some((n) => n.id === notification.id))) return data;
  return onFirstPage(data, (page) => ({
    ...page,
    items: [notification, ...page.items],
    unread: page.unread + (notification.readAt ? 0 : 1),
  }));
}

/** Marks one read; the count drops only if it was unread here. */
export function markNotificationRead(data: NotificationPages, id: string, at: string): NotificationPages {
  const wasUnread = data.pages.some((page) => page.items.some((n) => n.id === id && !n.readAt));
  const pages = data.pages.map((page) => ({ ...page, items: page.items.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: at } : n)) }));
  return wasUnread ? onFirstPage({ ...data, pages }, (page) => ({ ...page, unread: Math.max(0, page.unread - 1) })) : { ...data, pages };
}

export function markAllNotificationsRead(data: NotificationPages, at: string): NotificationPages {
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, unread: 0, items: page.items.map((n) => (n.readAt ? n : { ...n, readAt: at })) })),
  };
}
