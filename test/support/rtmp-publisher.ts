import { type ChildProcess, spawn } from 'node:child_process';

export interface RtmpPublisher {
  /** Resolves with ffmpeg's exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Ends this publisher at once, as a dropped connection would. */
  kill(): Promise<number | null>;
}

/**
 * ffmpeg publishing a generated picture and tone in real time (`-re`) to `url`, as OBS would: H.264 + AAC in FLV,
 * a keyframe a second. Stops by itself after `seconds`.
 */
export function publishRtmp(url: string, options: { seconds?: number; width?: number; height?: number } = {}) {
  const { seconds = 60, width = 640, height = 360 } = options;
  const child: ChildProcess = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=${width}x${height}:rate=15`,
      '-re',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=44100',
      '-t',
      String(seconds),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '15',
      '-c:a',
      'aac',
      '-f',
      'flv',
      url,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    exited,
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  } satisfies RtmpPublisher;
}
