import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Logger } from '../../platform/logger.ts';
import { AVATAR_CONTENT_TYPE, squareAvatar } from './avatar-image.ts';
import type { AccountService, PublicUser } from './service.ts';

/**
 * Profile pictures: each upload becomes a new blob under a key of its own (`avatars/<user id>/<random>.webp`, so
 * caches may keep it forever), the account is pointed at it, and the picture it replaced is deleted.
 */
export class Avatars {
  readonly #accounts: AccountService;
  readonly #blobs: BlobStore;
  readonly #log: Logger;

  constructor(deps: { accounts: AccountService; blobs: BlobStore; log: Logger }) {
    this.#accounts = deps.accounts;
    this.#blobs = deps.blobs;
    this.#log = deps.log;
  }

  /** `image` is the uploaded file as it came; 415/422 when it is not a picture we take. */
  async replace(userId: string, image: Buffer): Promise<PublicUser> {
    const square = await squareAvatar(image);
    const key = `avatars/${userId}/${randomUUID()}.webp`;
    await this.#blobs.put(key, square, AVATAR_CONTENT_TYPE);
    let changed: Awaited<ReturnType<AccountService['replaceAvatarKey']>>;
    try {
      changed = await this.#accounts.replaceAvatarKey(userId, key);
    } catch (error) {
      await this.#discard(key);
      throw error;
    }
    if (changed.previousKey) await this.#discard(changed.previousKey);
    return changed.user;
  }

  async remove(userId: string): Promise<PublicUser> {
    const changed = await this.#accounts.replaceAvatarKey(userId, null);
    if (changed.previousKey) await this.#discard(changed.previousKey);
    return changed.user;
  }

  /** The account no longer points at `key`; a file left behind only takes space, so it does not fail the change. */
  async #discard(key: string): Promise<void> {
    try {
      await this.#blobs.delete(key);
    } catch (error) {
      this.#log.warn({ err: error, key }, 'an unused avatar file could not be deleted');
    }
  }
}
