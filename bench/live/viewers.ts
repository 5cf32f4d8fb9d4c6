import { setTimeout as sleep } from 'node:timers/promises';
import { cpuWindow, machineIdleWindow } from '../process-stats.ts';
import { percentiles } from './glass-to-glass.ts';

export interface ViewerTarget {
  name: string;
  /** Base URL of the server; the stream's files are under `/v1/live/<id>/hls/`. */
  base: string;
  /** The server's process, whose CPU and memory are reported. */
  pid: number;
}

interface Tally {
  playlists: number;
  segments: number;
  bytes: number;
  late: number;
  missed: number;
  errors: number;
  /** From the playlist response that listed a segment to the end of the segment's download, ms. */
  delays: number[];
  /** Segments each viewer got. */
  perViewer: number[];
}

/** Media sequence and segment names of a media playlist, and its init segment (EXT-X-MAP). */
function parsePlaylist(text: string) {
  const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
  const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1] ?? null;
  const segments = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return { sequence, init, segments: segments.map((name, i) => ({ name: name.trim(), sequence: sequence + i })) };
}

async function download(url: string, tally: Tally): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const body = await response.arrayBuffer();
    if (response.status !== 200) {
      tally.errors += 1;
      return false;
    }
    tally.bytes += body.byteLength;
    return true;
  } catch {
    tally.errors += 1;
    return false;
  }
}

/**
 * One viewer as a player at the live edge behaves: reloads the media playlist every second and fetches each new
 * segment once, one at a time, starting from the newest listed when it joins. A segment is late when its download
 * ends more than `lateMs` after the playlist that listed it arrived; missed when the playlist moved past it unseen.
 */
async function viewer(playlistUrl: string, endsAt: number, lateMs: number, tally: Tally, index: number) {
  const dir = playlistUrl.slice(0, playlistUrl.lastIndexOf('/') + 1);
  let last = -1;
  let got = 0;
  let init: string | null = null;
  while (Date.now() < endsAt) {
    const pollStarted = Date.now();
    let text: string | null = null;
    try {
      const response = await fetch(playlistUrl, { signal: AbortSignal.timeout(10_000) });
      text = await response.text();
      if (response.status !== 200) text = null;
    } catch {
      text = null;
    }
    tally.playlists += 1;
    if (text === null) tally.errors += 1;
    else {
      const listedAt = Date.now();
      const playlist = parsePlaylist(text);
      if (playlist.init && playlist.init !== init) {
        init = playlist.init;
        await download(dir + init, tally);
      }
      const fresh = playlist.segments.filter((segment) => segment.sequence > last);
      const wanted = last < 0 ? fresh.slice(-1) : fresh;
      if (last >= 0 && fresh.length > 0 && (fresh[0]?.sequence ?? 0) > last + 1)
        tally.missed += (fresh[0]?.sequence ?? 0) - last - 1;
      for (const segment of wanted) {
        if (Date.now() >= endsAt) break;
        if (await download(dir + segment.name, tally)) {
          const delay = Date.now() - listedAt;
          tally.delays.push(delay);
          tally.segments += 1;
          got += 1;
          if (delay > lateMs) tally.late += 1;
        }
        last = segment.sequence;
      }
    }
    await sleep(Math.max(0, pollStarted + 1000 - Date.now()));
  }
  tally.perViewer[index] = got;
}

/** `count` viewers of one rendition for `seconds`, started evenly over the first second. */
export async function runViewers(
  target: ViewerTarget,
  streamId: string,
  options: { count: number; seconds: number; lateMs: number },
) {
  const playlistUrl = `${target.base}/v1/live/${streamId}/hls/v0/index.m3u8`;
  const tally: Tally = {
    playlists: 0,
    segments: 0,
    bytes: 0,
    late: 0,
    missed: 0,
    errors: 0,
    delays: [],
    perViewer: [],
  };
  const server = await cpuWindow(target.pid);
  const machine = await machineIdleWindow();
  const ownCpu = process.cpuUsage();
  const started = Date.now();
  const endsAt = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.count }, async (_, i) => {
      await sleep((1000 * i) / options.count);
      await viewer(playlistUrl, endsAt, options.lateMs, tally, i);
    }),
  );
  const wall = (Date.now() - started) / 1000;
  const own = process.cpuUsage(ownCpu);
  const { cpu_percent_of_one_core, rss_mb } = await server.stop();
  const machineIdle = await machine.stop();
  const perViewer = tally.perViewer.filter((n) => n !== undefined);
  const fewest = perViewer.length > 0 ? Math.min(...perViewer) : 0;
  // A viewer gets a segment a second after joining; one short of that at each end is the join and the cut-off.
  const expectedEach = Math.floor(options.seconds) - 2;
  const ok = tally.late === 0 && tally.missed === 0 && tally.errors === 0 && fewest >= expectedEach;
  return {
    server: target.name,
    viewers: options.count,
    ok,
    segments: tally.segments,
    fewest_segments_one_viewer: fewest,
    late: tally.late,
    missed: tally.missed,
    errors: tally.errors,
    segment_delay_ms: percentiles(tally.delays),
    requests_per_second: Math.round((tally.playlists + tally.segments) / wall),
    megabits_per_second: Math.round((tally.bytes * 8) / wall / 1e5) / 10,
    server_cpu_percent_of_one_core: cpu_percent_of_one_core,
    server_rss_mb: rss_mb,
    load_generator_cpu_percent_of_one_core: Math.round((own.user + own.system) / 1e4 / wall),
    /** Every core together; other work on the machine shows here too. */
    machine_idle_percent: machineIdle,
  };
}

export type ViewerStep = Awaited<ReturnType<typeof runViewers>>;

/**
 * Grows the number of viewers step by step on each target in turn (Looply, then the baseline, at each step), until a
 * target fails a step twice in a row; the largest passing step is what it serves.
 */
export async function viewerCapacity(
  targets: ViewerTarget[],
  streamId: string,
  options: { steps: number[]; seconds: number; lateMs: number; log: (line: string) => void },
) {
  const steps: Array<ViewerStep & { attempt: number }> = [];
  const failed = new Set<string>();
  for (const count of options.steps) {
    for (const target of targets) {
      if (failed.has(target.name)) continue;
      // A failed step is tried once more: on a shared machine a burst of other work can fail one alone.
      for (let attempt = 1; attempt <= 2; attempt++) {
        const step = await runViewers(target, streamId, { count, seconds: options.seconds, lateMs: options.lateMs });
        options.log(
          `${target.name} ${count} viewers (try ${attempt}): ${step.ok ? 'ok' : 'FAILED'}, p95 ${step.segment_delay_ms.p95} ms, server ${step.server_cpu_percent_of_one_core} % CPU, machine idle ${step.machine_idle_percent} %`,
        );
        steps.push({ ...step, attempt });
        // Sockets of this step close before the next one starts.
        await sleep(2_000);
        if (step.ok) break;
        if (attempt === 2) failed.add(target.name);
      }
    }
    if (failed.size === targets.length) break;
  }
  const largest = (name: string) =>
    Math.max(0, ...steps.filter((step) => step.server === name && step.ok).map((step) => step.viewers));
  return { steps, largest_passing: Object.fromEntries(targets.map((target) => [target.name, largest(target.name)])) };
}
