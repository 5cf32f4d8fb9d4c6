/**
 * The web client's prefetch logic, without a browser: the plan (what to warm for a position, swipe speed and
 * bandwidth), the rendition choice, the estimators, playlist parsing, and the engine against a fake network.
 */
import { describe, expect, it, vi } from 'vitest';
import { MediaCache } from '../../web/src/prefetch/cache.ts';
import { PrefetchEngine } from '../../web/src/prefetch/engine.ts';
import { BandwidthEstimator, SwipeTracker } from '../../web/src/prefetch/estimators.ts';
import { networkTier, pickVariant, planPrefetch } from '../../web/src/prefetch/plan.ts';
import { parseMasterPlaylist, parseMediaPlaylist, type Variant } from '../../web/src/prefetch/playlist.ts';
import { WatchTracker } from '../../web/src/signals/watch.ts';
import { cueAt, parseSpriteVtt } from '../../web/src/sprite.ts';

const segments = (plan: ReturnType<typeof planPrefetch>) => plan.map((t) => [t.index, t.segments]);

describe('planPrefetch', () => {
  it('follows the reference plan while N plays: N+1 two segments, N+2 one, N+3 playlists and poster', () => {
    const plan = planPrefetch({ position: 4, count: 20, bandwidthBps: 3_000_000, bitrateBps: 1_000_000 });
    expect(segments(plan)).toEqual([
      [5, 2],
      [6, 1],
      [7, 0],
    ]);
    expect(plan.map((t) => t.offset)).toEqual([1, 2, 3]);
  });

  it('after a swipe the same plan moves one on: N+2 full, N+3 partial, N+4 started', () => {
    const before = planPrefetch({ position: 0, count: 20, bandwidthBps: null });
    const after = planPrefetch({ position: 1, count: 20, bandwidthBps: null });
    expect(segments(before)).toEqual([
      [1, 2],
      [2, 1],
      [3, 0],
    ]);
    expect(segments(after)).toEqual([
      [2, 2],
      [3, 1],
      [4, 0],
    ]);
  });

  it('goes deeper and further on a fast network and shallower on a slow one', () => {
    const fast = planPrefetch({ position: 0, count: 20, bandwidthBps: 20_000_000, bitrateBps: 1_000_000 });
    expect(segments(fast)).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
      [4, 0],
    ]);
    const slow = planPrefetch({ position: 0, count: 20, bandwidthBps: 1_200_000, bitrateBps: 1_000_000 });
    expect(segments(slow)).toEqual([
      [1, 1],
      [2, 0],
      [3, 0],
    ]);
  });

  it('honours Save-Data whatever the bandwidth', () => {
    const plan = planPrefetch({ position: 0, count: 20, bandwidthBps: 50_000_000, saveData: true });
    expect(segments(plan)).toEqual([
      [1, 1],
      [2, 0],
      [3, 0],
    ]);
  });

  it('for a fast swiper, warms more items but only as deep as they are watched', () => {
    const plan = planPrefetch({
      position: 0,
      count: 20,
      bandwidthBps: 3_000_000,
      bitrateBps: 1_000_000,
      dwellSeconds: 1.2,
    });
    expect(segments(plan)).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 0],
    ]);
  });

  it('for someone watching whole videos on a fast network, stops at N+3', () => {
    const plan = planPrefetch({
      position: 0,
      count: 20,
      bandwidthBps: 20_000_000,
      bitrateBps: 1_000_000,
      dwellSeconds: 30,
    });
    expect(plan.map((t) => t.index)).toEqual([1, 2, 3]);
  });

  it('never points past the end of the feed, and warms the item above when going back up', () => {
    expect(segments(planPrefetch({ position: 8, count: 10, bandwidthBps: null }))).toEqual([[9, 2]]);
    expect(planPrefetch({ position: 0, count: 0, bandwidthBps: null })).toEqual([]);
    const back = planPrefetch({ position: 5, count: 10, bandwidthBps: null, direction: -1 });
    expect(back[0]).toEqual({ index: 4, offset: -1, segments: 2 });
  });

  it('classifies the network by headroom over the rendition bitrate', () => {
    expect(networkTier(null)).toBe('normal');
    expect(networkTier(1_000_000, 1_000_000)).toBe('slow');
    expect(networkTier(2_000_000, 1_000_000)).toBe('normal');
    expect(networkTier(10_000_000, 1_000_000)).toBe('fast');
  });
});

