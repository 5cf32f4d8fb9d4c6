import type { Database } from '../../platform/db/database.ts';
import { badRequest } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { PushSender } from './push-sender.ts';
import { PushSubscriptionStore } from './push-store.ts';

export interface NewPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** What the service worker receives, JSON-encoded and encrypted. */
export type PushPayload =
  | {
      type: 'notification';
      title: string;
      body: string;
      tag: string;
      notification_id: string;
      /** A `live` notification's stream, and the page the service worker opens on a click (else the inbox). */
      stream_id?: string;
      url?: string;
    }
  | { type: 'message'; title: string; body: string; tag: string; conversation_id: string };

/** Each endpoint gets every push, so an account may keep only so many (its newest). */
const MAX_SUBSCRIPTIONS_PER_ACCOUNT = 10;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function decodedLength(value: string): number {
  return BASE64URL.test(value) ? Buffer.from(value, 'base64url').length : -1;
}

/** Web Push subscriptions of each account, and sending to all of an account's browsers. */
export class PushService {
  readonly #store: PushSubscriptionStore;
  readonly #sender: PushSender;
  readonly #allowHttp: boolean;
  readonly #log: Logger;

  constructor(deps: { db: Database; sender: PushSender; allowHttp: boolean; log: Logger }) {
    this.#store = new PushSubscriptionStore(deps.db);
    this.#sender = deps.sender;
    this.#allowHttp = deps.allowHttp;
    this.#log = deps.log;
  }

  async subscribe(userId: string, subscription: NewPushSubscription): Promise<void> {
    this.#validate(subscription);
    await this.#store.save(userId, {
      endpoint: subscription.endpoint,
      p256dh: subscription.keys.p256dh,
      auth: subscription.keys.auth,
    });
    await this.#store.trim(userId, MAX_SUBSCRIPTIONS_PER_ACCOUNT);
  }

  unsubscribe(userId: string, endpoint: string): Promise<void> {
    return this.#store.delete(userId, endpoint);
  }

  /** Best effort: a failure is logged, a subscription the push service calls gone is deleted. */
  async sendToUser(userId: string, payload: PushPayload, topic?: string): Promise<void> {
    const subscriptions = await this.#store.forUser(userId);
    const body = JSON.stringify(payload);
    await Promise.all(
      subscriptions.map(async (subscription) => {
        const outcome = await this.#sender.send(subscription, body, topic ? { topic } : {});
        if (outcome.result === 'gone') await this.#store.deleteEndpoint(subscription.endpoint);
        if (outcome.result === 'failed') {
          this.#log.warn({ reason: outcome.reason, host: new URL(subscription.endpoint).host }, 'web push failed');
        }
      }),
    );
  }

  /**
   * Our server will POST to the endpoint, so only an https: URL is taken (http: when allowed, for tests and local
   * push services); the keys must be what browsers make, or encryption would fail at every send.
   */
  #validate(subscription: NewPushSubscription): void {
    const invalid = (why: string) => badRequest('INVALID_SUBSCRIPTION', `This push subscription is not valid: ${why}.`);
    let endpoint: URL;
    try {
      endpoint = new URL(subscription.endpoint);
    } catch {
      throw invalid('the endpoint is not a URL');
    }
    const protocols = this.#allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!protocols.includes(endpoint.protocol)) throw invalid('the endpoint must be an https: URL');
    if (endpoint.username || endpoint.password) throw invalid('the endpoint must not carry credentials');
    const p256dh = subscription.keys.p256dh;
    if (decodedLength(p256dh) !== 65 || Buffer.from(p256dh, 'base64url')[0] !== 0x04) {
      throw invalid('keys.p256dh must be an uncompressed P-256 public key in base64url');
    }
    if (decodedLength(subscription.keys.auth) !== 16) throw invalid('keys.auth must be 16 bytes in base64url');
  }
}
