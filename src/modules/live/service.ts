import { randomUUID } from 'node:crypto';
import { LIVE, TEXT_LIMITS } from '../../config.ts';
import type { Cache, Unsubscribe } from '../../platform/cache/cache.ts';
import type { Database } from '../../platform/db/database.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { PublicUser } from '../accounts/service.ts';
import type { LiveUpdates } from '../notifications/live-updates.ts';
import { type AudiencePolicy, canSeeAccount } from '../videos/audience.ts';
import type { GiftReceipt, WalletService } from '../wallet/service.ts';
import { type LiveEndedData, LiveEvents, type LiveStartedData } from './events.ts';
import type { Presence } from './presence.ts';
import { StatsStore, type StreamStats } from './stats-store.ts';
import { LiveStore, type LiveStreamRow, type LiveVisibility, type OnAirPosition } from './store.ts';
import { hashStreamKey, isStreamKeyShaped, newStreamKey } from './stream-key.ts';

/** Where ingest nodes hear that a stream ended (by its host, on any node), to drop the publisher and transcoder. */
const ENDED_CHANNEL = 'live:ended';

/** Present while an ingest node has the stream's publisher (or waits for it to reconnect). */
const onAirKey = (streamId: string) => `live:ingest:${streamId}`;

/** The pub/sub channel of one stream's room: chat, gifts, viewer counts, its end (see rooms.ts). */
export function streamChannel(streamId: string): string {
  return `live:stream:${streamId}`;
}

export interface StartedStream {
  stream: LiveStreamRow;
  /** The secret the publisher connects with; shown once, stored only hashed. */
  key: string;
}

export interface LiveStreamView {
  stream: LiveStreamRow;
  host: PublicUser | undefined;
  viewers: { now: number; peak: number };
  /** Recorded when the stream ended; null before. */
  stats: StreamStats | null;
}

export interface OnAirPage {
  streams: LiveStreamView[];
  /** Where the next page starts: still among followed hosts, or among the others. */
  next: OnAirCursor | null;
}

export interface OnAirCursor {
  followed: boolean;
  after: OnAirPosition | null;
}

/** Why a publisher is refused at connect. */
export type PublishRefusal = 'unknown-key' | 'expired-key' | 'ended';

export interface GiftOrder {
  giftId: string;
  quantity: number;
  idempotencyKey: string;
}

interface Accounts {
  getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>>;
}

interface Following {
  followeeIds(userId: string): Promise<string[]>;
}

const streamNotFound = () => notFound('STREAM_NOT_FOUND', 'There is no such live stream.');

export interface LiveServiceDeps {
  db: Database;
  events: EventStream;
  cache: Cache;
  accounts: Accounts;
  audience: AudiencePolicy & Following;
  wallet: WalletService;
  live: LiveUpdates;
  presence: Presence;
  keyTtlSeconds: number;
  reconnectGraceSeconds: number;
  log: Logger;
}

/** Live streams: starting one hands out a key, a publisher with that key puts it on air, the host or silence ends it. */
export class LiveService {
  readonly #keyTtlMs: number;
  readonly #graceMs: number;

  readonly #deps: LiveServiceDeps;

  constructor(deps: LiveServiceDeps) {
    this.#deps = deps;
    this.#keyTtlMs = deps.keyTtlSeconds * 1000;
    this.#graceMs = deps.reconnectGraceSeconds * 1000;
  }

  async start(
    hostId: string,
    details: { title: string; visibility: LiveVisibility; replay?: boolean },
  ): Promise<StartedStream> {
    const title = details.title.trim();
    if (title.length === 0 || [...title].length > TEXT_LIMITS.liveTitle) {
      throw badRequest('INVALID_TITLE', `A live title has 1 to ${TEXT_LIMITS.liveTitle} characters.`);
    }
    const key = newStreamKey();
    const stream = await new LiveStore(this.#deps.db).insert({
      id: randomUUID(),
      hostId,
      title,
      visibility: details.visibility,
      keyHash: hashStreamKey(key),
      keyExpiresAt: new Date(Date.now() + this.#keyTtlMs),
      replay: details.replay ?? false,
    });
    return { stream, key };
  }

  /** The stream as `viewerId` may see it; 404 when it does not exist or they may not see it. */
  async get(viewerId: string | null, streamId: string): Promise<LiveStreamView> {
    const stream = await this.watchable(viewerId, streamId);
    const [view] = await this.#views([stream]);
    if (!view) throw streamNotFound();
    return view;
  }

