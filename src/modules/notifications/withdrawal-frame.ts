import type { LiveUpdate } from './live-updates.ts';
import type { NotificationResponse } from './presenter.ts';

/** A notification a withdrawal changed, as it stands now: `notification` is null once it is no longer shown. */
export interface WithdrawnNotification {
  recipientId: string;
  id: string;
  notification: NotificationResponse | null;
}

/**
 * What the recipient's open apps are told of a withdrawal: an aggregate that still names someone is replaced where
 * it stands (no new alert: it keeps its place and read state); one with nobody left is taken off the list.
 */
export function withdrawalFrame(change: WithdrawnNotification, unreadCount: number): LiveUpdate {
  return change.notification
    ? { type: 'notification_updated', notification: change.notification, unread_count: unreadCount }
    : { type: 'notification_withdrawn', notification_id: change.id, unread_count: unreadCount };
}
