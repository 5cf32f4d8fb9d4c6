import { randomBytes } from 'node:crypto';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent, EventStream, EventSubscription, SubscribeOptions } from '../../platform/stream/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { VideoEvents } from '../videos/events.ts';
import { CATALOGUE_EVENT_TYPES, CATALOGUE_GROUP, CatalogueReadModel } from './catalogue-read-model.ts';
import type { CataloguePosition } from './catalogue-store.ts';
import { Recommender } from './recommender.ts';
import { DEFAULT_RECOMMENDER, type RecommenderOptions } from './recommender-state.ts';
import { isSkip, isStrongSignal, SIGNAL_EVENT_TYPES, USER_SIGNAL_TYPES, userOf } from './signals.ts';
import { decodeRecommender, encodeRecommender } from './snapshot.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { UserSessionStore } from './user-session-store.ts';

export interface RecsysServiceDeps {
  db: Database;
  events: EventStream;
  cache: Cache;
  log: Logger;
  /** 0: only at shutdown. */
  snapshotIntervalMs: number;
  options?: RecommenderOptions;
}

const MAINTAIN_EVERY_MS = 1_000;
/** A stopped node's own consumer group is deleted after this long (a restarted node has a new one). */
const NODE_GROUP_IDLE_EXPIRY_MS = 15 * 60_000;
const CATCH_UP_EVERY_MS = 1_000;
const CATCH_UP_VIDEOS = 50;
const SYNC_PAGE = 500;
/** The shared consumer group writing each user's session to the cache: one member per event across nodes. */
export const SESSION_GROUP = 'recsys-session';

/**
 * The recommender of this api process, wired to the platform: it warms from the newest snapshot and its catalogue
 * read-model (`recsys_catalogue`, which the api nodes keep from the videos module's events), then follows the event
 * stream with a consumer group of its own (every node sees every event), keeps each user's short-term session in the
 * cache for the other nodes, and snapshots itself periodically and at shutdown.
 */
export class RecsysService {
  recommender: Recommender;
  readonly nodeId = randomBytes(4).toString('hex');
  readonly sessions: UserSessionStore;
  /** Whether start() found a snapshot to warm from (otherwise the state is rebuilt from retained events). */
  restoredFromSnapshot = false;
  readonly #deps: RecsysServiceDeps;
  readonly #snapshots: SnapshotStore;
  readonly #catalogue: CatalogueReadModel;
  readonly #subscriptions: EventSubscription[] = [];
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #strongSignalListeners: Array<(userId: string) => void | Promise<void>> = [];
  #lastCatchUp = 0;
  /** The recommender's revision in this node's last snapshot (or as restored: nothing new to save). */
  #snapshotRevision = 0;
  #catchingUp: Promise<void> | null = null;
  #started = false;

  constructor(deps: RecsysServiceDeps) {
    this.#deps = deps;
    this.#snapshots = new SnapshotStore(deps.db);
    this.#catalogue = new CatalogueReadModel(deps.db);
    this.sessions = new UserSessionStore(deps.cache);
    this.recommender = new Recommender({ options: deps.options ?? DEFAULT_RECOMMENDER });
  }

  /** Snapshot + catalogue read-model, then the event stream. Resolves once serving can start (replay goes on after). */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const { log } = this.#deps;
    const started = performance.now();
    await this.#restore();
    const synced = await this.#syncCatalogue();
    const { events } = this.#deps;
    this.#subscriptions.push(
      await events.subscribe(
        `recsys-${this.nodeId}`,
        SIGNAL_EVENT_TYPES,
        async (event) => {
          this.recommender.apply(event);
        },
        this.#nodeGroupOptions(),
      ),
      await events.subscribe(SESSION_GROUP, USER_SIGNAL_TYPES, (event) => this.#shareSignal(event)),
      // In the api role, beside its only reader: the read-model is current whenever a node that reads it runs.
      await events.subscribe(CATALOGUE_GROUP, CATALOGUE_EVENT_TYPES, (event) => this.#catalogue.apply(event)),
    );
    this.#every(MAINTAIN_EVERY_MS, () => this.recommender.maintain(Date.now()));
    if (this.#deps.snapshotIntervalMs > 0) this.#every(this.#deps.snapshotIntervalMs, () => this.snapshot(false));
    log.info(
      {
        nodeId: this.nodeId,
        videos: this.recommender.state.catalogue.eligibleCount,
        users: this.recommender.state.users.size,
        synced,
        ms: Math.round(performance.now() - started),
      },
      'recommender ready',
    );
  }

  /**
   * This node's own group: it starts where the restored snapshot leaves off (earlier events would be ignored), and
   * the server drops it once the node has been gone a while, so groups do not pile up with every restart.
   */
  #nodeGroupOptions(): SubscribeOptions {
    const floor = this.recommender.replayFloor;
    return {
      idleExpiryMs: NODE_GROUP_IDLE_EXPIRY_MS,
      ...(Number.isFinite(floor) ? { startAt: new Date(floor) } : {}),
    };
  }

  /** Called with a user id whenever a strong signal means their cached page must be recomputed. */
  onStrongSignal(listener: (userId: string) => void | Promise<void>): void {
    this.#strongSignalListeners.push(listener);
  }

