/**
 * The load generator of bench/interactions.ts, run in a worker thread so the server keeps the main thread: a bounded
 * number of requests with a fixed number in flight, each timed. Posts back the latencies and the wall time.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadPlan {
  url: string;
  tokens: string[];
  videoIds: string[];
  kind: 'likes' | 'comments';
  /** Requests already made in earlier runs: where this run continues the like/unlike sequence. */
  start: number;
  requests: number;
  inFlight: number;
}

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  failures: string[];
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const pairs = plan.tokens.length * plan.videoIds.length;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.inFlight }, async () => {
      while (next < plan.requests) {
        const i = plan.start + next++;
        const token = plan.tokens[i % plan.tokens.length] as string;
        const video = plan.videoIds[Math.floor(i / plan.tokens.length) % plan.videoIds.length] as string;
        // Every (user, video) pair comes round again only after all the others, alternately liked and unliked, so
        // every request is a real change and no two requests for one pair are in flight together.
        const unlike = plan.kind === 'likes' && Math.floor(i / pairs) % 2 === 1;
        const request: RequestInit =
          plan.kind === 'likes'
            ? { method: unlike ? 'DELETE' : 'POST', headers: { authorization: `Bearer ${token}` } }
            : {
                method: 'POST',
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                body: JSON.stringify({ content: `benchmark comment ${i}` }),
              };
        const path = plan.kind === 'likes' ? 'like' : 'comments';
        const sent = performance.now();
        const response = await fetch(`${plan.url}/v1/videos/${video}/${path}`, request);
        await response.arrayBuffer();
        latenciesMs.push(performance.now() - sent);
        if (response.status >= 300 && failures.length < 5) failures.push(`${response.status} on request ${i}`);
      }
    }),
  );
  return { latenciesMs, wallMs: performance.now() - started, failures };
}

if (parentPort) parentPort.postMessage(await run(workerData as LoadPlan));
