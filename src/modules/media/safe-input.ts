import { resolve } from 'node:path';

/**
 * Demuxers an upload may be opened with. Without this list a crafted upload (an HLS playlist, a concat
 * script) could make ffmpeg read other files or URLs. Names as in `ffmpeg -demuxers`; any one name of a
 * multi-name demuxer matches it.
 */
export const UPLOAD_DEMUXERS = ['mov', 'matroska', 'webm', 'avi', 'mpegts', 'flv', 'mpeg', 'asf', 'ogg'] as const;

/** Input options and `-i` for a local media file we did not create ourselves. */
export function safeInputArgs(file: string): string[] {
  return [
    '-protocol_whitelist',
    'file',
    '-format_whitelist',
    UPLOAD_DEMUXERS.join(','),
    '-i',
    // The `file:` prefix keeps a name like `pipe:1` or `http:x` from being read as a protocol.
    `file:${resolve(file)}`,
  ];
}