  /** Brings this node's view of the user up to date from the shared session (seen videos, latest signals). */
  async prepareUser(userId: string): Promise<void> {
    const session = await this.sessions.read(userId);
    if (session.seen) this.recommender.state.users.get(userId).seen.merge(session.seen);
    for (const event of session.recent) this.recommender.apply(event);
  }

  /** The videos just served to the user are seen: here and, through the cache, on every node. */
  async rememberServed(userId: string, videoIds: readonly string[]): Promise<void> {
    this.recommender.markSeen(userId, videoIds);
    await this.sessions.writeSeen(userId, this.recommender.state.users.get(userId).seen);
  }

  /**
   * The newest videos of the shared read-model, at most once a second: a video another node's consumer recorded
   * becomes recommendable here even when its VideoReady event is still on its way to this node's own group.
   */
  catchUp(): Promise<void> {
    if (this.#catchingUp) return this.#catchingUp;
    if (Date.now() - this.#lastCatchUp < CATCH_UP_EVERY_MS) return Promise.resolve();
    this.#lastCatchUp = Date.now();
    this.#catchingUp = this.#catalogue
      .recommendable(null, CATCH_UP_VIDEOS)
      .then((page) => {
        for (const video of page.videos) this.recommender.addVideo(video);
      })
      .catch((error: unknown) => this.#deps.log.warn({ err: error }, 'catalogue catch-up failed'))
      .finally(() => {
        this.#catchingUp = null;
      });
    return this.#catchingUp;
  }

  /** Writes a snapshot; a periodic one is skipped when another node wrote one within the interval. */
  async snapshot(force = true): Promise<void> {
    try {
      if (!force) {
        // Several megabytes to encode and store: not again for a recommender that learned nothing since (idle).
        if (this.recommender.revision === this.#snapshotRevision) return;
        const latest = await this.#snapshots.latestTakenAt();
        if (latest !== null && Date.now() - latest < this.#deps.snapshotIntervalMs * 0.9) return;
      }
      const started = performance.now();
      const revision = this.recommender.revision;
      const data = encodeRecommender(this.recommender);
      await this.#snapshots.save(this.nodeId, this.recommender.watermark, data);
      this.#snapshotRevision = revision;
      this.#deps.log.info({ bytes: data.length, ms: Math.round(performance.now() - started) }, 'recommender snapshot');
    } catch (error) {
      this.#deps.log.error({ err: error }, 'recommender snapshot failed');
    }
  }

  /** Stops following events and writes a final snapshot, unless it learned nothing since the last one. */
  async close(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    for (const timer of this.#timers) clearInterval(timer);
    await Promise.all(this.#subscriptions.map((subscription) => subscription.stop()));
    this.#subscriptions.length = 0;
    if (this.recommender.revision !== this.#snapshotRevision) await this.snapshot(true);
  }

  async #restore(): Promise<void> {
    try {
      const stored = await this.#snapshots.loadLatest();
      if (!stored) return;
      this.recommender = decodeRecommender(stored.data, this.#deps.options ?? DEFAULT_RECOMMENDER);
      this.restoredFromSnapshot = true;
    } catch (error) {
      this.#deps.log.warn({ err: error }, 'recommender snapshot unreadable: warming from events only');
    }
  }

  /** Every recommendable video of the read-model joins the catalogue; eligible ones it no longer lists leave it. */
  async #syncCatalogue(): Promise<number> {
    const listed = new Set<string>();
    let after: CataloguePosition | null = null;
    do {
      const page = await this.#catalogue.recommendable(after, SYNC_PAGE);
      for (const video of page.videos) {
        listed.add(video.id);
        this.recommender.addVideo(video);
      }
      after = page.next;
    } while (after);
    const { catalogue } = this.recommender.state;
    const gone = catalogue.ids.filter((id, label) => catalogue.isEligible(label) && !listed.has(id));
    for (const id of gone) this.recommender.hideVideo(id);
    return listed.size;
  }

  /** The shared session: the user's latest signals for every node, and the invalidation of their cached page. */
  async #shareSignal(event: DomainEvent): Promise<void> {
    const userId = userOf(event);
    if (!userId) return;
    const recent = await this.sessions.appendSignal(userId, event);
    const before = recent.slice(
      0,
      Math.max(
        0,
        recent.findIndex((known) => known.id === event.id),
      ),
    );
    let skips = 0;
    for (let i = before.length - 1; i >= 0; i--) {
      const previous = before[i] as DomainEvent;
      if (previous.type !== VideoEvents.viewLogged.type) continue;
      if (!isSkip(previous)) break;
      skips++;
    }
    if (!isStrongSignal(event, skips)) return;
    const affected = [userId];
    const blocked = readEvent(FollowEvents.blocked, event);
    if (blocked) affected.push(blocked.blocked_id);
    for (const id of affected) {
      for (const listener of this.#strongSignalListeners) await listener(id);
    }
  }

  #every(ms: number, work: () => unknown): void {
    const timer = setInterval(() => {
      try {
        const result = work();
        if (result instanceof Promise) result.catch((error) => this.#deps.log.error({ err: error }, 'recsys task'));
      } catch (error) {
        this.#deps.log.error({ err: error }, 'recsys task failed');
      }
    }, ms);
    timer.unref();
    this.#timers.push(timer);
  }
}
