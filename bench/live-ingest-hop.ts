/**
 * What the browser ingest adds to a live stream's latency before the transcoder, measured with the server's own
 * re-publishing arguments. A real-time source (30 fps, x264 zerolatency, as a browser's H.264 encoder) is read
 * three ways, each ending in FLV as the RTMP ingest receives it:
 *   - `rtmp`: the source writes FLV itself (OBS/ffmpeg publishing RTMP: the baseline);
 *   - `browser-250ms`: the source writes Matroska in 250 ms clusters (MediaRecorder with timeslice 250), which the
 *     ingest's ffmpeg (browserRepublishArgs, copying H.264) turns into FLV;
 *   - `browser-per-frame`: the same with a cluster per frame: the re-publishing hop alone.
 * For every video tag that comes out, arrival − (source start + its timestamp); the source's start-up is in every
 * figure alike, so the differences to `rtmp` (within a round: the ways take turns) are what each way adds. The
 * median over the rounds is reported, as two shared cores make single runs noisy. Prints JSON.
 *
 *   node bench/live-ingest-hop.ts [seconds=8] [rounds=3]
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { browserRepublishArgs } from '../src/modules/live/browser-ingest-format.ts';

const seconds = Number(process.argv[2] ?? 8);
const rounds = Number(process.argv[3] ?? 3);

const SOURCE = [
  ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
  ...['-re', '-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=30'],
  ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
  ...['-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30'],
  ...['-pix_fmt', 'yuv420p'],
];

type Way = 'rtmp' | 'browser-250ms' | 'browser-per-frame';

/** Video tag timestamps of an FLV byte stream, with the time each arrived. */
function flvVideoTags(onTag: (timestampMs: number) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let headerRead = false;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!headerRead) {
      if (buffer.length < 13) return;
      buffer = buffer.subarray(13);
      headerRead = true;
    }
    while (buffer.length >= 11) {
      const size = buffer.readUIntBE(1, 3);
      if (buffer.length < 11 + size + 4) return;
      const timestamp = buffer.readUIntBE(4, 3) + (buffer.readUInt8(7) << 24);
      if (buffer.readUInt8(0) === 9) onTag(timestamp);
      buffer = buffer.subarray(11 + size + 4);
    }
  };
}

async function measure(way: Way): Promise<number[]> {
  const startedAt = performance.now();
  const delays: number[] = [];
  const tags = flvVideoTags((timestamp) => delays.push(performance.now() - startedAt - timestamp));
  const muxing =
    way === 'rtmp'
      ? ['-c:a', 'aac', '-f', 'flv', 'pipe:1']
      : [
          ...['-c:a', 'libopus', '-f', 'matroska', '-live', '1'],
          ...['-cluster_time_limit', way === 'browser-250ms' ? '250' : '1', 'pipe:1'],
        ];
  const source = spawn('ffmpeg', [...SOURCE, ...muxing], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = source.stdout;
  if (way !== 'rtmp') {
    const republish = spawn('ffmpeg', browserRepublishArgs({ copyVideo: true }, 'pipe:1'), {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    source.stdout.pipe(republish.stdin);
    output = republish.stdout;
  }
  output.on('data', tags);
  await new Promise((resolve) => output.on('end', resolve));
  // The first second holds the encoders' start-up; the steady state is what a viewer lives with.
  return delays.slice(30);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

const WAYS = ['rtmp', 'browser-per-frame', 'browser-250ms'] as const;
const perRound = new Map<Way, { p50: number[]; p95: number[]; added: number[] }>(
  WAYS.map((way) => [way, { p50: [], p95: [], added: [] }]),
);
for (let round = 0; round < rounds; round++) {
  let baseline = 0;
  for (const way of WAYS) {
    const delays = await measure(way);
    const p50 = quantile(delays, 0.5);
    if (way === 'rtmp') baseline = p50;
    const figures = perRound.get(way);
    figures?.p50.push(p50);
    figures?.p95.push(quantile(delays, 0.95));
    figures?.added.push(p50 - baseline);
  }
}
const results = Object.fromEntries(
  [...perRound].map(([way, figures]) => [
    way,
    {
      p50_ms: Math.round(quantile(figures.p50, 0.5)),
      p95_ms: Math.round(quantile(figures.p95, 0.5)),
      added_p50_ms: Math.round(quantile(figures.added, 0.5)),
    },
  ]),
);
console.log(
  JSON.stringify({ bench: 'live-ingest-hop', seconds, rounds, load_average: loadavg()[0], results }, null, 2),
);
