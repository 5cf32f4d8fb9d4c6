import { type ChildProcess, spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { drawClockFrame, FRAME } from './clock-frames.ts';

export interface ClockPublisher {
  /** Wall-clock time (ms) the value 0 stands for: a frame's burned time is `epoch + value`. */
  epoch: number;
  /** When the first frame was written. */
  startedAt: number;
  framesWritten(): number;
  /** Resolves with ffmpeg's exit code once it is gone. */
  exited: Promise<number | null>;
  /** ffmpeg's last error lines, for failure messages. */
  errors(): string;
  stop(): Promise<number | null>;
}

/**
 * Frames made here, each carrying Date.now() at the moment it is written, piped raw into ffmpeg, which encodes them
 * as OBS would (H.264 zerolatency, a keyframe a second, AAC tone unless `audio` is false) and publishes RTMP to `url`.
 * Frames are due on a fixed 30 fps schedule from the start; a late timer writes the frames it owes, so the media
 * clock keeps pace with the wall clock on a loaded machine.
 */
export function publishClock(url: string, options: { audio?: boolean; videoKbps?: number } = {}): ClockPublisher {
  const { audio = true, videoKbps = 1500 } = options;
  const { width, height, fps } = FRAME;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${width}x${height}`,
    '-framerate',
    String(fps),
    '-i',
    'pipe:0',
    ...(audio ? ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'] : []),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-g',
    String(fps),
    '-keyint_min',
    String(fps),
    '-sc_threshold',
    '0',
    '-b:v',
    `${videoKbps}k`,
    '-maxrate',
    `${videoKbps}k`,
    '-bufsize',
    `${videoKbps}k`,
    ...(audio ? ['-c:a', 'aac', '-b:a', '96k', '-shortest'] : []),
    '-f',
    'flv',
    url,
  ];
  const child: ChildProcess = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let errorText = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errorText = (errorText + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A closed pipe (ffmpeg refused or died) shows in `exited`; the write error itself says nothing more.
  child.stdin?.on('error', () => {});

  const frameBytes = width * height * 1.5;
  const grain = Buffer.alloc(width * (height - 240));
  const startedAt = Date.now();
  const epoch = startedAt - 1000;
  let written = 0;
  const frameMs = 1000 / fps;
  const timer = setInterval(() => {
    const stdin = child.stdin;
    if (!stdin || stdin.destroyed) return;
    const due = Math.floor((Date.now() - startedAt) / frameMs) + 1;
    // More than a second of frames waiting in the pipe: ffmpeg is stalled, and a pile of old clocks helps no one.
    if (stdin.writableLength > frameBytes * fps) {
      written = due;
      return;
    }
    while (written < due) {
      const frame = Buffer.allocUnsafe(frameBytes);
      randomFillSync(grain);
      drawClockFrame(frame, Date.now() - epoch, grain);
      stdin.write(frame);
      written += 1;
    }
  }, 5);

  return {
    epoch,
    startedAt,
    framesWritten: () => written,
    exited,
    errors: () => errorText,
    async stop() {
      clearInterval(timer);
      child.stdin?.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}
