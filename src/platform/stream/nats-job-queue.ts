import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, type JsMsg, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Database, SqlExecutor } from '../db/database.ts';
import { startJetStreamAdapter } from './jetstream-adapter.ts';
import type { DeadJob, EnqueueOptions, Job, JobHandler, JobQueue, JobWorker, WorkerOptions } from './jobs.ts';
import { closeJetStream, ensureConsumer, readSubject } from './nats-connection.ts';
import { startFetchLoop } from './nats-fetch-loop.ts';
import { writeOutbox } from './outbox.ts';
import { assertToken, backoffDelayMs, errorMessage, type StreamLog, silentLog } from './stream-common.ts';

export interface NatsJobQueueOptions {
  url: string;
  /** Holds the outbox for `enqueue(..., tx)`. */
  db: Database;
  /** Prefix of every stream and subject (`looply` in production), so deployments and test runs never collide. */
  namespace: string;
  /** How often the outbox relay looks for committed rows. */
  outboxIntervalMs?: number;
  /** How long JetStream remembers a job id to drop a second enqueue of it (its duplicate window). */
  dedupeWindowMs?: number;
  log?: StreamLog;
}

const JOB_ID = 'Looply-Job-Id';
/** Epoch milliseconds before which a delayed job must not run. */
const RUN_AT = 'Looply-Run-At';

/**
 * Jobs on JetStream: work-queue stream `<ns>_jobs`, subject `<ns>.jobs.<queue>`, one durable pull consumer per
 * queue whose ack wait is the lease. A failure is a nak with the backoff as delay; after `maxAttempts` the job is
 * terminated and copied to `<ns>.dlq.jobs.<queue>` in stream `<ns>_jobs_dlq`.
 *
 * A delayed job carries `Looply-Run-At`; its first delivery is always answered with a nak delayed until then, so
 * `attempt` is the delivery count minus one for delayed jobs.
 */
export async function createNatsJobQueue(options: NatsJobQueueOptions): Promise<JobQueue> {
  const ns = options.namespace;
  const log = options.log ?? silentLog;
  const adapter = await startJetStreamAdapter({
    ...options,
    kind: 'jobs',
    settings: {
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: nanos(options.dedupeWindowMs ?? 120_000),
    },
    log,
  });
  const { nc, js, jsm, stream, dlqStream, publish: publishMessage, relay } = adapter;
  const workers = new Set<JobWorker>();
  let closing: Promise<void> | undefined;

  const deadLetter = async (message: JsMsg, job: DeadJob) => {
    await js.publish(`${ns}.dlq.jobs.${job.queue}`, JSON.stringify(job), { msgID: `${job.id}:${message.seq}` });
    message.term();
  };

  const handle = async <P>(queue: string, message: JsMsg, handler: JobHandler<P>, worker: WorkerOptions) => {
    const runAt = Number(message.headers?.get(RUN_AT) || 0);
    const deliveries = message.info.deliveryCount;
    if (runAt > 0 && (deliveries === 1 || runAt > Date.now())) return message.nak(Math.max(0, runAt - Date.now()));
    const attempt = deliveries - (runAt > 0 ? 1 : 0);
    const id = message.headers?.get(JOB_ID) || `seq-${message.seq}`;
    const failedAt = () => new Date().toISOString();
    let payload: P;
    try {
      payload = message.json<P>();
    } catch (error) {
      return deadLetter(message, {
        id,
        queue,
        payload: message.string(),
        attempts: attempt,
        lastError: `payload is not JSON: ${errorMessage(error)}`,
        failedAt: failedAt(),
      });
    }
    // The previous attempt was the last one and its worker died: nobody else will fail the job.
    if (attempt > worker.maxAttempts) {
      const lastError = 'lease expired: the worker stopped without finishing or heartbeating';
      return deadLetter(message, { id, queue, payload, attempts: attempt - 1, lastError, failedAt: failedAt() });
    }
    const job: Job<P> = {
      id,
      queue,
      payload,
      attempt,
      heartbeat: async () => message.working(),
    };
    try {
      await handler(job);
    } catch (error) {
      if (attempt < worker.maxAttempts) return message.nak(backoffDelayMs(worker.backoffMs, attempt));
      return deadLetter(message, {
        id,
        queue,
        payload,
        attempts: attempt,
        lastError: errorMessage(error),
        failedAt: failedAt(),
      });
    }
    message.ack();
  };

  return {
    kind: 'nats',

    async enqueue<P>(queue: string, payload: P, enqueueOptions: EnqueueOptions = {}, tx?: SqlExecutor) {
      assertToken('queue', queue);
      const id = enqueueOptions.id ?? randomUUID();
      const headers: Record<string, string> = { [JOB_ID]: id };
      const delayMs = enqueueOptions.delayMs ?? 0;
      if (delayMs > 0) headers[RUN_AT] = String(Date.now() + delayMs);
      const message = {
        stream,
        subject: `${ns}.jobs.${queue}`,
        msgId: id,
        headers,
        body: JSON.stringify(payload ?? null),
      };
      if (tx) {
        await writeOutbox(tx, message);
        tx.afterCommit(() => relay.wake());
      } else {
        await publishMessage(message);
      }
      return id;
    },

    async process<P>(queue: string, handler: JobHandler<P>, worker: WorkerOptions) {
      assertToken('queue', queue);
      if (worker.concurrency < 1 || worker.maxAttempts < 1 || worker.leaseMs <= 0 || worker.backoffMs < 0) {
        throw new Error('worker options need concurrency >= 1, maxAttempts >= 1, leaseMs > 0 and backoffMs >= 0');
      }
      await ensureConsumer(jsm, stream, {
        durable_name: queue,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${ns}.jobs.${queue}`,
        ack_wait: nanos(worker.leaseMs),
        // Attempts are counted here, not by the server, so a job is never dropped without a dead letter.
        max_deliver: -1,
        max_ack_pending: 10_000,
      });
      const consumer = await js.consumers.get(stream, queue);
      const loop = startFetchLoop({
        consumer,
        slots: worker.concurrency,
        run: (message) => handle(queue, message, handler, worker),
        onError: (error) => log.error({ err: error, queue }, 'job processing failed'),
      });
      let stopping: Promise<void> | undefined;
      const jobWorker: JobWorker = {
        stop() {
          stopping ??= loop.stop().then(() => {
            workers.delete(jobWorker);
          });
          return stopping;
        },
      };
      workers.add(jobWorker);
      return jobWorker;
    },

    async deadLetters<P>(queue: string, limit = 100): Promise<DeadJob<P>[]> {
      assertToken('queue', queue);
      const found = await readSubject(jsm, dlqStream, `${ns}.dlq.jobs.${queue}`, limit);
      return found.map((data) => JSON.parse(new TextDecoder().decode(data)) as DeadJob<P>);
    },

    async ping() {
      await jsm.getAccountInfo();
    },

    close() {
      closing ??= closeJetStream(nc, workers, relay);
      return closing;
    },
  };
}
