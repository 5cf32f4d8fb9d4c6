import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { connectIngest, publishOverWebSocket, type WebSocketPublisher } from '../support/websocket-publisher.ts';

const WAIT = { timeout: 30_000, interval: 100 };

interface Started {
  stream_id: string;
  stream_key: string;
  whip_or_ws_url: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('going live from the browser over a WebSocket', () => {
  let looply: TestLooply;
  let ingestUrl: string;
  const publishers: WebSocketPublisher[] = [];

  beforeAll(async () => {
    looply = await startTestLooply({ RTMP_PORT: '0', LIVE_RECONNECT_GRACE_SECONDS: '3' });
    ingestUrl = `${looply.url.replace(/^http/, 'ws')}/v1/live/ingest`;
  });
  afterAll(async () => {
    await Promise.all(publishers.map((publisher) => publisher.drop()));
    await looply?.stop();
  });

  async function start(username: string): Promise<Started & { token: string }> {
    const host = await signUp(looply, username);
    const response = await looply.api('/v1/live/start', {
      method: 'POST',
      json: { title: `${username} live` },
      token: host.access_token,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return { ...(response.body as Started), token: host.access_token };
  }

  function publish(key: string, options: Parameters<typeof publishOverWebSocket>[2] = {}): WebSocketPublisher {
    const publisher = publishOverWebSocket(ingestUrl, key, options);
    publishers.push(publisher);
    return publisher;
  }

  const statusOf = async (id: string) => (await looply.api(`/v1/live/${id}`)).body.status;

  /** The master playlist, then a segment of the first rendition, as a viewer fetches them. */
  async function watch(streamId: string): Promise<{ master: string }> {
    const hls = `/v1/live/${streamId}/hls`;
    const master = await vi.waitFor(async () => {
      const response = await looply.api(`${hls}/master.m3u8`);
      expect(response.status).toBe(200);
      return response.body as string;
    }, WAIT);
    const variant = await vi.waitFor(async () => {
      const response = await looply.api(`${hls}/v0/index.m3u8`);
      expect(response.body).toMatch(/^s\d+\.m4s$/m);
      return response.body as string;
    }, WAIT);
    const segmentName = variant.split('\n').find((line) => line.endsWith('.m4s'));
    const segment = await fetch(`${looply.url}${hls}/v0/${segmentName}`);
    expect(segment.status).toBe(200);
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    return { master };
  }

  it('puts H.264 from the recorder on air as it is, serves it as HLS, and closes STREAM_ENDED when the host ends', async () => {
    const started = await start('ws_host');
    expect(started.whip_or_ws_url).toBe(ingestUrl);
    const publisher = publish(started.stream_key);
    expect(await publisher.ready).toEqual({ type: 'ready', stream_id: started.stream_id });
    await vi.waitFor(async () => expect(await statusOf(started.stream_id)).toBe('live'), WAIT);
    const { master } = await watch(started.stream_id);
    expect(master).toContain('RESOLUTION=640x360');
    const pid = looply.services.liveBrowserIngest.publisherPid(started.stream_id);
    expect(pid).not.toBeNull();
    // ffmpeg publishes to this node's RTMP with a one-time name: the key is on no command line (and the scan does
    // read the command lines: it finds that ffmpeg's).
    expect(await commandLinesContaining(started.stream_key)).toEqual([]);
    expect((await commandLinesContaining(`/live/`)).some((line) => line.includes('pipe:0'))).toBe(true);

    await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: started.token });
    expect(await publisher.closed).toEqual({ code: 4401, reason: 'STREAM_ENDED' });
    await vi.waitFor(() => expect(isRunning(pid ?? 0)).toBe(false), WAIT);
    expect(looply.services.liveBrowserIngest.publisherPid(started.stream_id)).toBeNull();
    // The key of an ended stream is refused at connect.
    expect(await connectIngest(ingestUrl, startFrame(started.stream_key)).closed).toEqual({
      code: 4401,
      reason: 'STREAM_ENDED',
    });
  }, 90_000);

  it('re-encodes VP8 from the recorder and puts it on air too', async () => {
    const started = await start('vp8_host');
    const publisher = publish(started.stream_key, { codec: 'vp8' });
    await publisher.ready;
    await watch(started.stream_id);
    await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: started.token });
    expect((await publisher.closed).reason).toBe('STREAM_ENDED');
  }, 90_000);

