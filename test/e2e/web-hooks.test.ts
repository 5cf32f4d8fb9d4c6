/**
 * The web client's loading and navigation rules, without a browser: one request at a time where only the latest
 * reports and aborts are never errors (behind `useResource`, `usePagedResource` and `useFeedPager`), pages
 * appended without repeats, the feed's end rule, and wheel events grouped into one move per gesture.
 */
import { describe, expect, it } from 'vitest';
import type { FeedPage, Video } from '../../web/src/api/types.ts';
import { WHEEL_GESTURE_GAP_MS, WHEEL_REPEAT_MS, WheelGestures } from '../../web/src/feed/wheelGestures.ts';

// The API client listens for the session changing in another tab (`window`'s storage event) as it loads; in node an
// EventTarget stands in for the window, and the modules that import the client load after it is there.
Object.assign(globalThis, { window: new EventTarget() });
const { ApiError } = await import('../../web/src/api.ts');
const { nextPages } = await import('../../web/src/feed/useFeedPager.ts');
const { appendUnique, LatestRequest } = await import('../../web/src/hooks/latestRequest.ts');

/** A load that finishes when the test says so, and shows the signal it was given. */
function pending<T>() {
  let settle!: { resolve: (v: T) => void; reject: (e: unknown) => void };
  let signal!: AbortSignal;
  const load = (s: AbortSignal) => {
    signal = s;
    return new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
  };
  return { load, settle: () => settle, signal: () => signal };
}

function recorder<T>() {
  const heard: string[] = [];
  return {
    heard,
    outcome: { done: (v: T) => heard.push(`done:${v}`), failed: (e: unknown) => heard.push(`failed:${String(e)}`) },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LatestRequest', () => {
  it('reports the result of the request in flight and is busy until it arrives', async () => {
    const request = new LatestRequest();
    const first = pending<string>();
    const { heard, outcome } = recorder<string>();
    request.run(first.load, outcome);
    expect(request.busy).toBe(true);
    first.settle().resolve('page 1');
    await flush();
    expect(heard).toEqual(['done:page 1']);
    expect(request.busy).toBe(false);
  });

  it('aborts the request before when a new one starts, and drops what the old one answers', async () => {
    const request = new LatestRequest();
    const old = pending<string>();
    const fresh = pending<string>();
    const { heard, outcome } = recorder<string>();
    request.run(old.load, outcome);
    request.run(fresh.load, outcome);
    expect(old.signal().aborted).toBe(true);
    expect(fresh.signal().aborted).toBe(false);
    old.settle().resolve('stale');
    fresh.settle().resolve('current');
    await flush();
    expect(heard).toEqual(['done:current']);
  });

  it('never reports an abort as a failure, but does report other errors', async () => {
    const request = new LatestRequest();
    const aborted = pending<string>();
    const { heard, outcome } = recorder<string>();
    request.run(aborted.load, outcome);
    aborted.settle().reject(new DOMException('The operation was aborted.', 'AbortError'));
    await flush();
    expect(heard).toEqual([]);
    expect(request.busy).toBe(false);

    const failing = pending<string>();
    request.run(failing.load, outcome);
    failing.settle().reject(new ApiError(503, 'UNAVAILABLE', 'Try again soon'));
    await flush();
    expect(heard).toEqual(['failed:ApiError: Try again soon']);
  });

  it('abort() signals the load and silences it', async () => {
    const request = new LatestRequest();
    const load = pending<string>();
    const { heard, outcome } = recorder<string>();
    request.run(load.load, outcome);
    request.abort();
    expect(load.signal().aborted).toBe(true);
    expect(request.busy).toBe(false);
    load.settle().resolve('too late');
    await flush();
    expect(heard).toEqual([]);
  });
});

describe('appendUnique', () => {
  it('appends only items not already listed, in page order, and counts them', () => {
    const byId = (x: { id: string }) => x.id;
    const base = [{ id: 'a' }, { id: 'b' }];
    const { items, fresh } = appendUnique(base, [{ id: 'b' }, { id: 'c' }, { id: 'd' }], byId);
    expect(items.map(byId)).toEqual(['a', 'b', 'c', 'd']);
    expect(fresh).toBe(2);
    expect(appendUnique(base, [{ id: 'a' }], byId)).toEqual({ items: base, fresh: 0 });
  });
});

describe('nextPages (the feed)', () => {
  const video = (id: string) => ({ id }) as Video;
  const page = (ids: string[], cursor: string | null, has_more = true) =>
    ({ videos: ids.map(video), cursor, has_more }) as FeedPage;

  it('the first page replaces the feed; later pages append what is new', () => {
    const shown = { videos: [video('old')], cursor: 'c0', hasMore: true };
    const first = nextPages(shown, page(['a', 'b'], 'c1'), true);
    expect(first).toEqual({ videos: [video('a'), video('b')], cursor: 'c1', hasMore: true });
    const second = nextPages(first, page(['b', 'c'], 'c2'), false);
    expect(second.videos.map((v) => v.id)).toEqual(['a', 'b', 'c']);
    expect(second.hasMore).toBe(true);
  });

  it('ends on a page with nothing new, without a cursor, or without has_more', () => {
    const shown = { videos: [video('a')], cursor: 'c1', hasMore: true };
    expect(nextPages(shown, page(['a'], 'c2'), false).hasMore).toBe(false);
    expect(nextPages(shown, page(['b'], null), false).hasMore).toBe(false);
    expect(nextPages(shown, page(['b'], 'c2', false), false).hasMore).toBe(false);
  });
});

describe('WheelGestures', () => {
  it('moves once per gesture however many events it sends', () => {
    const wheel = new WheelGestures();
    const moves = [0, 16, 32, 48, 64].map((t) => wheel.moves(t));
    expect(moves).toEqual([true, false, false, false, false]);
  });

  it('a pause longer than the gesture gap starts a new gesture, which moves again', () => {
    const wheel = new WheelGestures();
    expect(wheel.moves(0)).toBe(true);
    expect(wheel.moves(WHEEL_GESTURE_GAP_MS + 1)).toBe(true);
    expect(wheel.moves(WHEEL_GESTURE_GAP_MS + 2)).toBe(false);
  });

  it('a gesture that goes on (a long inertia tail) moves one more item per repeat interval', () => {
    const wheel = new WheelGestures();
    const moved: number[] = [];
    for (let t = 0; t <= 2 * WHEEL_REPEAT_MS + 50; t += 50) if (wheel.moves(t)) moved.push(t);
    expect(moved).toEqual([0, WHEEL_REPEAT_MS, 2 * WHEEL_REPEAT_MS]);
  });
});
