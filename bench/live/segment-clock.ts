import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { readClock } from './clock-frames.ts';
import { percentiles } from './glass-to-glass.ts';

const WIDTH = 160;
const HEIGHT = 90;

/** The clock values of every frame of an fMP4 segment (init + media), decoded by ffmpeg at 160x90 RGBA. */
async function clocksIn(init: Buffer, segment: Buffer): Promise<Array<number | null>> {
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      'pipe:0',
      '-vf',
      `scale=${WIDTH}:${HEIGHT}`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdin.on('error', () => {});
  child.stdin.end(Buffer.concat([init, segment]));
  await new Promise((resolve) => child.once('close', resolve));
  const pixels = Buffer.concat(chunks);
  const frameBytes = WIDTH * HEIGHT * 4;
  const clocks: Array<number | null> = [];
  for (let at = 0; at + frameBytes <= pixels.length; at += frameBytes) {
    clocks.push(readClock(new Uint8ClampedArray(pixels.subarray(at, at + frameBytes)), WIDTH, HEIGHT));
  }
  return clocks;
}

/**
 * The server's share of glass to glass, apart from any player: the media playlist is polled every 50 ms, and each
 * new segment (and LL-HLS part), once listed, is fetched and decoded; its last frame's burned clock against the
 * moment the playlist listed it is how long the frame took from the publisher's pipe to something a player can
 * fetch (encode, RTMP, transcode, packaging, upload to the blob store).
 */
export async function measureBurnToListed(options: { playlistUrl: string; epoch: number; seconds: number }) {
  const dir = options.playlistUrl.slice(0, options.playlistUrl.lastIndexOf('/') + 1);
  const seen = new Set<string>();
  const inits = new Map<string, Buffer>();
  const delays: number[] = [];
  const firstFrameDelays: number[] = [];
  const partDelays: number[] = [];
  let undecodable = 0;
  let partsNotAlone = 0;
  let firstPoll = true;
  const endsAt = Date.now() + options.seconds * 1000;
  const pending: Promise<void>[] = [];
  while (Date.now() < endsAt) {
    const text = await fetch(options.playlistUrl, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.text())
      .catch(() => '');
    const listedAt = Date.now();
    const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1];
    const names = text.split('\n').filter((line) => line.endsWith('.m4s'));
    // LL-HLS parts (EXT-X-PART), where the playlist has them: a player at the edge plays these first.
    const parts = [...text.matchAll(/#EXT-X-PART:[^\n]*URI="([^"]+)"/g)].map((match) => match[1] as string);
    for (const [name, isPart] of [...names.map((n) => [n, false] as const), ...parts.map((n) => [n, true] as const)]) {
      if (seen.has(name)) continue;
      seen.add(name);
      // What was listed before polling began has no known listing time.
      if (firstPoll || !init) continue;
      pending.push(
        (async () => {
          // One segment lost to a failed fetch is left out of the figures rather than ending the run.
          if (!inits.has(init)) inits.set(init, Buffer.from(await (await fetch(dir + init)).arrayBuffer()));
          const media = Buffer.from(await (await fetch(dir + name)).arrayBuffer());
          const clocks = await clocksIn(inits.get(init) as Buffer, media);
          const first = clocks.find((clock) => clock !== null);
          const last = clocks.findLast((clock) => clock !== null);
          if (first === undefined || first === null || last === undefined || last === null) {
            // A part that does not start on a keyframe cannot be decoded alone: only each segment's first part can.
            if (isPart) partsNotAlone += 1;
            else undecodable += 1;
          } else if (isPart) partDelays.push(listedAt - (options.epoch + last));
          else {
            delays.push(listedAt - (options.epoch + last));
            firstFrameDelays.push(listedAt - (options.epoch + first));
          }
        })().catch(() => {
          undecodable += 1;
        }),
      );
    }
    firstPoll = false;
    await sleep(50);
  }
  await Promise.all(pending);
  return {
    segments: delays.length,
    undecodable,
    /** The segment's last frame: what the server adds beyond the segment's length. */
    burn_to_listed_ms: percentiles(delays),
    /** The segment's first frame: the segment's length on top. */
    first_frame_burn_to_listed_ms: percentiles(firstFrameDelays),
    /** LL-HLS parts, when the playlist lists them: a part's last frame (each segment's first part). */
    parts: partDelays.length,
    parts_not_decodable_alone: partsNotAlone,
    part_burn_to_listed_ms: percentiles(partDelays),
  };
}
