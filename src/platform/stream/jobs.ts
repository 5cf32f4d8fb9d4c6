import type { SqlExecutor } from '../db/database.ts';

export interface Job<P = unknown> {
  id: string;
  queue: string;
  payload: P;
  /** 1 on the first try. */
  attempt: number;
  /** Tells the queue the worker is alive, so a long job is not handed to another worker. */
  heartbeat(): Promise<void>;
}

export interface EnqueueOptions {
  /** A job with an id that is already queued or running is not queued twice. */
  id?: string;
  delayMs?: number;
}

export interface WorkerOptions {
  concurrency: number;
  /** Attempts before the job goes to the dead-letter place. */
  maxAttempts: number;
  /** Backoff after a failed attempt: `backoffMs * 2^(attempt-1)`. */
  backoffMs: number;
  /** A job not acknowledged nor heartbeated within this time is handed out again (its worker died). */
  leaseMs: number;
}

export interface JobWorker {
  /** Takes no new job and waits for the jobs in flight to finish: graceful shutdown. */
  stop(): Promise<void>;
}

/** What a worker runs for each job of its queue; a rejection is a failed attempt. */
export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

export interface DeadJob<P = unknown> {
  id: string;
  queue: string;
  payload: P;
  attempts: number;
  lastError: string;
  failedAt: string;
}

/** The job queue port: at-least-once work distribution with retries, backoff and a dead-letter place. */
export interface JobQueue {
  readonly kind: 'embedded' | 'nats';
  /** With `tx`, the job is stored in the same transaction as the state change that asked for it. */
  enqueue<P>(queue: string, payload: P, options?: EnqueueOptions, tx?: SqlExecutor): Promise<string>;
  /** A handler that throws is retried with backoff; after `maxAttempts` the job is dead-lettered. */
  process<P>(queue: string, handler: (job: Job<P>) => Promise<void>, options: WorkerOptions): Promise<JobWorker>;
  deadLetters<P = unknown>(queue: string, limit?: number): Promise<DeadJob<P>[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
