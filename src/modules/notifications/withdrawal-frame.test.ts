import { describe, expect, it } from 'vitest';
import type { NotificationResponse } from './presenter.ts';
import { withdrawalFrame } from './withdrawal-frame.ts';

describe('withdrawalFrame', () => {
  it('replaces an aggregate that still names someone, and takes one with nobody left off the list', () => {
    const notification = { id: '7', type: 'like', actor_count: 2 } as NotificationResponse;
    expect(withdrawalFrame({ recipientId: 'u', id: '7', notification }, 3)).toEqual({
      type: 'notification_updated',
      notification,
      unread_count: 3,
    });
    expect(withdrawalFrame({ recipientId: 'u', id: '7', notification: null }, 0)).toEqual({
      type: 'notification_withdrawn',
      notification_id: '7',
      unread_count: 0,
    });
  });
});
