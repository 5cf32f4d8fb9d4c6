import { LIVE_BROWSER_INGEST } from '../../config.ts';

/**
 * What a browser publisher records, from its MediaRecorder mimeType: Chromium records H.264 (as
 * `video/x-matroska;codecs=avc1,opus` when asked for `video/webm;codecs=h264,opus`) or VP8/VP9 in WebM. H.264 is
 * passed on as it is; anything else (VP8, VP9, or a type that does not say) is re-encoded.
 */
export interface IngestFormat {
  copyVideo: boolean;
}

const CONTAINERS = new Set(['video/webm', 'video/x-matroska']);
const H264 = /^(h264|avc1(\.[0-9a-f]{6})?)$/;
const VP = /^(vp8(\.0)?|vp9|vp09(\.\d{2}){3,8})$/;
const AUDIO = new Set(['opus']);
const LONGEST_MIME = 200;

/** The format a mimeType names, or null when it is not one the ingest takes. */
export function parseIngestMime(mime: string): IngestFormat | null {
  if (mime.length > LONGEST_MIME) return null;
  const [type = '', ...parameters] = mime.toLowerCase().split(';');
  if (!CONTAINERS.has(type.trim())) return null;
  let codecs: string[] = [];
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=', 2).map((part) => part.trim());
    if (name !== 'codecs') return null;
    codecs = value
      .replace(/^"(.*)"$/, '$1')
      .split(',')
      .map((codec) => codec.trim());
  }
  const video = codecs.filter((codec) => H264.test(codec) || VP.test(codec));
  const audio = codecs.filter((codec) => AUDIO.has(codec));
  if (video.length > 1 || audio.length > 1 || video.length + audio.length !== codecs.length) return null;
  if (codecs.length > 0 && video.length === 0) return null;
  return { copyVideo: video.length === 1 && H264.test(video[0] ?? '') };
}

/**
 * ffmpeg reading the recorder's stream on stdin and publishing it as RTMP (FLV: H.264 + AAC) to `rtmpUrl`, a URL
 * this node made. Nothing here comes from the publisher but the choice between two fixed sets of arguments.
 */
export function browserRepublishArgs(format: IngestFormat, rtmpUrl: string): string[] {
  const { preset, crf } = LIVE_BROWSER_INGEST.reencode;
  const video = format.copyVideo
    ? ['-c:v', 'copy']
    : [
        ...['-c:v', 'libx264', '-preset', preset, '-tune', 'zerolatency', '-crf', String(crf)],
        ...['-pix_fmt', 'yuv420p', '-force_key_frames', 'expr:gte(t,n_forced*1)'],
      ];
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    // The recorder's header names every track: no need to read seconds of input to learn what it holds.
    ...['-probesize', '32768', '-analyzeduration', '0', '-f', 'matroska', '-i', 'pipe:0'],
    ...['-map', '0:v:0', '-map', '0:a:0?'],
    ...video,
    ...['-c:a', 'aac', '-b:a', '128k'],
    ...['-f', 'flv', '-flvflags', 'no_duration_filesize', rtmpUrl],
  ];
}