const ladder: Variant[] = [
  { url: 'v0', bandwidth: 510_400, width: 240, height: 426, codecs: 'avc1.42c015,mp4a.40.2' },
  { url: 'v1', bandwidth: 950_400, width: 360, height: 640, codecs: 'avc1.42c01e,mp4a.40.2' },
  { url: 'v2', bandwidth: 2_500_000, width: 720, height: 1280, codecs: 'avc1.64001f,mp4a.40.2' },
  { url: 'v3', bandwidth: 1_400_000, width: 720, height: 1280, codecs: 'av01.0.05M.08,mp4a.40.2' },
];

describe('pickVariant', () => {
  it('takes the best rendition within 70% of the bandwidth', () => {
    expect(pickVariant(ladder, { bandwidthBps: 10_000_000 })).toBe(2);
    expect(pickVariant(ladder, { bandwidthBps: 1_500_000 })).toBe(1);
    expect(pickVariant(ladder, { bandwidthBps: 300_000 })).toBe(0);
  });

  it('is not larger than the player needs, and skips what the browser cannot decode', () => {
    expect(pickVariant(ladder, { bandwidthBps: 50_000_000, playerShortSidePx: 360 })).toBe(1);
    const avcOnly = (codecs: string | null) => !codecs?.startsWith('av01');
    expect(pickVariant(ladder, { bandwidthBps: 2_200_000, canPlay: avcOnly })).toBe(1);
    expect(pickVariant(ladder, { bandwidthBps: 2_200_000 })).toBe(3);
    expect(pickVariant(ladder, { bandwidthBps: 1e7, canPlay: () => false })).toBe(-1);
  });
});

describe('estimators', () => {
  it('estimates bandwidth from big downloads and ignores round-trip-sized ones', () => {
    const bw = new BandwidthEstimator();
    expect(bw.bps).toBeNull();
    bw.sample(500, 40);
    expect(bw.bps).toBeNull();
    bw.sample(250_000, 200);
    expect(bw.bps).toBeCloseTo(10_000_000, -3);
    for (let i = 0; i < 20; i++) bw.sample(250_000, 1000);
    expect(bw.bps).toBeLessThan(3_000_000);
    expect(bw.bps).toBeGreaterThan(1_900_000);
  });

  it('tracks how long the person stays on an item, and the direction', () => {
    const swipes = new SwipeTracker();
    expect(swipes.dwellSeconds).toBeNull();
    let t = 0;
    for (const position of [0, 1, 2, 3]) {
      swipes.moved(position, t);
      t += 1500;
    }
    expect(swipes.dwellSeconds).toBe(1.5);
    expect(swipes.itemsPerSecond).toBeCloseTo(0.667, 2);
    expect(swipes.direction).toBe(1);
    swipes.moved(2, t);
    expect(swipes.direction).toBe(-1);
  });
});

const master = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-STREAM-INF:BANDWIDTH=510400,RESOLUTION=240x426,CODECS="avc1.42c015,mp4a.40.2"
v0/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=950400,RESOLUTION=360x640,CODECS="avc1.42c01e,mp4a.40.2"
v1/index.m3u8
`;
const media = (n: number) =>
  `#EXTM3U\n#EXT-X-TARGETDURATION:2\n${Array.from({ length: n }, (_, i) => `#EXTINF:2.000000,\nseg_${i + 1}.ts`).join('\n')}\n#EXT-X-ENDLIST\n`;

describe('playlists', () => {
  it('reads the variants of a master playlist with absolute URLs', () => {
    const variants = parseMasterPlaylist(master, 'http://x.test/media/a/hls/master.m3u8');
    expect(variants).toEqual([
      {
        url: 'http://x.test/media/a/hls/v0/index.m3u8',
        bandwidth: 510400,
        width: 240,
        height: 426,
        codecs: 'avc1.42c015,mp4a.40.2',
      },
      {
        url: 'http://x.test/media/a/hls/v1/index.m3u8',
        bandwidth: 950400,
        width: 360,
        height: 640,
        codecs: 'avc1.42c01e,mp4a.40.2',
      },
    ]);
  });

  it('reads the segments of a media playlist and its init segment', () => {
    const parsed = parseMediaPlaylist(
      `#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n${media(2)}`,
      'http://x.test/a/v1/index.m3u8',
    );
    expect(parsed.initUrl).toBe('http://x.test/a/v1/init.mp4');
    expect(parsed.segments).toEqual([
      { url: 'http://x.test/a/v1/seg_1.ts', duration: 2 },
      { url: 'http://x.test/a/v1/seg_2.ts', duration: 2 },
    ]);
  });
});

/**
 * A fake origin: playlists and segments of `segmentBytes`, every request recorded, each answered after `ms`.
 * Segments below 16 KB are too small to move the bandwidth estimate, so a test can fix the network tier.
 */
