import { stat } from 'node:fs/promises';
import { MediaError } from './media-error.ts';
import { runTool } from './run-tool.ts';
import { safeInputArgs } from './safe-input.ts';

export interface MediaInfo {
  durationMs: number;
  /** Display size: for a clip stored sideways with a 90° or 270° rotation, width and height are swapped. */
  width: number;
  height: number;
  /** Average frame rate; 0 when the file does not say. */
  fps: number;
  /** ffprobe's codec name of the video stream, e.g. `h264`, `hevc`, `vp9`. */
  videoCodec: string;
  hasAudio: boolean;
  /** Clockwise degrees a player turns the stored picture to show it upright. */
  rotation: 0 | 90 | 180 | 270;
  sizeBytes: number;
  /** ffprobe's format name, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  formatName: string;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: Array<{ rotation?: number }>;
}

interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { duration?: string; format_name?: string };
}

const UNREADABLE = 'This file could not be read as a video.';

export async function probeMedia(ffprobePath: string, file: string, signal?: AbortSignal): Promise<MediaInfo> {
  const { size } = await stat(file);
  if (size === 0) throw new MediaError('NOT_A_VIDEO', 'The file is empty.');

  const result = await runTool(
    ffprobePath,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...safeInputArgs(file)],
    { signal },
  );
  if (result.exitCode !== 0) throw new MediaError('NOT_A_VIDEO', UNREADABLE, { stderrTail: result.stderrTail });

  let output: ProbeOutput;
  try {
    output = JSON.parse(result.stdout) as ProbeOutput;
  } catch (error) {
    throw new MediaError('NOT_A_VIDEO', UNREADABLE, { stderrTail: result.stderrTail, cause: error });
  }
  return describe(output, size);
}

function describe(output: ProbeOutput, sizeBytes: number): MediaInfo {
  const streams = output.streams ?? [];
  // Cover art in an audio file shows up as a one-frame video stream.
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!video) throw new MediaError('NOT_A_VIDEO', 'This file has no video track.');

  const durationSeconds = positiveNumber(output.format?.duration) ?? positiveNumber(video.duration);
  const storedWidth = video.width ?? 0;
  const storedHeight = video.height ?? 0;
  if (durationSeconds === undefined || storedWidth <= 0 || storedHeight <= 0) {
    throw new MediaError('CORRUPT_MEDIA', 'This video is damaged: its length or picture size cannot be read.');
  }

  const rotation = rotationOf(video);
  const sideways = rotation === 90 || rotation === 270;
  return {
    durationMs: Math.round(durationSeconds * 1000),
    width: sideways ? storedHeight : storedWidth,
    height: sideways ? storedWidth : storedHeight,
    fps: frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate) ?? 0,
    videoCodec: video.codec_name ?? 'unknown',
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    rotation,
    sizeBytes,
    formatName: output.format?.format_name ?? 'unknown',
  };
}

function positiveNumber(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** `30000/1001` → 29.97; `0/0` → undefined. */
function frameRate(value: string | undefined): number | undefined {
  const [num, den] = (value ?? '').split('/').map(Number);
  if (num === undefined || !Number.isFinite(num) || num <= 0) return undefined;
  const fps = den === undefined ? num : num / den;
  return Number.isFinite(fps) && fps > 0 ? Math.round(fps * 1000) / 1000 : undefined;
}

function rotationOf(video: ProbeStream): MediaInfo['rotation'] {
  const matrix = video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  // The display matrix gives counter-clockwise degrees; the legacy `rotate` tag gives clockwise ones.
  const clockwise = matrix !== undefined ? -matrix : Number(video.tags?.rotate ?? 0);
  const quarterTurns = Math.round((Number.isFinite(clockwise) ? clockwise : 0) / 90);
  return ((((quarterTurns % 4) + 4) % 4) * 90) as MediaInfo['rotation'];
}
