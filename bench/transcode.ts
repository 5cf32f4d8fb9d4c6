/**
 * Media pipeline benchmark: `npm run bench:transcode` (or `node bench/transcode.ts [--preset veryfast]`).
 * On two generated 15 s 1080x1920 30 fps clips, the flat demo clip and a camera-like one: upload acknowledgment and
 * time to ready through the real API, and the one-pass H.264 ladder against one ffmpeg per rendition (same input,
 * same preset). Prints JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HLS_LADDER, HLS_SEGMENT_SECONDS } from '../src/config.ts';
import { generateDemoClip } from '../src/modules/media/demo-clip.ts';
import { transcodeToHls } from '../src/modules/media/hls-ladder.ts';
import { runMediaPass } from '../src/modules/media/media-pass.ts';
import { probeMedia } from '../src/modules/media/probe.ts';
import { signUp, startTestLooply } from '../test/support/looply.ts';
import { machine } from './machine.ts';
import { CAMERA_CLIP_MBIT, generateCameraLikeClip } from './transcode/camera-clip.ts';
import { perRenditionLadder } from './transcode/per-rendition.ts';

const { values } = parseArgs({ options: { preset: { type: 'string', default: 'ultrafast' } } });
const preset = values.preset ?? 'ultrafast';
const CLIP_SECONDS = 15;

const seconds = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started) / 1000;
};

async function throughTheApi(clip: string) {
  const looply = await startTestLooply({ X264_PRESET: preset });
  try {
    const session = await signUp(looply, 'bench');
    const form = new FormData();
    form.append('caption', 'benchmark');
    form.append('video', new Blob([new Uint8Array(await readFile(clip))], { type: 'video/mp4' }), 'bench.mp4');
    const started = performance.now();
    const response = await fetch(`${looply.url}/v1/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.access_token}` },
      body: form,
    });
    const acknowledged = performance.now();
    const accepted = (await response.json()) as { video_id: string };
    if (response.status !== 202) throw new Error(`upload refused: ${JSON.stringify(accepted)}`);
    for (;;) {
      const video = await looply.api(`/v1/videos/${accepted.video_id}`, { token: session.access_token });
      if (video.body.status === 'failed') throw new Error(`processing failed: ${JSON.stringify(video.body.error)}`);
      if (video.body.status === 'ready') {
        return {
          upload_ack_seconds: Math.round(acknowledged - started) / 1000,
          time_to_ready_seconds: Math.round(performance.now() - started) / 1000,
          variants: (await (await fetch(`${looply.url}${video.body.playback_urls.hls}`)).text())
            .split('\n')
            .filter((line) => line.startsWith('#EXT-X-STREAM-INF')).length,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await looply.stop();
  }
}

const host = machine({
  ffmpeg: execFileSync('ffmpeg', ['-hide_banner', '-version'], { encoding: 'utf8' }).split('\n')[0],
});
const work = await mkdtemp(join(tmpdir(), 'looply-bench-transcode-'));

async function demoClip(file: string) {
  await generateDemoClip({
    ffmpegPath: 'ffmpeg',
    outFile: file,
    title: 'Benchmark clip',
    colour: '#3a86ff',
    durationSeconds: CLIP_SECONDS,
    width: 1080,
    height: 1920,
    seed: 42,
    preset: 'veryfast',
  });
}

async function measure(source: string, makeClip: (file: string) => Promise<void>) {
  const dir = join(work, source);
  const clip = join(work, `${source}.mp4`);
  await makeClip(clip);
  const info = await probeMedia('ffprobe', clip);

  const api = await throughTheApi(clip);
  const ladder = { rungs: HLS_LADDER, segmentSeconds: HLS_SEGMENT_SECONDS, preset };
  const onePass = await seconds(() =>
    transcodeToHls({ ffmpegPath: 'ffmpeg', input: clip, info, outDir: join(dir, 'one-pass'), ...ladder }),
  );
  const perRendition = await seconds(() =>
    perRenditionLadder({ input: clip, info, outDir: join(dir, 'per-rendition'), ...ladder }),
  );
  const fullPass = await seconds(() =>
    runMediaPass({
      ffmpegPath: 'ffmpeg',
      input: clip,
      info,
      outDir: join(dir, 'full-pass'),
      ...ladder,
      thumbnails: true,
      extractSound: true,
    }),
  );

  const speedup = Math.round((perRendition / onePass) * 100) / 100;
  return {
    source,
    clip: {
      seconds: CLIP_SECONDS,
      width: info.width,
      height: info.height,
      fps: info.fps,
      megabytes: Math.round(((await stat(clip)).size / 1024 ** 2) * 10) / 10,
    },
    upload_ack_seconds: api.upload_ack_seconds,
    time_to_ready_seconds: api.time_to_ready_seconds,
    one_pass_ladder_seconds: onePass,
    per_rendition_ladder_seconds: perRendition,
    one_pass_speedup: speedup,
    full_pass_seconds: fullPass,
    targets: {
      upload_ack_under_2s: api.upload_ack_seconds < 2,
      time_to_ready_within_clip_length: api.time_to_ready_seconds <= CLIP_SECONDS,
      one_pass_at_least_1_5x_faster: speedup >= 1.5,
    },
  };
}

try {
  const runs = [
    await measure('demo', demoClip),
    await measure(`camera-${CAMERA_CLIP_MBIT}mbit`, (file) => generateCameraLikeClip(file, CLIP_SECONDS)),
  ];
  const result = {
    benchmark: 'transcode',
    date: new Date().toISOString(),
    machine: host,
    x264_preset: preset,
    ladder: HLS_LADDER.map((rung) => `${rung}p`),
    runs,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
