import { describe, expect, it } from 'vitest';
import { liveLadder, liveTranscodeArgs } from './ladder.ts';

const ladder = [
  { shortSide: 720, videoKbps: 2500 },
  { shortSide: 360, videoKbps: 800 },
];

describe('live ladder', () => {
  it('keeps the rungs a source reaches, by short side, portrait or landscape', () => {
    expect(liveLadder({ width: 1920, height: 1080, hasAudio: true }, ladder)).toEqual([
      { width: 1280, height: 720, videoKbps: 2500 },
      { width: 640, height: 360, videoKbps: 800 },
    ]);
    expect(liveLadder({ width: 720, height: 1280, hasAudio: true }, ladder)).toEqual([
      { width: 720, height: 1280, videoKbps: 2500 },
      { width: 360, height: 640, videoKbps: 800 },
    ]);
  });

  it('never upscales: a small source gets one rendition at its own size', () => {
    expect(liveLadder({ width: 640, height: 360, hasAudio: false }, ladder)).toEqual([
      { width: 640, height: 360, videoKbps: 800 },
    ]);
    expect(liveLadder({ width: 426, height: 240, hasAudio: false }, ladder)).toEqual([
      { width: 426, height: 240, videoKbps: 800 },
    ]);
  });

  it('keeps the source size when the publisher sent no metadata', () => {
    expect(liveLadder({ width: 0, height: 0, hasAudio: true }, ladder)).toEqual([
      { width: 0, height: 0, videoKbps: 800 },
    ]);
  });

  it('writes 1 s fMP4 segments with a keyframe each second, files named by run, audio only when there is some', () => {
    const args = liveTranscodeArgs(
      'rtmp://127.0.0.1:1935/live/key',
      { width: 1280, height: 720, hasAudio: true },
      7,
      'ultrafast',
    );
    const argAfter = (flag: string) => args[args.indexOf(flag) + 1];
    expect(argAfter('-i')).toBe('rtmp://127.0.0.1:1935/live/key');
    expect(argAfter('-hls_time')).toBe('1');
    expect(argAfter('-hls_segment_type')).toBe('fmp4');
    expect(argAfter('-force_key_frames')).toBe('expr:gte(t,n_forced*1)');
    expect(argAfter('-hls_segment_filename')).toBe('v%v/r7-%05d.m4s');
    expect(argAfter('-hls_fmp4_init_filename')).toBe('init-r7-%v.mp4');
    expect(argAfter('-var_stream_map')).toBe('v:0,a:0 v:1,a:1');
    const silent = liveTranscodeArgs('rtmp://x/live/k', { width: 640, height: 360, hasAudio: false }, 8, 'ultrafast');
    expect(silent[silent.indexOf('-var_stream_map') + 1]).toBe('v:0');
    expect(silent[silent.indexOf('-hls_fmp4_init_filename') + 1]).toBe('init-r8.mp4');
    expect(silent).not.toContain('0:a:0');
    expect(silent).not.toContain('matroska');
  });

  it('copies the publisher into a recording after the HLS output when asked, without a second encode', () => {
    const source = { width: 640, height: 360, hasAudio: true };
    const args = liveTranscodeArgs('rtmp://x/live/k', source, 9, 'ultrafast', '/data/replays/s/rec-r9.mkv');
    const recording = args.slice(args.indexOf('v%v/index.m3u8') + 1);
    expect(recording).toEqual([
      '-map',
      '0:v:0',
      '-map',
      '0:a:0',
      '-c',
      'copy',
      '-flush_packets',
      '1',
      '-cluster_time_limit',
      '1000',
      '-f',
      'matroska',
      '/data/replays/s/rec-r9.mkv',
    ]);
  });
});
