import { mkdir, readdir, readlink, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordedRuns } from '../../src/modules/live/replay.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { publishRtmp, type RtmpPublisher } from '../support/rtmp-publisher.ts';

const WAIT = { timeout: 60_000, interval: 200 };

describe('live replays and cleanup', () => {
  let looply: TestLooply;
  const publishers: RtmpPublisher[] = [];

  beforeAll(async () => {
    looply = await startTestLooply({
      RTMP_PORT: '0',
      LIVE_RECONNECT_GRACE_SECONDS: '5',
      MIN_VIDEO_SECONDS: '1',
      LIVE_RETENTION_MINUTES: '0',
    });
  });
  afterAll(async () => {
    await Promise.all(publishers.map((publisher) => publisher.kill()));
    await looply?.stop();
  });

  function publish(rtmpUrl: string, key: string): RtmpPublisher {
    const publisher = publishRtmp(`${rtmpUrl}/${key}`);
    publishers.push(publisher);
    return publisher;
  }

  async function start(token: string, json: Record<string, unknown>) {
    const response = await looply.api('/v1/live/start', { method: 'POST', json, token });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { stream_id: string; rtmp_url: string; stream_key: string };
  }

  const streamOf = async (id: string, token: string) => (await looply.api(`/v1/live/${id}`, { token })).body;
  const replayDir = (id: string) => join(looply.dataDir, 'tmp', 'live', 'replays', id);

  /** Waits until the stream has recorded `runs` runs, the last one more than `bytes` long. */
  async function recorded(id: string, runs: number, bytes: number): Promise<void> {
    await vi.waitFor(async () => {
      const names = await recordedRuns(replayDir(id));
      expect(names).toHaveLength(runs);
      const last = names.at(-1) ?? '';
      expect((await stat(join(replayDir(id), last))).size).toBeGreaterThan(bytes);
    }, WAIT);
  }

  it('records through an ffmpeg restart and a reconnect, and hands one replay to the host as a video', async () => {
    const host = await signUp(looply, 'replay_host');
    const other = await signUp(looply, 'replay_other');
    const started = await start(host.access_token, { title: 'Keep this one', replay: true });
    const first = publish(started.rtmp_url, started.stream_key);
    const transcode = await vi.waitFor(() => {
      const found = looply.services.liveIngest.transcodeOf(started.stream_id);
      if (!found) throw new Error('no transcode yet');
      return found;
    }, WAIT);
    // About two seconds of a ~40 kB/s publisher in the first run, then its ffmpeg dies and is restarted.
    await recorded(started.stream_id, 1, 60_000);
    const pid = await vi.waitFor(async () => {
      const found = await processWorkingIn(join(looply.dataDir, 'tmp', 'live', started.stream_id));
      if (found === null) throw new Error('no ffmpeg in the stream directory yet');
      return found;
    }, WAIT);
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(transcode.runs).toBe(2), WAIT);
    await recorded(started.stream_id, 2, 60_000);
    // The publisher drops and comes back within the grace period: the same stream goes on, a third run records.
    await first.kill();
    const second = publish(started.rtmp_url, started.stream_key);
    await recorded(started.stream_id, 3, 60_000);
    expect((await streamOf(started.stream_id, host.access_token)).replay_video_id).toBeNull();

    const ended = await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: host.access_token });
    expect(ended.status).toBe(200);
    expect(await second.exited).not.toBe(0);
    const videoId = await vi.waitFor(async () => {
      const id = (await streamOf(started.stream_id, host.access_token)).replay_video_id;
      expect(id).toEqual(expect.any(String));
      return id as string;
    }, WAIT);
    const video = await vi.waitFor(
      async () => {
        const body = (await looply.api(`/v1/videos/${videoId}`, { token: host.access_token })).body;
        expect(body.status, JSON.stringify(body)).toBe('ready');
        return body;
      },
      { ...WAIT, timeout: 120_000 },
    );
    expect(video).toMatchObject({ author: { username: 'replay_host' }, caption: 'Keep this one' });
    // Three runs of at least ~1.5 s each, joined.
    expect(video.duration_ms).toBeGreaterThan(4_000);
    expect((await looply.api(`/v1/videos/${videoId}`, { token: other.access_token })).body.status).toBe('ready');
    const hosts = await looply.infra.db.query<{ count: string }>(
      'select count(*) as count from videos where author_id = $1',
      [host.user.id],
    );
    expect(Number(hosts.rows[0]?.count)).toBe(1);
    // The recordings are gone once the pipeline has the file.
    await expect(stat(replayDir(started.stream_id))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 240_000);

  it('keeps a private stream’s replay private, also when it ends by silence, and makes none unasked', async () => {
    const host = await signUp(looply, 'quiet_host');
    const stranger = await signUp(looply, 'quiet_stranger');
    const secret = await start(host.access_token, { title: 'Only me', visibility: 'private', replay: true });
    const plain = await start(host.access_token, { title: 'No replay' });
    const secretPublisher = publish(secret.rtmp_url, secret.stream_key);
    publish(plain.rtmp_url, plain.stream_key);
    await recorded(secret.stream_id, 1, 30_000);
    await vi.waitFor(
      async () => expect((await looply.api(`/v1/live/${plain.stream_id}/hls/v0/index.m3u8`)).body).toMatch(/\.m4s/),
      WAIT,
    );
    expect(await recordedRuns(replayDir(plain.stream_id))).toEqual([]);
    // The private one ends by silence (its publisher goes and the grace period passes), the other by its host.
    await secretPublisher.kill();
    await looply.api(`/v1/live/${plain.stream_id}/end`, { method: 'POST', token: host.access_token });
    const videoId = await vi.waitFor(async () => {
      const id = (await streamOf(secret.stream_id, host.access_token)).replay_video_id;
      expect(id).toEqual(expect.any(String));
      return id as string;
    }, WAIT);
    await vi.waitFor(
      async () => {
        const body = (await looply.api(`/v1/videos/${videoId}`, { token: host.access_token })).body;
        expect(body).toMatchObject({ status: 'ready', visibility: 'private' });
      },
      { ...WAIT, timeout: 120_000 },
    );
    expect((await looply.api(`/v1/videos/${videoId}`, { token: stranger.access_token })).status).toBe(404);
    expect((await streamOf(plain.stream_id, host.access_token)).replay_video_id).toBeNull();
  }, 240_000);

  it('removes an ended stream’s HLS after the retention period, on whichever node sweeps', async () => {
    const host = await signUp(looply, 'tidy_host');
    const live = await start(host.access_token, { title: 'Still on' });
    const done = await start(host.access_token, { title: 'Over' });
    for (const stream of [live, done]) publish(stream.rtmp_url, stream.stream_key);
    const blobsOf = async (id: string) => {
      const keys: string[] = [];
      for await (const key of looply.infra.blobs.list(`live/${id}/`)) keys.push(key);
      return keys;
    };
    for (const stream of [live, done]) {
      await vi.waitFor(async () => expect((await blobsOf(stream.stream_id)).length).toBeGreaterThan(3), WAIT);
    }
    await looply.api(`/v1/live/${done.stream_id}/end`, { method: 'POST', token: host.access_token });
    const hls = `/v1/live/${done.stream_id}/hls/v0/index.m3u8`;
    await vi.waitFor(async () => expect((await looply.api(hls)).body).toContain('ENDLIST'), WAIT);
    // A transcode directory a crash left behind on this node, untouched for an hour; and a replay directory written
    // just now (as during a hand-over), which stays until it has been quiet for a while.
    const leftover = join(looply.dataDir, 'tmp', 'live', done.stream_id);
    // (The ingest removes the real one as it stops.)
    await vi.waitFor(() => expect(stat(leftover)).rejects.toMatchObject({ code: 'ENOENT' }), WAIT);
    await mkdir(leftover, { recursive: true });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(leftover, anHourAgo, anHourAgo);
    await mkdir(replayDir(done.stream_id), { recursive: true });

    // Retention is 0 minutes here: the next sweep takes it (and what the tests above ended).
    const report = await looply.services.liveCleanup.sweep();
    expect(report.streams).toContain(done.stream_id);
    expect(report.streams).not.toContain(live.stream_id);
    expect(report.dirs).toBeGreaterThanOrEqual(1);
    expect(await blobsOf(done.stream_id)).toEqual([]);
    expect((await looply.api(hls)).status).toBe(404);
    await expect(stat(leftover)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await stat(replayDir(done.stream_id))).isDirectory()).toBe(true);
    // A stream on air keeps everything; a second sweep finds nothing left to do.
    expect((await blobsOf(live.stream_id)).length).toBeGreaterThan(3);
    expect(await looply.services.liveCleanup.sweep()).toEqual({ streams: [], dirs: 0 });
    await looply.api(`/v1/live/${live.stream_id}/end`, { method: 'POST', token: host.access_token });
  }, 120_000);
});

/** The process whose working directory is `dir`: the stream's ffmpeg (the ingest runs it there). */
async function processWorkingIn(dir: string): Promise<number | null> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => null);
    if (cwd === dir) return Number(entry);
  }
  return null;
}
