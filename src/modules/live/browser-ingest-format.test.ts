import { describe, expect, it } from 'vitest';
import { browserRepublishArgs, parseIngestMime } from './browser-ingest-format.ts';

describe('the formats browser ingest takes', () => {
  it('passes H.264 on as it is, whichever way the recorder names it', () => {
    for (const mime of [
      'video/webm;codecs=h264,opus',
      'video/x-matroska;codecs=avc1,opus',
      'video/webm; codecs="avc1.42E01E, opus"',
      'video/webm;codecs=h264',
    ]) {
      expect(parseIngestMime(mime), mime).toEqual({ copyVideo: true });
    }
  });

  it('re-encodes VP8, VP9 and recordings that do not name their codecs', () => {
    for (const mime of [
      'video/webm;codecs=vp8,opus',
      'video/webm;codecs=vp9,opus',
      'video/webm;codecs=vp09.00.10.08,opus',
      'video/webm',
    ]) {
      expect(parseIngestMime(mime), mime).toEqual({ copyVideo: false });
    }
  });

  it('refuses other containers, codecs, audio alone, and anything odd', () => {
    for (const mime of [
      'video/mp4;codecs=avc1,mp4a',
      'audio/webm;codecs=opus',
      'video/webm;codecs=opus',
      'video/webm;codecs=av01,opus',
      'video/webm;codecs=h264,vp8,opus',
      'video/webm;codecs=h264,opus,opus',
      'video/webm;codecs=h264,opus;x=1 -i /etc/passwd',
      'video/webm;codecs=h264,"opus',
      '',
      `video/webm;codecs=h264,opus${' '.repeat(300)}`,
    ]) {
      expect(parseIngestMime(mime), mime).toBeNull();
    }
  });

  it('publishes to the URL it is given, copying or re-encoding the picture and always sending AAC', () => {
    const url = 'rtmp://127.0.0.1:1935/live/abc';
    const copy = browserRepublishArgs({ copyVideo: true }, url);
    expect(copy.at(-1)).toBe(url);
    expect(copy.join(' ')).toContain('-c:v copy');
    expect(copy.join(' ')).toContain('-c:a aac');
    const encode = browserRepublishArgs({ copyVideo: false }, url);
    expect(encode.join(' ')).toContain('-c:v libx264');
  });
});
