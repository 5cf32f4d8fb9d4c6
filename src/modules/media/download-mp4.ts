import { resolve } from 'node:path';
import { runFfmpeg } from './ffmpeg-runner.ts';

/**
 * The progressive MP4 people download: the chosen rung's HLS segments copied (not re-encoded) into one MP4 with
 * its index first (`+faststart`), so it starts playing before it has fully arrived. Copying costs a fraction of a
 * second and gives the same pictures the stream shows; encoding it in the pass would add a whole 720p encoder.
 * `playlist` is a variant playlist the pass wrote, so only local files of ours are read.
 */
export async function remuxForDownload(options: {
  ffmpegPath: string;
  playlist: string;
  outFile: string;
  signal?: AbortSignal;
}): Promise<void> {
  await runFfmpeg(
    options.ffmpegPath,
    [
      ...['-protocol_whitelist', 'file', '-f', 'hls', '-i', `file:${resolve(options.playlist)}`],
      ...['-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy', '-map_metadata', '-1'],
      ...['-movflags', '+faststart', '-f', 'mp4', `file:${resolve(options.outFile)}`],
    ],
    { signal: options.signal },
  );
}