  it('refuses wrong and expired keys with the reason, odd formats and frames, and leaves the stream idle', async () => {
    const started = await start('ws_refused');
    const lastChanged = `${started.stream_key.slice(0, -1)}${started.stream_key.endsWith('A') ? 'B' : 'A'}`;
    for (const key of [lastChanged, 'x', '../../etc/passwd']) {
      expect(await connectIngest(ingestUrl, startFrame(key)).closed).toEqual({ code: 4401, reason: 'UNKNOWN_KEY' });
    }
    const unsupported = connectIngest(ingestUrl, startFrame(started.stream_key, 'video/mp4;codecs=avc1,mp4a'));
    expect(await unsupported.closed).toEqual({ code: 1008, reason: 'UNSUPPORTED_MIME' });
    expect(await connectIngest(ingestUrl, { type: 'hello' }).closed).toEqual({ code: 1008, reason: 'START_REQUIRED' });
    const binaryFirst = connectIngest(ingestUrl, null);
    binaryFirst.socket.on('open', () => binaryFirst.socket.send(Buffer.alloc(16)));
    expect(await binaryFirst.closed).toEqual({ code: 1008, reason: 'START_REQUIRED' });
    const oversized = connectIngest(ingestUrl, null);
    oversized.socket.on('open', () => oversized.socket.send(Buffer.alloc(1024 * 1024 + 1)));
    expect((await oversized.closed).code).toBe(1009);
    expect(await statusOf(started.stream_id)).toBe('idle');

    await looply.infra.db.query(`update live_streams set key_expires_at = now() - interval '1 second' where id = $1`, [
      started.stream_id,
    ]);
    expect(await connectIngest(ingestUrl, startFrame(started.stream_key)).closed).toEqual({
      code: 4401,
      reason: 'EXPIRED_KEY',
    });
    expect(await statusOf(started.stream_id)).toBe('idle');
    // A plain request is told to upgrade.
    expect((await looply.api('/v1/live/ingest')).status).toBe(426);
  }, 60_000);

  it('continues the same stream when the browser reconnects within the grace period, then ends it after silence', async () => {
    const started = await start('ws_flaky');
    const first = publish(started.stream_key);
    await first.ready;
    await vi.waitFor(() => expect(looply.services.liveIngest.transcodeOf(started.stream_id)).not.toBeNull(), WAIT);
    const firstPid = looply.services.liveBrowserIngest.publisherPid(started.stream_id);
    await first.drop();
    await vi.waitFor(() => expect(isRunning(firstPid ?? 0)).toBe(false), WAIT);
    const ingest = looply.services.liveIngest;
    await vi.waitFor(() => expect(ingest.awaitingReconnect(started.stream_id)).toBe(true), WAIT);
    const second = publish(started.stream_key);
    expect((await second.ready).stream_id).toBe(started.stream_id);
    await vi.waitFor(() => expect(ingest.transcodeOf(started.stream_id)).not.toBeNull(), WAIT);
    // Back in time: the grace period's countdown to the end is called off, the stream stays on air.
    await vi.waitFor(() => expect(ingest.awaitingReconnect(started.stream_id)).toBe(false), WAIT);
    expect(await statusOf(started.stream_id)).toBe('live');
    await second.drop();
    await vi.waitFor(async () => expect(await statusOf(started.stream_id)).toBe('ended'), WAIT);
  }, 90_000);

