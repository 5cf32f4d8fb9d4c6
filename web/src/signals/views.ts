/**
 * View signals for the recommender: each finished viewing is queued and sent in small batches
 * (`POST /v1/videos/{id}/view`, one request per view), at once when the page is hidden. Signed-in views go with
 * the access token (keepalive fetch survives the page closing, like a beacon); a visitor's with sendBeacon.
 */

import type { ViewSource } from '../api/types.ts';
import { reportView } from '../api.ts';
import { getSession } from '../auth.ts';
import type { WatchReport } from './watch.ts';

export interface QueuedView {
  videoId: string;
  report: WatchReport;
  source: ViewSource;
}

/** Flush when this many wait, or this long after the first one queued. */
const BATCH_SIZE = 3;
const BATCH_DELAY_MS = 3000;

const queue: QueuedView[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
/** Views handed to the network since the page loaded (tests and the benchmark read it). */
export const viewCounters = { queued: 0, sent: 0 };

export function recordView(view: QueuedView): void {
  queue.push(view);
  viewCounters.queued += 1;
  if (queue.length >= BATCH_SIZE) flushViews();
  else timer ??= setTimeout(flushViews, BATCH_DELAY_MS);
}

function body(view: QueuedView) {
  return {
    watch_time_ms: view.report.watch_time_ms,
    completion_rate: view.report.completion_rate,
    replay_count: view.report.replay_count,
    source: view.source,
  };
}

/** Send everything queued now. `leaving`: the page is being hidden, so use transports that outlive it. */
export function flushViews(leaving = false): void {
  clearTimeout(timer);
  timer = undefined;
  const batch = queue.splice(0, queue.length);
  const session = getSession();
  for (const view of batch) {
    viewCounters.sent += 1;
    const path = `/v1/videos/${encodeURIComponent(view.videoId)}/view`;
    const json = JSON.stringify(body(view));
    if (leaving && !session && typeof navigator.sendBeacon === 'function') {
      try {
        if (navigator.sendBeacon(path, new Blob([json], { type: 'application/json' }))) continue;
      } catch {
        // Fall through to fetch.
      }
    }
    if (leaving && session) {
      // No time to refresh a token now: send the one we have; keepalive lets the request outlive the page.
      fetch(path, {
        method: 'POST',
        keepalive: true,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}` },
        body: json,
      }).catch(() => {});
      continue;
    }
    reportView(view.videoId, body(view)).catch(() => {});
  }
}

const collectors = new Set<() => void>();

/**
 * `collect` runs when the page is being hidden, before the queue is flushed: the playing item reports its viewing
 * so far. Returns the unsubscribe function.
 */
export function onPageHide(collect: () => void): () => void {
  collectors.add(collect);
  return () => collectors.delete(collect);
}

function leaving(): void {
  for (const collect of collectors) collect();
  flushViews(true);
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leaving();
  });
  window.addEventListener('pagehide', leaving);
}
