import { randomUUID } from 'node:crypto';
import type { Database, SqlExecutor } from '../db/database.ts';
import type { DeadJob, EnqueueOptions, Job, JobHandler, JobQueue, JobWorker, WorkerOptions } from './jobs.ts';
import { type PollLoop, startPollLoop, type Taken } from './poll-loop.ts';
import {
  assertToken,
  backoffDelayMs,
  errorMessage,
  fallbackPollMs,
  type StreamLog,
  silentLog,
} from './stream-common.ts';

export interface EmbeddedJobQueueOptions {
  db: Database;
  /**
   * How often a worker looks for jobs it was not told about: enqueues in this process wake it once committed, and
   * a delay, backoff or lease ending wakes it then, so this only bounds how late it sees another process's jobs.
   * By default 15 s on PGlite (no other process can write to it) and 100 ms on PostgreSQL.
   */
  pollIntervalMs?: number;
  log?: StreamLog;
}

interface ClaimedRow {
  id: string;
  payload: unknown;
  attempts: number;
}

/** SQL for "parameter `n` milliseconds" as an interval. */
const ms = (n: number) => `$${n}::double precision * interval '1 millisecond'`;

/**
 * The job queue kept in the `jobs` table. Workers lease jobs with `for update skip locked`, so several processes on
 * one PostgreSQL never run a job twice at once; the attempt count doubles as a fencing token, so a worker whose
 * lease expired cannot complete or fail the job another worker now holds.
 */
