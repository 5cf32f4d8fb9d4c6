import type { Logger } from '../../platform/logger.ts';
import { assertPayload, type EventDefinition, readEvent } from '../../platform/stream/event-contract.ts';
import type { EventStream, EventSubscription } from '../../platform/stream/events.ts';
import type { JobQueue } from '../../platform/stream/jobs.ts';
import type { PublicUser } from '../accounts/service.ts';
import { LiveEvents } from '../live/events.ts';
import { type MessageSentData, MessagingEvents } from '../messaging/events.ts';
import { COMMENT_WITHDRAWING_EVENTS, deletedCommentIds } from './comment-withdrawal.ts';
import { intentsFor, NOTIFYING_EVENTS, type NotificationIntent } from './intents.ts';
import { LIKE_WITHDRAWING_EVENTS, likeWithdrawalFor } from './like-withdrawal.ts';
import {
  createLiveFanoutHandler,
  LIVE_FANOUT_QUEUE,
  type LiveFanoutPayload,
  type LiveFollowers,
  queueLiveFanout,
} from './live-fanout.ts';
import type { LiveUpdates } from './live-updates.ts';
import type { PushService } from './push-service.ts';
import type { NotificationService } from './service.ts';
import { type WithdrawnNotification, withdrawalFrame } from './withdrawal-frame.ts';

/** The durable consumer group: each event reaches one member, on whichever node runs the consumer. */
export const NOTIFICATIONS_GROUP = 'notifications';

export interface NotificationConsumerDeps {
  events: EventStream;
  notifications: NotificationService;
  live: LiveUpdates;
  push: PushService;
  users: { getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>> };
  /** The followers a LiveStarted is told to, page by page: one job each (LIVE_FANOUT_QUEUE). */
  followers: LiveFollowers;
  jobs: JobQueue;
  /** JOB_LEASE_MS: a fan-out job's worker heartbeats within it. */
  jobLeaseMs: number;
  /** Likes of one video within a window of this length aggregate into one notification. */
  likeWindowMs: number;
  log: Logger;
}

/**
 * Turns activity events into notifications, then delivers each new or updated one: to the recipient's live
 * channel (every api node's WebSocket hub) and to their browsers by Web Push. LiveStarted tells the host's followers
 * who may see the stream, a job per page of them (this also runs those jobs). MessageSent only pushes. Unliked and
 * CommentDeleted withdraw what they undo, told only to open apps (a push cannot be taken back).
 * Idempotent: a redelivered event changes no row, and only news is delivered.
 */
export async function startNotificationConsumer(deps: NotificationConsumerDeps): Promise<EventSubscription> {
  const consumed: readonly EventDefinition[] = [
    ...NOTIFYING_EVENTS,
    ...LIKE_WITHDRAWING_EVENTS,
    ...COMMENT_WITHDRAWING_EVENTS,
    MessagingEvents.messageSent,
    LiveEvents.started,
  ];
  const types = consumed.map((definition) => definition.type);
  const fanout = await deps.jobs.process<LiveFanoutPayload>(
    LIVE_FANOUT_QUEUE,
    createLiveFanoutHandler(deps, (intent) => notify(deps, intent)),
    { concurrency: 2, maxAttempts: 5, backoffMs: 1_000, leaseMs: deps.jobLeaseMs },
  );
  const subscription = await deps.events.subscribe(NOTIFICATIONS_GROUP, types, async (event) => {
    // A malformed event fails every delivery and ends among the group's dead letters, where operators see it.
    const definition = consumed.find((known) => known.type === event.type);
    if (definition) assertPayload(definition, event.data);
    const message = readEvent(MessagingEvents.messageSent, event);
    if (message) return pushMessage(deps, message);
    const live = readEvent(LiveEvents.started, event);
    if (live) return queueLiveFanout(deps.jobs, live);
    const liker = likeWithdrawalFor(event);
    if (liker) return tellWithdrawn(deps, await deps.notifications.withdrawLike(liker));
    const deletedComments = deletedCommentIds(event);
    if (deletedComments) return tellWithdrawn(deps, await deps.notifications.withdrawComments(deletedComments));
    for (const intent of intentsFor(event, deps.likeWindowMs)) await notify(deps, intent);
  });
  return {
    async stop() {
      await subscription.stop();
      await fanout.stop();
    },
  };
}

/** Best effort, as for news: the change is stored, and a retry of the event would find nothing left to change. */
async function tellWithdrawn(deps: NotificationConsumerDeps, changes: WithdrawnNotification[]): Promise<void> {
  // One count per recipient, read after every change: a deleted thread may withdraw several of theirs.
  const unread = new Map<string, Promise<number>>();
  const unreadOf = (recipientId: string) => {
    const count = unread.get(recipientId) ?? deps.notifications.unreadCount(recipientId);
    unread.set(recipientId, count);
    return count;
  };
  await Promise.all(
    changes.map(async (change) => {
      try {
        const frame = withdrawalFrame(change, await unreadOf(change.recipientId));
        await deps.live.toUser(change.recipientId, frame);
      } catch (error) {
        deps.log.warn({ err: error }, 'a live withdrawal was not published');
      }
    }),
  );
}

async function notify(deps: NotificationConsumerDeps, intent: NotificationIntent): Promise<void> {
  const notification = await deps.notifications.record(intent);
  if (!notification) return;
  // Stored: from here on delivery is best effort, since a retry of the event would find nothing left to change.
  const recipientId = intent.recipientId;
  const unread = await deps.notifications.unreadCount(recipientId);
  await Promise.all([
    deps.live
      .toUser(recipientId, { type: 'notification', notification, unread_count: unread })
      .catch((error: unknown) => deps.log.warn({ err: error }, 'a live notification was not published')),
    deps.push
      .sendToUser(
        recipientId,
        {
          type: 'notification',
          title: 'Looply',
          body: notification.message,
          tag: `notification-${notification.id}`,
          notification_id: notification.id,
          ...(notification.stream_id
            ? { stream_id: notification.stream_id, url: `/live/${notification.stream_id}` }
            : {}),
        },
        `n${notification.id}`,
      )
      .catch((error: unknown) => deps.log.warn({ err: error }, 'web push of a notification failed')),
  ]);
}

async function pushMessage(deps: NotificationConsumerDeps, data: MessageSentData): Promise<void> {
  const sender = (await deps.users.getUsers([data.sender_id])).get(data.sender_id);
  const name = sender?.display_name ?? 'Someone';
  const body =
    data.kind === 'group'
      ? `${name} sent a message${data.conversation_title ? ` in ${data.conversation_title}` : ' to your group'}`
      : `${name} sent you a message`;
  await Promise.all(
    data.recipient_ids.map(async (recipientId) => {
      if (!(await deps.notifications.wantsMessagePush(recipientId, data.sender_id))) return;
      await deps.push
        .sendToUser(recipientId, {
          type: 'message',
          title: 'Looply',
          body,
          tag: `conversation-${data.conversation_id}`,
          conversation_id: data.conversation_id,
        })
        .catch((error: unknown) => deps.log.warn({ err: error }, 'web push of a message failed'));
    }),
  );
}
