import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestDatabase } from '../../../test/support/services.ts';
import type { Database } from '../db/database.ts';
import { createEmbeddedJobQueue } from './embedded-job-queue.ts';
import type { Job, JobQueue, JobWorker, WorkerOptions } from './jobs.ts';
import { createNatsJobQueue } from './nats-job-queue.ts';
import { adapterVariants, dropTestNamespace, eventually, gate, openAllGates, sleep } from './stream-test-support.ts';

interface Harness {
  db: Database;
  queue: JobQueue;
  dispose(): Promise<void>;
}

async function harness(store: TestDatabase, queue: JobQueue, cleanup: () => Promise<void> = async () => {}) {
  return {
    db: store.db,
    queue,
    async dispose() {
      await queue.close();
      await cleanup();
      await store.dispose();
    },
  } satisfies Harness;
}

function variants() {
  return adapterVariants<Harness>({
    embedded: (store, pollIntervalMs) => harness(store, createEmbeddedJobQueue({ db: store.db, pollIntervalMs })),
    nats: async (store, url, namespace) =>
      harness(store, await createNatsJobQueue({ url, db: store.db, namespace }), () =>
        dropTestNamespace(url, namespace),
      ),
  });
}

const worker = (options: Partial<WorkerOptions> = {}): WorkerOptions => ({
  concurrency: 1,
  maxAttempts: 3,
  backoffMs: 50,
  leaseMs: 5_000,
  ...options,
});

