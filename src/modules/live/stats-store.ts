import type { SqlExecutor } from '../../platform/db/database.ts';

export interface StreamStats {
  duration_seconds: number;
  peak_viewers: number;
  unique_viewers: number;
  chat_messages: number;
  gifts: number;
  coins: number;
}

export interface LiveGiftRecord {
  transactionId: string;
  streamId: string;
  senderId: string;
  giftId: string;
  quantity: number;
  coins: number;
}

/** Data access for what a stream's stats are made of: viewers, peak, gifts; and the stats recorded at its end. */
export class StatsStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async addViewer(streamId: string, userId: string): Promise<void> {
    await this.#db.query(
      'insert into live_stream_viewers (stream_id, user_id) values ($1, $2) on conflict do nothing',
      [streamId, userId],
    );
  }

  /** Raises the stream's peak to `viewers` when it is higher; never lowers it. */
  async raisePeak(streamId: string, viewers: number): Promise<void> {
    await this.#db.query('update live_streams set peak_viewers = $2 where id = $1 and peak_viewers < $2', [
      streamId,
      viewers,
    ]);
  }

  async peak(streamId: string): Promise<number> {
    const result = await this.#db.query<{ peak_viewers: number }>(
      'select peak_viewers from live_streams where id = $1',
      [streamId],
    );
    return result.rows[0]?.peak_viewers ?? 0;
  }

  /** Once per wallet transaction: a retried gift request records nothing more. */
  async recordGift(gift: LiveGiftRecord): Promise<void> {
    await this.#db.query(
      `insert into live_gifts (transaction_id, stream_id, sender_id, gift_id, quantity, coins)
       values ($1, $2, $3, $4, $5, $6) on conflict (transaction_id) do nothing`,
      [gift.transactionId, gift.streamId, gift.senderId, gift.giftId, gift.quantity, gift.coins],
    );
  }

  /** Adds up the stream's stats and keeps them; a stream's stats are recorded once. */
  async record(streamId: string): Promise<void> {
    await this.#db.query(
      `insert into live_stream_stats
         (stream_id, duration_seconds, peak_viewers, unique_viewers, chat_messages, gifts, coins)
       select s.id,
         coalesce(floor(extract(epoch from (s.ended_at - s.started_at)))::integer, 0),
         s.peak_viewers,
         (select count(*) from live_stream_viewers v where v.stream_id = s.id),
         (select count(*) from live_chat_messages m where m.stream_id = s.id),
         (select coalesce(sum(g.quantity), 0) from live_gifts g where g.stream_id = s.id),
         (select coalesce(sum(g.coins), 0) from live_gifts g where g.stream_id = s.id)
       from live_streams s where s.id = $1
       on conflict (stream_id) do nothing`,
      [streamId],
    );
  }

  async stats(streamIds: readonly string[]): Promise<Map<string, StreamStats>> {
    const result = await this.#db.query<StreamStats & { stream_id: string }>(
      `select stream_id, duration_seconds, peak_viewers, unique_viewers, chat_messages, gifts, coins::float8 as coins
       from live_stream_stats where stream_id = any($1::uuid[])`,
      [streamIds],
    );
    return new Map(result.rows.map(({ stream_id, ...stats }) => [stream_id, stats]));
  }
}
