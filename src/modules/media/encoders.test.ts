import { describe, expect, it } from 'vitest';
import { ffmpegEncoders, hasEncoder, parseEncoderList } from './encoders.ts';
import { FFMPEG } from './media-test-support.ts';

describe('ffmpeg encoders', () => {
  it('reads the names from `ffmpeg -encoders`', () => {
    const text = [
      'Encoders:',
      ' V..... = Video',
      ' ------',
      ' V....D libx264              libx264 H.264 / AVC',
      ' V..... libsvtav1            SVT-AV1 encoder (codec av1)',
      ' A..... aac                  AAC (Advanced Audio Coding)',
    ].join('\n');
    expect([...parseEncoderList(text)]).toEqual(['libx264', 'libsvtav1', 'aac']);
  });

  it('asks the binary once and keeps the answer', async () => {
    const first = ffmpegEncoders(FFMPEG);
    expect(ffmpegEncoders(FFMPEG)).toBe(first);
    expect(await hasEncoder(FFMPEG, 'libx264')).toBe(true);
    expect(await hasEncoder('/no/such/ffmpeg', 'libx264')).toBe(false);
  });
});