describe.each(variants())('job queue contract: $name', ({ open }) => {
  let h: Harness | undefined;
  const workers: JobWorker[] = [];
  afterEach(async () => {
    openAllGates();
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await h?.dispose();
    h = undefined;
  });
  const startWorker = async <P>(
    queue: string,
    handler: (job: Job<P>) => Promise<void>,
    options?: Partial<WorkerOptions>,
  ) => {
    if (!h) throw new Error('open the harness first');
    const started = await h.queue.process(queue, handler, worker(options));
    workers.push(started);
    return started;
  };

  it('runs an enqueued job once with its payload', async () => {
    h = await open();
    await h.queue.ping();
    const seen: Array<Pick<Job, 'id' | 'queue' | 'payload' | 'attempt'>> = [];
    await startWorker<{ videoId: string }>('transcode', async ({ id, queue, payload, attempt }) => {
      seen.push({ id, queue, payload, attempt });
    });
    const id = await h.queue.enqueue('transcode', { videoId: 'v1' });
    await vi.waitFor(
      () => expect(seen).toEqual([{ id, queue: 'transcode', payload: { videoId: 'v1' }, attempt: 1 }]),
      eventually,
    );
  });

  it('never runs more jobs at once than the concurrency', async () => {
    h = await open();
    let active = 0;
    let most = 0;
    let done = 0;
    const release = gate();
    for (let n = 0; n < 10; n++) await h.queue.enqueue('thumbnails', { n });
    await startWorker(
      'thumbnails',
      async () => {
        active += 1;
        most = Math.max(most, active);
        await release.opened;
        await sleep(20);
        active -= 1;
        done += 1;
      },
      { concurrency: 3 },
    );
    await vi.waitFor(() => expect(active).toBe(3), eventually);
    release.open();
    await vi.waitFor(() => expect(done).toBe(10), eventually);
    expect(most).toBe(3);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    h = await open();
    const tries: Array<{ attempt: number; at: number }> = [];
    await startWorker(
      'email',
      async (job) => {
        tries.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error('smtp unavailable');
      },
      { maxAttempts: 5, backoffMs: 200 },
    );
    await h.queue.enqueue('email', { to: 'a@example.com' });
    await vi.waitFor(() => expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]), eventually);
    const [first, second, third] = tries.map((t) => t.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(200 - 25);
    expect(third - second).toBeGreaterThanOrEqual(400 - 25);
  });

  it('dead-letters a job that fails maxAttempts times, with its last error', async () => {
    h = await open();
    let calls = 0;
    await startWorker(
      'webhooks',
      async (job) => {
        calls += 1;
        throw new Error(`endpoint said 500 on attempt ${job.attempt}`);
      },
      { maxAttempts: 3, backoffMs: 20 },
    );
    const id = await h.queue.enqueue('webhooks', { url: 'https://example.com/hook' });
    const queue = h.queue;
    await vi.waitFor(async () => expect(await queue.deadLetters('webhooks')).toHaveLength(1), eventually);
    const [dead] = await queue.deadLetters('webhooks');
    expect(dead).toMatchObject({
      id,
      queue: 'webhooks',
      payload: { url: 'https://example.com/hook' },
      attempts: 3,
      lastError: 'endpoint said 500 on attempt 3',
    });
    expect(Number.isNaN(Date.parse(dead?.failedAt ?? ''))).toBe(false);
    expect(calls).toBe(3);
  });

  it('does not queue a job twice under an id that is queued or running', async () => {
    h = await open();
    const runs: string[] = [];
    const running = gate();
    const release = gate();
    expect(await h.queue.enqueue('digest', { n: 1 }, { id: 'digest-u1' })).toBe('digest-u1');
    expect(await h.queue.enqueue('digest', { n: 2 }, { id: 'digest-u1' })).toBe('digest-u1');
    await startWorker('digest', async (job) => {
      runs.push(job.id);
      if (job.id === 'digest-u1') {
        running.open();
        await release.opened;
      }
    });
    await running.opened;
    expect(await h.queue.enqueue('digest', { n: 3 }, { id: 'digest-u1' })).toBe('digest-u1');
    release.open();
    // One worker takes jobs in order, so once the later job ran, any duplicate would have run before it.
    await h.queue.enqueue('digest', { n: 4 }, { id: 'sentinel' });
    await vi.waitFor(() => expect(runs).toContain('sentinel'), eventually);
    expect(runs).toEqual(['digest-u1', 'sentinel']);
  });

  it('holds a delayed job back until its delay has passed', async () => {
    h = await open();
    const ran: Array<{ at: number; attempt: number }> = [];
    await startWorker('reminders', async (job) => {
      ran.push({ at: Date.now(), attempt: job.attempt });
    });
    const enqueuedAt = Date.now();
    await h.queue.enqueue('reminders', { userId: 'u1' }, { delayMs: 1_000 });
    await vi.waitFor(() => expect(ran).toHaveLength(1), eventually);
    expect(ran[0]?.at).toBeGreaterThanOrEqual(enqueuedAt + 1_000 - 25);
    expect(ran[0]?.attempt).toBe(1);
  });

  it('hands a job to another worker when its worker dies without heartbeating', async () => {
    h = await open();
    const stuck = gate();
    const attempts: Array<{ worker: string; attempt: number }> = [];
    const first = await startWorker(
      'ingest',
      async (job) => {
        attempts.push({ worker: 'first', attempt: job.attempt });
        await stuck.opened;
      },
      { leaseMs: 500 },
    );
    await h.queue.enqueue('ingest', { file: 'a.mp4' });
    await vi.waitFor(() => expect(attempts).toHaveLength(1), eventually);
    const stopping = first.stop(); // takes nothing more; its handler stays stuck like a dead process
    await startWorker('ingest', async (job) => void attempts.push({ worker: 'second', attempt: job.attempt }), {
      leaseMs: 500,
    });
    await vi.waitFor(
      () =>
        expect(attempts).toEqual([
          { worker: 'first', attempt: 1 },
          { worker: 'second', attempt: 2 },
        ]),
      eventually,
    );
    stuck.open();
    await stopping;
  });

  it('keeps a heartbeating long job with its worker past the lease', async () => {
    h = await open();
    const runs: number[] = [];
    let finished = false;
    const longJob = async (job: Job) => {
      runs.push(job.attempt);
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        await sleep(150);
        await job.heartbeat();
      }
      finished = true;
    };
    await startWorker('render', longJob, { leaseMs: 1_500 });
    await startWorker('render', longJob, { leaseMs: 1_500 });
    await h.queue.enqueue('render', { video: 'v1' });
    await vi.waitFor(() => expect(finished).toBe(true), eventually);
    expect(runs).toEqual([1]);
  });

  it('stop() waits for the jobs in flight to finish', async () => {
    h = await open();
    let started = false;
    let finished = false;
    const runs: string[] = [];
    const first = await h.queue.process(
      'cleanup',
      async (job) => {
        runs.push(job.id);
        started = true;
        await sleep(500);
        finished = true;
      },
      worker(),
    );
    const id = await h.queue.enqueue('cleanup', { path: '/tmp/x' });
    await vi.waitFor(() => expect(started).toBe(true), eventually);
    await first.stop();
    expect(finished).toBe(true);
    // The finished job was acknowledged: a new worker gets only the later job.
    await startWorker('cleanup', async (job) => void runs.push(job.id));
    const sentinel = await h.queue.enqueue('cleanup', { path: '/tmp/y' });
    await vi.waitFor(() => expect(runs).toContain(sentinel), eventually);
    expect(runs).toEqual([id, sentinel]);
  });

  it('runs a job enqueued in a committed transaction and never one from a rolled-back transaction', async () => {
    h = await open();
    const { db, queue } = h;
    const seen: string[] = [];
    await startWorker<{ order: string }>('fulfil', async (job) => void seen.push(job.payload.order));
    await expect(
      db.transaction(async (tx) => {
        await queue.enqueue('fulfil', { order: 'rolled-back' }, {}, tx);
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    await db.transaction((tx) => queue.enqueue('fulfil', { order: 'committed' }, {}, tx));
    await vi.waitFor(() => expect(seen).toContain('committed'), eventually);
    expect(seen).toEqual(['committed']);
  });
});
