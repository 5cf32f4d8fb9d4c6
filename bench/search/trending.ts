import { TrendingDetector } from '../../src/modules/trending/detector.ts';
import { createRandom, zipfPicker } from './corpus.ts';

/**
 * The trending detector alone: `events` weighted events over `keys` distinct hashtags (Zipf-distributed, spread
 * over a day, with 20 keys that take off in the last 15 minutes), fed one at a time as the consumer does. Reports
 * events per second, the detector's own bytes and the process heap growth, and how many of the 20 risers it ranks
 * in its top 20.
 */
export function benchTrending(keys: number, events: number) {
  const random = createRandom(11);
  const names = Array.from({ length: keys }, (_, i) => `tag${i}`);
  const pick = zipfPicker(keys, 1.1, random);
  const now = Date.now();
  const day = 24 * 3_600_000;
  const risers = names.slice(keys - 20);
  const plan = new Int32Array(events);
  const times = new Float64Array(events);
  for (let i = 0; i < events; i += 1) {
    const riser = i % 50 === 0;
    plan[i] = riser ? keys - 20 + Math.floor(random() * 20) : pick();
    times[i] = riser ? now - random() * 15 * 60_000 : now - random() * day;
  }
  globalThis.gc?.();
  const heapBefore = process.memoryUsage();
  const detector = new TrendingDetector(undefined, now - day);
  const started = performance.now();
  for (let i = 0; i < events; i += 1)
    detector.record('hashtag', names[plan[i] as number] as string, 1, times[i] as number);
  const seconds = (performance.now() - started) / 1000;
  const topStarted = performance.now();
  const top = detector.top('hashtag', 20, now);
  const topMs = performance.now() - topStarted;
  globalThis.gc?.();
  const heapAfter = process.memoryUsage();
  const found = top.filter((entry) => risers.includes(entry.key)).length;
  return {
    // Read from the inputs: they stay alive until here, so the heap difference is the detector's alone.
    distinct_hashtags: names.length,
    events: Math.min(plan.length, times.length),
    events_per_second: Math.round(events / seconds),
    detector_bytes: detector.memoryBytes(),
    heap_growth_bytes: heapAfter.heapUsed + heapAfter.arrayBuffers - (heapBefore.heapUsed + heapBefore.arrayBuffers),
    top20_ms: Math.round(topMs * 10) / 10,
    risers_in_top20: found,
  };
}