function fakeNetwork(ms = 5, segmentBytes = 10_000) {
  const requests: string[] = [];
  const aborted: string[] = [];
  let inFlight = 0;
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push(url);
    inFlight += 1;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        aborted.push(url);
        reject(new DOMException('aborted', 'AbortError'));
      });
    }).finally(() => {
      inFlight -= 1;
    });
    if (url.endsWith('master.m3u8')) return new Response(master);
    if (url.endsWith('index.m3u8')) return new Response(media(7));
    return new Response(new Uint8Array(segmentBytes));
  }) as typeof fetch;
  return { fetchImpl, requests, aborted, inFlight: () => inFlight };
}

const feed = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `v${i}`,
    hls: `http://x.test/media/${i}/hls/master.m3u8`,
    poster: `http://x.test/media/${i}/poster.jpg`,
  }));

/** Until the engine has nothing in flight and starts nothing more over a few turns of the event loop. */
async function settle(net: ReturnType<typeof fakeNetwork>): Promise<void> {
  let quietTurns = 0;
  let seen = -1;
  while (quietTurns < 5) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const quiet = net.inFlight() === 0 && net.requests.length === seen;
    seen = net.requests.length;
    quietTurns = quiet ? quietTurns + 1 : 0;
  }
}

describe('PrefetchEngine', () => {
  it('warms the next items as planned, and a player then finds everything in the cache', async () => {
    const net = fakeNetwork();
    const posters: string[] = [];
    const engine = new PrefetchEngine({
      fetch: net.fetchImpl,
      initialBandwidthBps: 3_000_000,
      warmPoster: (url) => posters.push(url),
    });
    engine.setQueue(feed(10));
    engine.setPosition(0);
    await settle(net);
    const fetched = (i: number) =>
      net.requests.filter((u) => u.includes(`/media/${i}/`)).map((u) => u.split('/hls/')[1]);
    expect(fetched(1)).toEqual(['master.m3u8', 'v1/index.m3u8', 'v1/seg_1.ts', 'v1/seg_2.ts']);
    expect(fetched(2)).toEqual(['master.m3u8', 'v1/index.m3u8', 'v1/seg_1.ts']);
    expect(fetched(3)).toEqual(['master.m3u8', 'v1/index.m3u8']);
    expect(fetched(4)).toEqual([]);
    expect(posters).toContain('http://x.test/media/3/poster.jpg');

    const before = net.requests.length;
    for (const url of ['master.m3u8', 'v1/index.m3u8', 'v1/seg_1.ts', 'v1/seg_2.ts']) {
      const result = await engine.load(`http://x.test/media/1/hls/${url}`, url.endsWith('.ts') ? 'bytes' : 'text');
      expect(result.served).toBe('hit');
    }
    expect(net.requests.length).toBe(before);
    // The player would start on the rendition the engine warmed.
    const levels = parseMasterPlaylist(master, 'http://x.test/media/1/hls/master.m3u8');
    expect(engine.chooseVariant('http://x.test/media/1/hls/master.m3u8', levels)).toBe(1);
  });

  it('after a swipe, extends the plan one item on and fetches nothing twice', async () => {
    const net = fakeNetwork();
    let clock = 0;
    const engine = new PrefetchEngine({ fetch: net.fetchImpl, initialBandwidthBps: 3_000_000, now: () => clock });
    engine.setQueue(feed(10));
    engine.setPosition(0);
    await settle(net);
    clock += 6000; // watched N for six seconds: no skimming
    engine.setPosition(1);
    await settle(net);
    const segs = net.requests.filter((u) => u.endsWith('.ts'));
    expect(new Set(segs).size).toBe(segs.length);
    expect(segs.filter((u) => u.includes('/media/2/'))).toHaveLength(2);
    expect(segs.filter((u) => u.includes('/media/3/'))).toHaveLength(1);
    expect(net.requests.filter((u) => u.includes('/media/4/'))).toHaveLength(2);
  });

  it('for a fast swiper, spreads one segment over more items ahead', async () => {
    const net = fakeNetwork();
    let clock = 0;
    const engine = new PrefetchEngine({ fetch: net.fetchImpl, initialBandwidthBps: 3_000_000, now: () => clock });
    engine.setQueue(feed(12));
    for (const position of [0, 1, 2, 3]) {
      engine.setPosition(position);
      clock += 900;
    }
    await settle(net);
    expect(engine.stats().plan.map((t) => [t.index, t.segments])).toEqual([
      [4, 1],
      [5, 1],
      [6, 1],
      [7, 0],
    ]);
    expect(net.requests.filter((u) => u.includes('/media/6/hls/v1/seg_'))).toHaveLength(1);
  });

  it('cancels downloads that became useless after a jump', async () => {
    const net = fakeNetwork(60);
    const engine = new PrefetchEngine({ fetch: net.fetchImpl, initialBandwidthBps: 3_000_000 });
    engine.setQueue(feed(30));
    engine.setPosition(0);
    await vi.waitFor(() => expect(net.inFlight()).toBeGreaterThan(0), { interval: 1 });
    engine.setPosition(20);
    await vi.waitFor(() => {
      expect(net.aborted.length).toBeGreaterThan(0);
      expect(engine.cancelled).toBeGreaterThan(0);
      expect(net.requests.some((u) => u.includes('/media/21/hls/v1/seg_1.ts'))).toBe(true);
    });
  });

  it('lets a player join a prefetch in flight instead of downloading twice', async () => {
    const net = fakeNetwork(50);
    const engine = new PrefetchEngine({ fetch: net.fetchImpl, initialBandwidthBps: 3_000_000 });
    engine.setQueue(feed(5));
    engine.setPosition(0);
    const master1 = 'http://x.test/media/1/hls/master.m3u8';
    await vi.waitFor(() => expect(net.requests).toContain(master1), { interval: 1 });
    const result = await engine.load(master1, 'text');
    expect(result.served).toBe('join');
    expect(net.requests.filter((u) => u === master1)).toHaveLength(1);
  });

  it('takes its bandwidth estimate from its own downloads', async () => {
    const net = fakeNetwork(10, 100_000);
    const engine = new PrefetchEngine({ fetch: net.fetchImpl });
    expect(engine.bandwidth.bps).toBeNull();
    engine.setQueue(feed(4));
    engine.setPosition(0);
    await settle(net);
    expect(engine.bandwidth.bps).toBeGreaterThan(1_000_000);
    expect(engine.stats().prefetchedBytes).toBeGreaterThan(100_000);
  });
});

