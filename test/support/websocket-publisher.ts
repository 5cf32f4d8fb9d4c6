import { type ChildProcess, spawn } from 'node:child_process';
import WebSocket from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever frames the server sent
type Frame = any;

export interface WebSocketPublisher {
  socket: WebSocket;
  /** The server's text frames so far, parsed. */
  frames: Frame[];
  /** Resolves with the close code and reason once the socket is closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the server's `ready` frame; rejects when the socket closes first. */
  ready: Promise<Frame>;
  /** Stops the recording and drops the connection, as a closed tab would. */
  drop(): Promise<void>;
}

/** What the recorder sends: H.264 in Matroska (as Chromium records H.264) or VP8 in WebM. */
export type RecordedCodec = 'h264' | 'vp8';

const MIMES: Record<RecordedCodec, string> = {
  h264: 'video/x-matroska;codecs=avc1,opus',
  vp8: 'video/webm;codecs=vp8,opus',
};

const ENCODING: Record<RecordedCodec, string[]> = {
  h264: ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-f', 'matroska'],
  vp8: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '800k', '-f', 'webm'],
};

/** Opens the socket and sends the start frame only; the test sends what it likes next. */
export function connectIngest(url: string, start: Record<string, unknown> | null): Omit<WebSocketPublisher, 'drop'> {
  const socket = new WebSocket(url);
  const frames: Frame[] = [];
  socket.on('message', (data, isBinary) => {
    if (!isBinary) frames.push(JSON.parse(String(data)));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  // A failed upgrade is seen by its close.
  socket.on('error', () => {});
  const ready = new Promise<Frame>((resolve, reject) => {
    socket.on('message', (data, isBinary) => {
      const frame = isBinary ? null : JSON.parse(String(data));
      if (frame?.type === 'ready') resolve(frame);
    });
    void closed.then((how) => reject(new Error(`closed before ready: ${how.code} ${how.reason}`)));
  });
  ready.catch(() => {});
  if (start !== null) socket.on('open', () => socket.send(JSON.stringify(start)));
  return { socket, frames, closed, ready };
}

/**
 * A browser's recorder played by ffmpeg: a generated picture and tone in real time, recorded as MediaRecorder does
 * (Matroska/WebM clusters of a quarter second), sent chunk by chunk over the ingest WebSocket from the start, as a
 * browser does without waiting for `ready`.
 */
export function publishOverWebSocket(
  url: string,
  key: string,
  options: { codec?: RecordedCodec; seconds?: number } = {},
): WebSocketPublisher {
  const { codec = 'h264', seconds = 60 } = options;
  const connection = connectIngest(url, { type: 'start', stream_key: key, mime: MIMES[codec] });
  const { socket } = connection;
  const recorder: ChildProcess = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
      ...['-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=15'],
      ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-t', String(seconds), '-g', '15'],
      ...['-c:a', 'libopus', ...ENCODING[codec], '-live', '1', '-cluster_time_limit', '250', 'pipe:1'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  recorder.stderr?.resume();
  const recorderExited = new Promise((resolve) => recorder.once('exit', resolve));
  const opened = new Promise((resolve) => socket.once('open', resolve));
  recorder.stdout?.on('data', (chunk: Buffer) => {
    void opened.then(() => {
      if (socket.readyState === WebSocket.OPEN) socket.send(chunk);
    });
  });
  void connection.closed.then(() => recorder.kill('SIGKILL'));
  return {
    ...connection,
    async drop() {
      recorder.kill('SIGKILL');
      await recorderExited;
      socket.terminate();
      await connection.closed;
    },
  };
}
