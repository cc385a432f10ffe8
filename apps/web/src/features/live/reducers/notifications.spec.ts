/// <reference types="jest" />
import { notification } from '../../../test/claimFixtures';
import { at, uuid } from '../../../test/fixtures';
import { addNotification, markAllNotificationsRead, markNotificationRead, type NotificationPages } from './notifications';

const first = notification({ id: uuid(1) });
const pages = (unread: number, ...items: ReturnType<typeof notification>[]): NotificationPages => ({
  pages: [{ items, unread, nextBefore: null }],
  pageParams: [null],
});

describe('notification reducers', () => {
  it('adds a pushed notification on top once and counts it unread', () => {
    const second = notification({ id: uuid(2) });
    const once = addNotification(pages(1, first), second);
    expect(addNotification(once, second)).toBe(once);
    expect(once.pages[0]!.items.map((n) => n.id)).toEqual([second.id, first.id]);
    expect(once.pages[0]!.unread).toBe(2);
  });

  it('marks one read, counting it down only once', () => {
    const read = markNotificationRead(pages(1, first), first.id, at(5));
    expect(read.pages[0]!.items[0]!.readAt).toBe(at(5));
    expect(read.pages[0]!.unread).toBe(0);
    expect(markNotificationRead(read, first.id, at(6)).pages[0]!.unread).toBe(0);
  });

  it('marks all read', () => {
    const all = markAllNotificationsRead(pages(2, first, notification({ id: uuid(2) })), at(7));
    expect(all.pages[0]!.unread).toBe(0);
    expect(all.pages[0]!.items.every((n) => n.readAt === at(7))).toBe(true);
  });
});
