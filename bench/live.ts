/**
 * Live benchmark: `npm run bench:live` (or `node bench/live.ts [--seconds 30] [--join 8] [--audio off]
 * [--hls-config '{"liveSyncDurationCount":2}'] [--viewers 25,50,100,150,200,300] [--step-seconds 15]
 * [--chat-sockets 50] [--chat-rates 10,25,50] [--database-url postgres://…] [--parts latency,viewers,chat]`).
 * Prints JSON; progress goes to stderr. Part 3 needs a PostgreSQL server (DATABASE_URL or --database-url).
 *
 * Starts a real Looply api process (embedded stores, temp DATA_DIR, RTMP on a free port), publishes to it over RTMP
 * from an ffmpeg fed with frames made here that carry the wall clock as black and white blocks, and measures:
 * 1. glass to glass in Chromium with hls.js (bench/live/glass-to-glass.ts), and publish → first playable segment;
 * 2. how many polling viewers one api process serves, against a plain static file server of the same bytes
 *    (bench/live/viewers.ts);
 * 3. chat fan-out across two api nodes (bench/live/chat-fanout.ts), once the server has the chat route.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, Supervised, until } from './chaos/processes.ts';
import { chatFanoutUnavailable, hasChatRoute, measureChatFanout } from './live/chat-fanout.ts';
import { CleanUps } from './live/clean-ups.ts';
import { publishClock } from './live/clock-publisher.ts';
import { launchBenchChromium, measureGlassToGlass } from './live/glass-to-glass.ts';
import { type LooplyNode, signUp, startLooplyNode, startStream, waitForStatus } from './live/looply-node.ts';
import { mirrorPlaylist } from './live/playlist-mirror.ts';
import { measureBurnToListed } from './live/segment-clock.ts';
import { viewerCapacity } from './live/viewers.ts';
import { machine } from './machine.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    join: { type: 'string', default: '8' },
    audio: { type: 'string', default: 'on' },
    'hls-config': { type: 'string', default: '{}' },
    parts: { type: 'string', default: 'latency,viewers,chat' },
    viewers: { type: 'string', default: '25,50,100,150,200,300,400,600,800,1200,1600' },
    'step-seconds': { type: 'string', default: '15' },
    'late-ms': { type: 'string', default: '1000' },
    'database-url': { type: 'string' },
    'chat-sockets': { type: 'string', default: '50' },
    'chat-senders': { type: 'string', default: '10' },
    'chat-rates': { type: 'string', default: '10,25,50,100,200,400,800' },
    'chat-seconds': { type: 'string', default: '10' },
  },
});
const parts = new Set((values.parts ?? '').split(','));
const log = (line: string) => process.stderr.write(`[live ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const cleanUps = new CleanUps(log);
const cleanUp = () => cleanUps.run();
let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    log(`${signal}: cleaning up`);
    void cleanUp().then(() => process.exit(130));
  });
}

async function main() {
  const host = machine({
    ffmpeg: execFileSync('ffmpeg', ['-hide_banner', '-version'], { encoding: 'utf8' }).split('\n')[0],
    chromium: execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')[0]
      ?.trim(),
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'looply-bench-live-'));
  cleanUps.add(() => rm(dataDir, { recursive: true, force: true }));
  log('starting a Looply api process');
  const node: LooplyNode = await startLooplyNode('looply', { DATA_DIR: dataDir }, { rtmp: true });
  cleanUps.add(() => node.stop());

  const hostSession = await signUp(node.url, 'bench_host');
  const stream = await startStream(node.url, hostSession.access_token, 'Benchmark');
  const media = `${node.url}/v1/live/${stream.stream_id}/hls/v0/index.m3u8`;
  log(`publishing to ${stream.rtmp_url}`);
  const publisher = publishClock(`${stream.rtmp_url}/${stream.stream_key}`, { audio: values.audio !== 'off' });
  cleanUps.add(() => publisher.stop());
  let stopping = false;
  cleanUps.add(async () => {
    stopping = true;
  });
  void publisher.exited.then((code) => {
    if (!stopping) log(`the publisher exited (${code}) while measuring: ${publisher.errors()}`);
  });

  await waitForStatus(node.url, stream.stream_id, 'live');
  const liveAt = Date.now();
  await until(
    'the media playlist lists a segment',
    async () => /\.m4s/.test(await (await fetch(media)).text()),
    60_000,
    50,
  );
  const firstSegmentAt = Date.now();
  const startup = {
    publish_to_live_status_seconds: (liveAt - publisher.startedAt) / 1000,
    publish_to_first_segment_listed_seconds: (firstSegmentAt - publisher.startedAt) / 1000,
  };
  log(`first segment listed ${startup.publish_to_first_segment_listed_seconds} s after publishing started`);

  const result: Record<string, unknown> = {
    benchmark: 'live',
    command: `node bench/live.ts ${process.argv.slice(2).join(' ')}`.trim(),
    date: new Date().toISOString(),
    machine: host,
    source: {
      width: 640,
      height: 360,
      fps: 30,
      audio: values.audio !== 'off',
      publisher: 'ffmpeg libx264 ultrafast zerolatency, 1 s GOP, RTMP',
    },
    startup,
  };

  if (parts.has('latency')) {
    log('glass to glass in Chromium');
    const browser = await launchBenchChromium();
    cleanUps.add(() => browser.close());
    const hlsConfig = JSON.parse(values['hls-config'] ?? '{}') as Record<string, unknown>;
    // Beside the player: how long a frame takes from the publisher's pipe to a listed segment, without any player.
    const server = measureBurnToListed({
      playlistUrl: media,
      epoch: publisher.epoch,
      seconds: Number(values.join) + Number(values.seconds),
    });
    // Awaited below; if the player part fails first, its failure is the one reported.
    server.catch(() => {});
    const latency = await measureGlassToGlass(browser, {
      base: node.url,
      streamId: stream.stream_id,
      epoch: publisher.epoch,
      joinSeconds: Number(values.join),
      sampleSeconds: Number(values.seconds),
      hlsConfig,
    });
    await browser.close();
    result.latency = {
      hls_config: { lowLatencyMode: true, ...hlsConfig },
      join_seconds_left_out: Number(values.join),
      sample_seconds: Number(values.seconds),
      publish_to_first_frame_shown_seconds: (latency.first_frame_at - publisher.startedAt) / 1000,
      ...latency,
      first_frame_at: undefined,
      server_side: await server,
    };
  }

  if (parts.has('viewers')) {
    const playlists = join(dataDir, 'playlists');
    const mirror = mirrorPlaylist(media, join(playlists, 'live', stream.stream_id, 'v0', 'index.m3u8'));
    cleanUps.add(() => mirror.stop());
    const origin = await startStaticOrigin(join(dataDir, 'blobs'), playlists);
    cleanUps.add(() => origin.process.stop(5_000));
    const steps = (values.viewers ?? '')
      .split(',')
      .map(Number)
      .filter((n) => n > 0);
    const seconds = Number(values['step-seconds']);
    const lateMs = Number(values['late-ms']);
    log(`viewers: ${steps.join(', ')}, ${seconds} s each, Looply then the static baseline`);
    const capacity = await viewerCapacity(
      [
        { name: 'looply', base: node.url, pid: node.pid() },
        { name: 'static', base: origin.url, pid: origin.pid() },
      ],
      stream.stream_id,
      { steps, seconds, lateMs, log },
    );
    const looply = capacity.largest_passing.looply ?? 0;
    const baseline = capacity.largest_passing.static ?? 0;
    // CPU per viewer where both passed the same step: what Looply's route costs over reading files.
    const both = capacity.steps.filter(
      (step) =>
        step.server === 'looply' &&
        step.ok &&
        capacity.steps.some((other) => other.server === 'static' && other.ok && other.viewers === step.viewers),
    );
    const top = both.at(-1);
    const staticTop = capacity.steps.find(
      (step) => step.server === 'static' && step.ok && step.viewers === top?.viewers,
    );
    result.viewers = {
      rule: `each viewer reloads the 360p media playlist every 1 s and fetches every new segment; a step passes when every viewer got every segment within ${lateMs} ms of the playlist that listed it, with no error`,
      step_seconds: seconds,
      largest_passing: {
        looply,
        static_baseline: baseline,
        ratio: baseline > 0 ? Math.round((looply / baseline) * 100) / 100 : null,
      },
      server_cpu_at_largest_common_step:
        top && staticTop
          ? {
              viewers: top.viewers,
              looply_percent_of_one_core: top.server_cpu_percent_of_one_core,
              static_percent_of_one_core: staticTop.server_cpu_percent_of_one_core,
              ratio:
                staticTop.server_cpu_percent_of_one_core > 0
                  ? Math.round((top.server_cpu_percent_of_one_core / staticTop.server_cpu_percent_of_one_core) * 100) /
                    100
                  : null,
            }
          : null,
      steps: capacity.steps,
    };
  }

  if (parts.has('chat')) {
    // The room is another helper's work (protocol.md): measured once the node answers its chat route.
    const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
    const skipped = (await hasChatRoute(node.url, stream.stream_id, hostSession.access_token))
      ? chatFanoutUnavailable(databaseUrl)
      : 'the server does not answer GET /v1/live/{id}/chat yet (the stream room has not landed)';
    // Parts 1 and 2 are done: their node and publisher make way for the two nodes of part 3.
    await cleanUp();
    if (skipped || !databaseUrl) {
      log(`chat fan-out skipped: ${skipped}`);
      result.chat = { skipped };
    } else {
      log('chat fan-out across two api nodes');
      // Registered here too: a signal during part 3 stops its nodes and engines before the process exits.
      const chatCleanUps = new CleanUps(log);
      cleanUps.add(() => chatCleanUps.run());
      result.chat = await measureChatFanout({
        cleanUps: chatCleanUps,
        databaseUrl,
        sockets: Number(values['chat-sockets']),
        senders: Number(values['chat-senders']),
        rates: (values['chat-rates'] ?? '')
          .split(',')
          .map(Number)
          .filter((n) => n > 0),
        seconds: Number(values['chat-seconds']),
        deliveryMs: 1000,
        log,
      });
    }
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** The baseline: bench/live/static-origin.ts serving the blob store's segments and the mirrored playlist. */
async function startStaticOrigin(mediaRoot: string, playlistRoot: string) {
  const port = await freePort();
  const child = new Supervised(
    'static-origin',
    process.execPath,
    () => [new URL('./live/static-origin.ts', import.meta.url).pathname, mediaRoot, playlistRoot, String(port)],
    process.env,
  );
  child.start();
  await until('the static origin listens', () => child.output().includes('listening'), 30_000, 50);
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    pid: () => {
      if (child.pid === undefined) throw new Error(`the static origin is not running: ${child.output()}`);
      return child.pid;
    },
  };
}

try {
  await main();
} catch (error) {
  // Reported after the clean-up has finished: a rejected top-level await would end the process in the middle of it.
  process.exitCode = 1;
  log(`failed: ${(error as Error).stack ?? error}`);
} finally {
  await cleanUp();
}
