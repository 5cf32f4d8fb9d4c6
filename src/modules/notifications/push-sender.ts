import webpush from 'web-push';
import type { PushSubscriptionRow } from './push-store.ts';
import type { VapidKeys } from './vapid-keys.ts';

/** `gone`: the push service no longer knows the subscription (404/410), so it should be forgotten. */
export type PushOutcome = { result: 'sent' } | { result: 'gone' } | { result: 'failed'; reason: string };

export interface PushSender {
  send(subscription: PushSubscriptionRow, payload: string, options?: { topic?: string }): Promise<PushOutcome>;
}

export interface WebPushSenderOptions {
  keys: VapidKeys;
  /** `mailto:` or `https:` contact the push services may use (VAPID `sub`). */
  subject: string;
  timeoutMs: number;
  /** How long a push service keeps an undelivered message. */
  ttlSeconds: number;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291). web-push builds the
 * encrypted request; we send it with fetch, which gives us a timeout and works with a plain-HTTP push service.
 */
export function createWebPushSender(options: WebPushSenderOptions): PushSender {
  const vapidDetails = { subject: options.subject, ...options.keys };
  return {
    async send(subscription, payload, sendOptions = {}) {
      try {
        const request = webpush.generateRequestDetails(
          { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
          payload,
          { vapidDetails, TTL: options.ttlSeconds, ...(sendOptions.topic ? { topic: sendOptions.topic } : {}) },
        );
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          // fetch sets the length of the body itself.
          if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
        }
        const response = await fetch(request.endpoint, {
          method: request.method,
          headers,
          body: new Uint8Array(request.body),
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        await response.body?.cancel();
        if (response.status === 404 || response.status === 410) return { result: 'gone' };
        if (response.ok) return { result: 'sent' };
        return { result: 'failed', reason: `push service answered ${response.status}` };
      } catch (error) {
        return { result: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
