import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOTIFICATIONS_GROUP } from '../../src/modules/notifications/consumer.ts';
import { untypedEvent } from '../../src/platform/stream/events.ts';
import { startTestLooply, type TestLooply } from '../support/looply.ts';
import { type Account, signUpAll } from '../support/social.ts';

/**
 * A malformed event that makes its consumer throw on every delivery (here a `Followed` whose follower is not an id:
 * the payload fails the event's schema, which the notifications consumer checks) is retried a few times, then dead-lettered, and never holds back the events
 * published after it.
 */
describe('a poison event', () => {
  let looply: TestLooply;
  let bea: Account;
  let cal: Account;

  beforeAll(async () => {
    looply = await startTestLooply();
    [bea, cal] = await signUpAll(looply, ['bea', 'cal'] as const);
  });
  afterAll(async () => {
    await looply?.stop();
  });

  it('is dead-lettered by the notifications consumer, which goes on with the events after it', async () => {
    const poison = untypedEvent('Followed', { follower_id: 'not-an-id', followee_id: bea.user.id });
    looply.expectMalformed(poison.id);
    await looply.infra.events.publish(poison);
    const follow = await looply.api('/v1/users/bea/follow', { method: 'POST', token: cal.access_token });
    expect(follow.status).toBe(200);

    await vi.waitFor(
      async () => {
        const list = await looply.api('/v1/notifications', { token: bea.access_token });
        expect(list.body.notifications.map((n: { type: string }) => n.type)).toEqual(['follow']);
      },
      { timeout: 15_000, interval: 100 },
    );
    const stream = looply.infra.events;
    await vi.waitFor(
      async () => {
        const letters = await stream.deadLetters(NOTIFICATIONS_GROUP);
        expect(letters.map((letter) => letter.event.id)).toEqual([poison.id]);
        expect(letters[0]?.lastError).toMatch(/uuid/i);
      },
      { timeout: 30_000, interval: 200 },
    );
    // The tests' contract check saw it too.
    expect(looply.contractViolations.map((violation) => violation.eventId)).toContain(poison.id);
  });
});
