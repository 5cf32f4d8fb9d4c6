import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BoxSplitter, readFragment, readInit } from './fmp4.ts';

/** Two seconds of 426x240 video and audio as ffmpeg writes it for live (ladder.ts): 0.2 s fragments, a keyframe a second. */
async function liveFragments(): Promise<Buffer> {
  const { stdout } = await promisify(execFile)(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=426x240:rate=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-t',
      '2',
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-force_key_frames',
      'expr:gte(t,n_forced*1)',
      '-sc_threshold',
      '0',
      '-c:a',
      'aac',
      '-f',
      'mp4',
      '-movflags',
      'empty_moov+default_base_moof+frag_keyframe',
      '-frag_duration',
      '200000',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

describe('fragmented MP4 reading', () => {
  it('splits a stream chunked anywhere into boxes, and reads tracks, codecs, fragment durations and keyframes', async () => {
    const bytes = await liveFragments();
    const splitter = new BoxSplitter();
    const boxes = [];
    for (let at = 0; at < bytes.length; at += 997) boxes.push(...splitter.push(bytes.subarray(at, at + 997)));
    expect(Buffer.concat(boxes.map((box) => box.bytes)).equals(bytes)).toBe(true);
    expect(boxes.slice(0, 2).map((box) => box.type)).toEqual(['ftyp', 'moov']);
    const moov = boxes.find((box) => box.type === 'moov');
    const init = readInit(moov?.bytes ?? Buffer.alloc(0));
    expect(init.tracks.map((track) => track.kind)).toEqual(['video', 'audio']);
    expect(init.codecs[0]).toMatch(/^avc1\.42[0-9a-f]{4}$|^avc1\.4d[0-9a-f]{4}$|^avc1\.64[0-9a-f]{4}$/);
    expect(init.codecs[1]).toBe('mp4a.40.2');
    expect([init.width, init.height]).toEqual([426, 240]);
    const fragments = boxes.filter((box) => box.type === 'moof').map((box) => readFragment(box.bytes, init));
    expect(fragments.length).toBeGreaterThanOrEqual(9);
    const total = fragments.reduce((sum, fragment) => sum + fragment.seconds, 0);
    expect(total).toBeGreaterThan(1.9);
    expect(total).toBeLessThan(2.1);
    expect(fragments.filter((fragment) => fragment.independent)).toHaveLength(2);
    expect(fragments[0]?.independent).toBe(true);
    for (const fragment of fragments.slice(1, -1)) expect(fragment.seconds).toBeLessThanOrEqual(0.25);
    // Each fragment starts where the one before ended.
    for (let i = 1; i < fragments.length; i++) {
      const before = fragments[i - 1] as (typeof fragments)[number];
      expect(fragments[i]?.startSeconds).toBeCloseTo(before.startSeconds + before.seconds, 3);
    }
  });

  it('refuses a box whose size field is impossible', () => {
    const broken = Buffer.alloc(16);
    broken.writeUInt32BE(3, 0);
    broken.write('moof', 4, 'latin1');
    expect(() => new BoxSplitter().push(broken)).toThrow(/size/);
  });
});
