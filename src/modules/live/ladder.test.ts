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

  it('writes a fragmented MP4 per rendition to its own pipe, a keyframe each segment, audio only when there is some', () => {
    const rungs = liveLadder({ width: 1280, height: 720, hasAudio: true }, ladder);
    const args = liveTranscodeArgs('rtmp://127.0.0.1:1935/live/key', rungs, true, 'ultrafast');
    const argAfter = (flag: string) => args[args.indexOf(flag) + 1];
    expect(argAfter('-i')).toBe('rtmp://127.0.0.1:1935/live/key');
    expect(args.filter((arg) => arg.startsWith('pipe:'))).toEqual(['pipe:3', 'pipe:4']);
    expect(args.filter((arg) => arg === '0:a:0')).toHaveLength(2);
    expect(argAfter('-force_key_frames')).toBe('expr:gte(t,n_forced*1)');
    expect(argAfter('-frag_duration')).toBe('200000');
    expect(argAfter('-movflags')).toBe('empty_moov+default_base_moof+frag_keyframe');
    const silent = liveTranscodeArgs(
      'rtmp://x/live/k',
      liveLadder({ width: 640, height: 360, hasAudio: false }, ladder),
      false,
      'ultrafast',
    );
    expect(silent.filter((arg) => arg.startsWith('pipe:'))).toEqual(['pipe:3']);
    expect(silent).not.toContain('0:a:0');
    expect(silent).not.toContain('matroska');
  });

  it('copies the publisher into a recording after the renditions when asked, without a second encode', () => {
    const rungs = liveLadder({ width: 640, height: 360, hasAudio: true }, ladder);
    const args = liveTranscodeArgs('rtmp://x/live/k', rungs, true, 'ultrafast', '/data/replays/s/rec-r9.mkv');
    const recording = args.slice(args.indexOf('pipe:3') + 1);
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