describe('MediaCache', () => {
  it('evicts the least recently used entries beyond its byte budget', () => {
    const cache = new MediaCache(250);
    const entry = (url: string, bytes: number) => ({
      url,
      data: new ArrayBuffer(bytes),
      bytes,
      loadMs: 1,
      firstByteMs: 1,
      origin: 'prefetch' as const,
    });
    cache.put(entry('a', 100));
    cache.put(entry('b', 100));
    cache.get('a');
    cache.put(entry('c', 100));
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.bytes).toBe(200);
  });
});

describe('WatchTracker (view signals)', () => {
  it('counts watched seconds, completion and loops', () => {
    const watch = new WatchTracker(10);
    for (let t = 0; t <= 9.8; t += 0.25) watch.position(t);
    watch.position(0.2); // the loop attribute starting over
    for (let t = 0.2; t <= 3; t += 0.25) watch.position(t);
    const report = watch.take();
    expect(report?.replay_count).toBe(1);
    expect(report?.completion_rate).toBe(1);
    expect(report?.watch_time_ms).toBeGreaterThan(12_000);
    expect(report?.watch_time_ms).toBeLessThan(13_500);
    expect(report?.skip).toBe(false);
    expect(watch.take()).toBeNull();
  });

  it('calls a short partial viewing a skip, and does not count a scrub as watching', () => {
    const watch = new WatchTracker(15);
    watch.position(0);
    watch.position(0.5);
    watch.position(1.2);
    watch.seeked(9);
    watch.position(9);
    watch.position(9.5);
    const report = watch.take();
    expect(report?.watch_time_ms).toBe(1700);
    expect(report?.skip).toBe(true);
    expect(report?.completion_rate).toBeCloseTo(0.633, 2);
  });
});

describe('scrub sprite map', () => {
  it('reads the cues of a sprite WebVTT and finds the tile for a time', () => {
    const vtt =
      'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nsprite.jpg#xywh=0,0,90,160\n\n00:00:02.000 --> 00:00:04.000\nsprite.jpg#xywh=90,0,90,160\n';
    const cues = parseSpriteVtt(vtt, '/media/videos/a/r/sprite.vtt');
    expect(cues).toHaveLength(2);
    expect(cues[1]).toMatchObject({ start: 2, end: 4, x: 90, y: 0, w: 90, h: 160 });
    expect(cues[1]?.url).toMatch(/\/media\/videos\/a\/r\/sprite\.jpg$/);
    expect(cueAt(cues, 3)?.x).toBe(90);
    expect(cueAt(cues, 99)?.x).toBe(90);
  });
});
