import type { SubscribeOptions } from './events.ts';
import { assertEventType, assertToken, DEFAULT_ACK_TIMEOUT_MS, DEFAULT_MAX_DELIVERIES } from './stream-common.ts';

/** A subscription's names checked and its settings with the defaults filled in, alike in both adapters. */
export function subscriptionSettings(group: string, types: readonly string[], options: SubscribeOptions) {
  assertToken('group', group);
  if (types.length === 0) throw new Error('subscribe needs at least one event type');
  for (const type of types) assertEventType(type);
  const { startAt, idleExpiryMs } = options;
  return {
    ackTimeoutMs: options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS,
    maxDeliveries: options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES,
    startAt,
    idleExpiryMs,
  };
}