  /** Who is on air now that `viewerId` may watch: hosts they follow first, then everyone else, newest first. */
  async listOnAir(viewerId: string | null, cursor: OnAirCursor | null, limit: number): Promise<OnAirPage> {
    const followed = viewerId ? await this.#deps.audience.followeeIds(viewerId) : [];
    const store = new LiveStore(this.#deps.db);
    let phase: OnAirCursor = cursor ?? { followed: followed.length > 0, after: null };
    const rows: LiveStreamRow[] = [];
    let next: OnAirCursor | null = null;
    while (rows.length < limit) {
      const want = limit - rows.length;
      const hosts = phase.followed ? { among: followed } : { except: followed };
      const page = await store.listOnAir(phase.after, want + 1, hosts);
      rows.push(...page.slice(0, want));
      const last = page.slice(0, want).at(-1);
      if (page.length > want && last) {
        next = { followed: phase.followed, after: { at: last.started_at ?? '', id: last.id } };
        break;
      }
      if (!phase.followed) break;
      phase = { followed: false, after: null };
      if (rows.length === limit) {
        next = phase;
        break;
      }
    }
    return { streams: await this.#views(await this.#visible(viewerId, rows)), next };
  }

  /** Streams as shown: host, viewers now (presence, while live) and peak, stats once ended. */
  async #views(streams: LiveStreamRow[]): Promise<LiveStreamView[]> {
    const [hosts, stats, viewersNow] = await Promise.all([
      this.#deps.accounts.getUsers(streams.map((row) => row.host_id)),
      new StatsStore(this.#deps.db).stats(streams.filter((row) => row.status === 'ended').map((row) => row.id)),
      Promise.all(streams.map((row) => (row.status === 'live' ? this.#deps.presence.now(row.id) : 0))),
    ]);
    return streams.map((stream, index) => {
      const now = viewersNow[index] ?? 0;
      const recorded = stats.get(stream.id) ?? null;
      const peak = Math.max(now, recorded?.peak_viewers ?? stream.peak_viewers);
      return { stream, host: hosts.get(stream.host_id), viewers: { now, peak }, stats: recorded };
    });
  }

  /** Host only: 404 for those who may not see it, 403 for other viewers. Ending twice changes nothing. */
  async end(viewerId: string, streamId: string): Promise<LiveStreamView> {
    const stream = await this.watchable(viewerId, streamId);
    if (stream.host_id !== viewerId) throw forbidden('NOT_STREAM_HOST', 'Only the host can end this stream.');
    await this.#markEnded(stream.id, 'host');
    return this.get(viewerId, streamId);
  }

  /**
   * A publisher connecting with `key`: the stream it opens, put on air, or why it is refused. Wrong keys, keys of
   * ended streams and keys never used before they expired are refused; a stream on air takes its publisher back
   * (a reconnect within the grace period).
   */
  async admitPublisher(key: string): Promise<LiveStreamRow | PublishRefusal> {
    if (!isStreamKeyShaped(key)) return 'unknown-key';
    const stream = await new LiveStore(this.#deps.db).findByKeyHash(hashStreamKey(key));
    if (!stream) return 'unknown-key';
    if (stream.status === 'ended') return 'ended';
    if (stream.status === 'live') return stream;
    if (Date.parse(stream.key_expires_at) <= Date.now()) return 'expired-key';
    return this.#deps.db.transaction(async (tx) => {
      const live = await new LiveStore(tx).markLive(stream.id);
      if (!live) return (await new LiveStore(tx).find(stream.id)) ?? 'unknown-key';
      const data: LiveStartedData = {
        stream_id: live.id,
        host_id: live.host_id,
        title: live.title,
        visibility: live.visibility,
        started_at: new Date(live.started_at ?? Date.now()).toISOString(),
      };
      await this.#deps.events.publish(createEvent(LiveEvents.started, data), tx);
      return live;
    });
  }

  /** The publisher stayed away longer than the grace period. */
  async endForSilence(streamId: string): Promise<void> {
    await this.#markEnded(streamId, 'silence');
  }

  /** The ingest node's word that these streams still have their publisher (or wait for it): LIVE.heartbeatMs. */
  async keepOnAir(streamIds: readonly string[]): Promise<void> {
    await Promise.all(streamIds.map((id) => this.#deps.cache.set(onAirKey(id), '1', LIVE.heartbeatTtlMs)));
  }

  /**
   * Ends the streams on air that no ingest node has vouched for lately: the node with their publisher died, so
   * nothing else would end them. Any api node may run it; ending is once. The ids it ended.
   */
  async endAbandoned(): Promise<string[]> {
    const quietSince = Date.now() - this.#graceMs - LIVE.heartbeatTtlMs;
    const onAir = await new LiveStore(this.#deps.db).listOnAir(null, 500, { except: [] });
    const ended: string[] = [];
    for (const stream of onAir) {
      if (Date.parse(stream.started_at ?? '') > quietSince) continue;
      if ((await this.#deps.cache.get(onAirKey(stream.id))) !== null) continue;
      if (await this.#markEnded(stream.id, 'silence')) ended.push(stream.id);
    }
    return ended;
  }

  /** The video id of the stream's replay, chosen on the first call (before the video exists) and kept. */
  async reserveReplayVideo(streamId: string): Promise<string> {
    const id = await new LiveStore(this.#deps.db).reserveReplayVideo(streamId, randomUUID());
    if (id === null) throw new Error(`no live stream ${streamId}`);
    return id;
  }

  /** Calls `listener` with the id of every stream that ends, on whichever node it ended. */
  onEnded(listener: (streamId: string) => void): Promise<Unsubscribe> {
    return this.#deps.cache.subscribe(ENDED_CHANNEL, listener);
  }

  /** A stream `viewerId` may watch (HLS); 404 otherwise. Ended streams stay readable while their segments last. */
  async watchable(viewerId: string | null, streamId: string): Promise<LiveStreamRow> {
    const stream = await new LiveStore(this.#deps.db).find(streamId);
    if (!stream || !(await this.#maySee(viewerId, stream))) throw streamNotFound();
    return stream;
  }

  /** A gift to the host of a stream on air that the sender may see; charged once per idempotency key. */
  async sendGift(senderId: string, streamId: string, order: GiftOrder): Promise<GiftReceipt> {
    const stream = await this.watchable(senderId, streamId);
    if (stream.status !== 'live') throw conflict('STREAM_NOT_LIVE', 'Gifts can be sent only while the stream is live.');
    const receipt = await this.#deps.wallet.sendGift({
      senderId,
      recipientId: stream.host_id,
      giftId: order.giftId,
      quantity: order.quantity,
      idempotencyKey: order.idempotencyKey,
      context: { stream_id: stream.id },
    });
    // Recorded for the stream's stats after the wallet's transaction; a retry records what a crash here lost.
    await new StatsStore(this.#deps.db).recordGift({
      transactionId: receipt.transaction_id,
      streamId: stream.id,
      senderId,
      giftId: receipt.gift_id,
      quantity: receipt.quantity,
      coins: receipt.coins_spent,
    });
    if (!receipt.replayed) await this.#announceGift(stream, senderId, receipt);
    return receipt;
  }

  async #announceGift(stream: LiveStreamRow, senderId: string, receipt: GiftReceipt): Promise<void> {
    const sender = (await this.#deps.accounts.getUsers([senderId])).get(senderId);
    const frame = {
      type: 'live_gift',
      stream_id: stream.id,
      gift_id: receipt.gift_id,
      quantity: receipt.quantity,
      from: sender ? { id: sender.id, username: sender.username, display_name: sender.display_name } : null,
    };
    // Everyone in the room gets it through the stream's channel; the host gets it on their own channel instead
    // (rooms.ts skips it for them), so a host who watches the gifts without joining the room hears them too.
    await Promise.all([
      this.#deps.live.toUser(stream.host_id, frame),
      this.#deps.cache.publish(streamChannel(stream.id), JSON.stringify(frame)),
    ]).catch((error: unknown) => this.#deps.log.warn({ err: error, streamId: stream.id }, 'gift not announced'));
  }

  async #markEnded(streamId: string, reason: LiveEndedData['reason']): Promise<LiveStreamRow | null> {
    const ended = await this.#deps.db.transaction(async (tx) => {
      const row = await new LiveStore(tx).markEnded(streamId);
      if (!row) return null;
      const data: LiveEndedData = {
        stream_id: row.id,
        host_id: row.host_id,
        reason,
        started_at: row.started_at ? new Date(row.started_at).toISOString() : null,
        ended_at: new Date(row.ended_at ?? Date.now()).toISOString(),
      };
      await this.#deps.events.publish(createEvent(LiveEvents.ended, data), tx);
      await new StatsStore(tx).record(row.id);
      return row;
    });
    if (ended) {
      await this.#deps.cache.publish(ENDED_CHANNEL, ended.id);
      await this.#deps.cache
        .publish(streamChannel(ended.id), JSON.stringify({ type: 'live_ended', stream_id: ended.id }))
        .catch((error: unknown) => this.#deps.log.warn({ err: error, streamId: ended.id }, 'end not announced'));
    }
    return ended;
  }

  async #maySee(viewerId: string | null, stream: LiveStreamRow): Promise<boolean> {
    return (await this.#visible(viewerId, [stream])).length === 1;
  }

  /** The streams `viewerId` may see: the host's own, and others by the author's audience, as for videos. */
  async #visible(viewerId: string | null, streams: LiveStreamRow[]): Promise<LiveStreamRow[]> {
    const others = streams.filter((stream) => stream.host_id !== viewerId);
    const audience = await this.#deps.audience.audience(
      viewerId,
      others.map((stream) => stream.host_id),
    );
    return streams.filter((stream) => {
      if (stream.host_id === viewerId) return true;
      const facts = audience.get(stream.host_id);
      if (!canSeeAccount(facts)) return false;
      return stream.visibility === 'public' || (stream.visibility === 'friends' && facts?.friend === true);
    });
  }
}