  it('hands the stream to the newest browser publisher and tells the one before it was replaced', async () => {
    const started = await start('ws_two_tabs');
    const first = publish(started.stream_key);
    await first.ready;
    const second = publish(started.stream_key);
    await second.ready;
    expect(await first.closed).toEqual({ code: 4409, reason: 'REPLACED' });
    await watch(started.stream_id);
    await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: started.token });
    expect((await second.closed).reason).toBe('STREAM_ENDED');
  }, 90_000);

  it('stops reading a browser whose ffmpeg takes nothing, rather than buffering, and then closes it', async () => {
    const started = await start('ws_stalled');
    const publisher = connectIngest(ingestUrl, startFrame(started.stream_key));
    await publisher.ready;
    const pid = looply.services.liveBrowserIngest.publisherPid(started.stream_id) ?? 0;
    process.kill(pid, 'SIGSTOP');
    try {
      // Far more than the kernel's socket and pipe buffers hold: once they are full, only a server that keeps
      // reading would take more, so what the client could not send piles up on its side.
      const chunk = Buffer.alloc(256 * 1024);
      const sending = setInterval(() => {
        if (publisher.socket.readyState === publisher.socket.OPEN && publisher.socket.bufferedAmount < 64 * 2 ** 20) {
          publisher.socket.send(chunk);
        }
      }, 5);
      await vi.waitFor(() => expect(publisher.socket.bufferedAmount).toBeGreaterThan(16 * 2 ** 20), WAIT);
      clearInterval(sending);
      expect(await publisher.closed).toEqual({ code: 1011, reason: 'INGEST_STALLED' });
    } finally {
      if (isRunning(pid)) process.kill(pid, 'SIGCONT');
    }
    await vi.waitFor(() => expect(isRunning(pid)).toBe(false), WAIT);
  }, 60_000);

  describe('from a real Chromium page', () => {
    let browser: Browser;
    let pages: Server;
    let pageUrl: string;

    beforeAll(async () => {
      browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
      // A page served from loopback (a secure context, where getUserMedia is allowed, and one Chromium lets reach
      // Looply on loopback), as a Go LIVE page of another origin would be.
      pages = createServer((_request, response) => {
        response.setHeader('content-type', 'text/html');
        response.end(GO_LIVE_PAGE);
      });
      await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
      pageUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/go-live`;
    });
    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => pages?.close(resolve));
    });

    it('takes the camera and microphone, records them and sends the chunks: the stream goes live with segments', async () => {
      const started = await start('chromium_host');
      const page = await browser.newPage();
      await page.goto(pageUrl);
      const mime = await page.evaluate(([url, key]) => (window as unknown as GoLiveWindow).goLive(url, key), [
        started.whip_or_ws_url,
        started.stream_key,
      ] as const);
      expect(mime).toMatch(/^video\/(webm|x-matroska);codecs=(avc1|h264)/);
      await page.waitForFunction(() => (window as unknown as GoLiveWindow).ingest.ready !== null);
      expect(await page.evaluate(() => (window as unknown as GoLiveWindow).ingest.ready)).toBe(started.stream_id);
      await vi.waitFor(async () => expect(await statusOf(started.stream_id)).toBe('live'), WAIT);
      await watch(started.stream_id);

      await looply.api(`/v1/live/${started.stream_id}/end`, { method: 'POST', token: started.token });
      await page.waitForFunction(() => (window as unknown as GoLiveWindow).ingest.closed !== null);
      expect(await page.evaluate(() => (window as unknown as GoLiveWindow).ingest.closed)).toEqual({
        code: 4401,
        reason: 'STREAM_ENDED',
      });
      await page.close();
    }, 90_000);
  });

  // Last: it closes the server the tests above share.
  it('stops every browser publisher’s ffmpeg when the server closes, telling the browser to go elsewhere', async () => {
    const started = await start('ws_shutdown');
    const publisher = publish(started.stream_key);
    await publisher.ready;
    const pid = looply.services.liveBrowserIngest.publisherPid(started.stream_id) ?? 0;
    expect(isRunning(pid)).toBe(true);
    await looply.stop();
    expect(isRunning(pid)).toBe(false);
    expect(await publisher.closed).toEqual({ code: 1001, reason: 'GOING_AWAY' });
  }, 60_000);
});

async function commandLinesContaining(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(text)) found.push(commandLine.replaceAll('\0', ' '));
  }
  return found;
}

function startFrame(key: string, mime = 'video/webm;codecs=h264,opus') {
  return { type: 'start', stream_key: key, mime };
}

interface GoLiveWindow {
  goLive(url: string, key: string): Promise<string>;
  ingest: { ready: string | null; closed: { code: number; reason: string } | null };
}

/** What a Go LIVE page does, at its smallest: the protocol in docs/api.md, "Going live from the browser". */
const GO_LIVE_PAGE = `<!doctype html><meta charset="utf-8"><title>Go live</title><script>
window.ingest = { ready: null, closed: null };
window.goLive = async (url, key) => {
  const media = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
  const mime = ['video/webm;codecs=h264,opus', 'video/webm;codecs=vp8,opus'].find((type) => MediaRecorder.isTypeSupported(type));
  const recorder = new MediaRecorder(media, { mimeType: mime, videoKeyFrameIntervalDuration: 1000 });
  const socket = new WebSocket(url);
  socket.onmessage = (event) => {
    const frame = JSON.parse(event.data);
    if (frame.type === 'ready') window.ingest.ready = frame.stream_id;
  };
  socket.onclose = (event) => {
    window.ingest.closed = { code: event.code, reason: event.reason };
    if (recorder.state !== 'inactive') recorder.stop();
  };
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error('the ingest socket did not open'));
  });
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0 && socket.readyState === WebSocket.OPEN) socket.send(event.data);
  };
  recorder.start(250);
  // The first chunk comes a timeslice later: the start frame goes first, with the type the recorder settled on.
  socket.send(JSON.stringify({ type: 'start', stream_key: key, mime: recorder.mimeType }));
  return recorder.mimeType;
};
</script>`;
