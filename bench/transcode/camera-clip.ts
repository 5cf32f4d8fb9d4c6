import { runFfmpeg } from '../../src/modules/media/ffmpeg-runner.ts';

/** What a phone records at 1080x1920 30 fps: H.264 at about 12 Mbit/s. */
export const CAMERA_CLIP_MBIT = 12;

/**
 * A clip that costs what a camera file costs to decode: moving test patterns under per-frame grain (no flat areas
 * for the encoder to skip), H.264 at a phone's bitrate, with a tone. The demo clip is flat colour at 0.2 Mbit/s, so
 * its decoding is almost free, and that is the part of the work one pass saves.
 */
export async function generateCameraLikeClip(outFile: string, seconds: number): Promise<void> {
  const bitrate = `${CAMERA_CLIP_MBIT}M`;
  await runFfmpeg('ffmpeg', [
    ...['-f', 'lavfi', '-i', `testsrc2=size=1080x1920:rate=30:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
    ...['-vf', 'noise=alls=12:allf=t+u', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
    ...['-b:v', bitrate, '-maxrate', bitrate, '-bufsize', `${CAMERA_CLIP_MBIT * 2}M`],
    ...['-c:a', 'aac', '-b:a', '128k', '-shortest', outFile],
  ]);
}
