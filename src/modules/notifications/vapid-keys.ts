import webpush from 'web-push';
import type { Database } from '../../platform/db/database.ts';
import { loadOrCreateStoredSecret } from '../../platform/secrets.ts';

export interface VapidKeys {
  /** base64url, what browsers pass to `pushManager.subscribe` as `applicationServerKey`. */
  publicKey: string;
  privateKey: string;
}

/**
 * The installation's VAPID key pair (P-256), generated once and shared by every node through the store: push
 * services tie a subscription to the public key it was made with, so it must never change under a subscriber.
 */
export async function loadOrCreateVapidKeys(db: Database): Promise<VapidKeys> {
  const stored = await loadOrCreateStoredSecret(db, 'web-push-vapid-keys', () =>
    JSON.stringify(webpush.generateVAPIDKeys()),
  );
  const keys = JSON.parse(stored) as Partial<VapidKeys>;
  if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string') {
    throw new Error('the stored VAPID keys are damaged');
  }
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}