export function createEmbeddedJobQueue(options: EmbeddedJobQueueOptions): JobQueue {
  const { db } = options;
  const log = options.log ?? silentLog;
  const pollIntervalMs = options.pollIntervalMs ?? fallbackPollMs(db);
  const workers = new Map<string, Set<PollLoop>>();
  let closed = false;

  /** When the queue's next job falls due (≤ 0: one is): a queued, delayed or backed-off one, or a lease ending. */
  const nextDueInMs = async (queue: string): Promise<number | null> => {
    const { rows } = await db.query<{ next_due_in_ms: number | null }>(
      `select (extract(epoch from least(
                 (select min(run_at) from jobs where queue = $1 and status = 'queued'),
                 (select min(lease_until) from jobs where queue = $1 and status = 'running')) - now()) * 1000)::float8
              as next_due_in_ms`,
      [queue],
    );
    return rows[0]?.next_due_in_ms ?? null;
  };

  const claim = async (queue: string, limit: number, worker: WorkerOptions): Promise<Taken<ClaimedRow>> => {
    // A read first: an idle queue costs one cheap query per poll, not two updates.
    const due = await nextDueInMs(queue);
    if (due === null || due > 0) return { items: [], nextDueInMs: due };
    // The last attempt's worker died: nobody is left to fail the job, so it is dead-lettered here.
    await db.query(
      `update jobs set status = 'dead', lease_until = null, updated_at = now(),
         last_error = 'lease expired: the worker stopped without finishing or heartbeating'
       where queue = $1 and status = 'running' and lease_until <= now() and attempts >= $2`,
      [queue, worker.maxAttempts],
    );
    const { rows } = await db.query<ClaimedRow>(
      `update jobs set status = 'running', attempts = attempts + 1, lease_until = now() + ${ms(3)}, updated_at = now()
       where id = any(array(
         select id from jobs
         where queue = $1
           and ((status = 'queued' and run_at <= now())
             or (status = 'running' and lease_until <= now() and attempts < $4))
         order by run_at, seq limit $2 for update skip locked))
       returning id, payload, attempts`,
      [queue, limit, worker.leaseMs, worker.maxAttempts],
    );
    return { items: rows, nextDueInMs: await nextDueInMs(queue) };
  };

  const run = async <P>(queue: string, row: ClaimedRow, handler: JobHandler<P>, worker: WorkerOptions) => {
    const fence = [row.id, row.attempts];
    const job: Job<P> = {
      id: row.id,
      queue,
      payload: row.payload as P,
      attempt: row.attempts,
      async heartbeat() {
        const { rowCount } = await db.query(
          `update jobs set lease_until = now() + ${ms(3)}, updated_at = now()
           where id = $1 and attempts = $2 and status = 'running'`,
          [...fence, worker.leaseMs],
        );
        if (rowCount === 0) log.warn({ queue, jobId: row.id }, 'heartbeat for a job whose lease this worker lost');
      },
    };
    try {
      await handler(job);
    } catch (error) {
      await db.query(
        `update jobs set status = case when attempts >= $3 then 'dead' else 'queued' end,
           run_at = now() + ${ms(4)}, lease_until = null, last_error = $5, updated_at = now()
         where id = $1 and attempts = $2 and status = 'running'`,
        [...fence, worker.maxAttempts, backoffDelayMs(worker.backoffMs, row.attempts), errorMessage(error)],
      );
      return;
    }
    await db.query(`delete from jobs where id = $1 and attempts = $2 and status = 'running'`, fence);
  };

  return {
    kind: 'embedded',

    async enqueue<P>(queue: string, payload: P, enqueueOptions: EnqueueOptions = {}, tx?: SqlExecutor) {
      assertToken('queue', queue);
      const id = enqueueOptions.id ?? randomUUID();
      // An id that is queued or running stays as it is; a dead one is queued afresh.
      await (tx ?? db).query(
        `insert into jobs (id, queue, payload, run_at) values ($1, $2, $3::jsonb, now() + ${ms(4)})
         on conflict (id) do update set queue = excluded.queue, payload = excluded.payload, status = 'queued',
           attempts = 0, run_at = excluded.run_at, lease_until = null, last_error = null, seq = excluded.seq,
           updated_at = now()
         where jobs.status = 'dead'`,
        [id, queue, JSON.stringify(payload ?? null), Math.max(0, enqueueOptions.delayMs ?? 0)],
      );
      (tx ?? db).afterCommit(() => {
        for (const loop of workers.get(queue) ?? []) loop.wake();
      });
      return id;
    },

    async process<P>(queue: string, handler: JobHandler<P>, worker: WorkerOptions) {
      if (closed) throw new Error('job queue is closed');
      assertToken('queue', queue);
      if (worker.concurrency < 1 || worker.maxAttempts < 1 || worker.leaseMs <= 0 || worker.backoffMs < 0) {
        throw new Error('worker options need concurrency >= 1, maxAttempts >= 1, leaseMs > 0 and backoffMs >= 0');
      }
      const loop = startPollLoop<ClaimedRow>({
        slots: worker.concurrency,
        intervalMs: pollIntervalMs,
        take: (free) => claim(queue, free, worker),
        run: (row) => run(queue, row, handler, worker),
        onError: (error) => log.error({ err: error, queue }, 'job processing failed'),
      });
      const loops = workers.get(queue) ?? new Set();
      workers.set(queue, loops.add(loop));
      let stopping: Promise<void> | undefined;
      return {
        stop() {
          stopping ??= loop.stop().finally(() => loops.delete(loop));
          return stopping;
        },
      } satisfies JobWorker;
    },

    async deadLetters<P>(queue: string, limit = 100): Promise<DeadJob<P>[]> {
      const { rows } = await db.query<{
        id: string;
        payload: P;
        attempts: number;
        last_error: string | null;
        updated_at: Date | string;
      }>(
        `select id, payload, attempts, last_error, updated_at from jobs
         where queue = $1 and status = 'dead' order by updated_at, seq limit $2`,
        [queue, limit],
      );
      return rows.map((row) => ({
        id: row.id,
        queue,
        payload: row.payload,
        attempts: row.attempts,
        lastError: row.last_error ?? '',
        failedAt: new Date(row.updated_at).toISOString(),
      }));
    },

    ping: () => db.ping(),

    async close() {
      closed = true;
      const all = [...workers.values()].flatMap((loops) => [...loops]);
      await Promise.all(all.map((loop) => loop.stop()));
      workers.clear();
    },
  };
}
