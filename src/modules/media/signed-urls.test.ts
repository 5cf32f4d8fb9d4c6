import { describe, expect, it } from 'vitest';
import { MediaUrlSigner, mediaRendition, SIGNED_MEDIA_URL_TTL_SECONDS } from './signed-urls.ts';

const VIDEO = '0b6f3c52-8d7e-4a1b-9c2d-3e4f5a6b7c8d';
const PREFIX = `videos/${VIDEO}/a1b2c3d4e5f60718/`;

describe('signed media URLs', () => {
  const signer = new MediaUrlSigner('x'.repeat(48));

  it('finds the rendition directory of a video file, and nothing for other keys', () => {
    expect(mediaRendition(`${PREFIX}hls/v0/seg_00001.ts`)).toEqual({ videoId: VIDEO, prefix: PREFIX });
    expect(mediaRendition(`videos/${VIDEO}/poster.jpg`)).toBeNull();
    expect(mediaRendition('sounds/abc/def.m4a')).toBeNull();
  });

  it('accepts its own signature of a prefix until it expires, for any file below it', () => {
    const now = Date.UTC(2030, 0, 1);
    const { exp, sig } = signer.sign(PREFIX, now);
    expect(exp).toBe(now / 1000 + SIGNED_MEDIA_URL_TTL_SECONDS);
    expect(sig).toMatch(/^[\w-]{43}$/);
    expect(signer.verify(PREFIX, String(exp), sig, now)).toBe(true);
    expect(signer.verify(PREFIX, String(exp), sig, exp * 1000 - 1)).toBe(true);
    expect(signer.verify(PREFIX, String(exp), sig, exp * 1000)).toBe(false);
    expect(signer.signedUrl(`${PREFIX}hls/master.m3u8`, now)).toBe(
      `/media/${PREFIX}hls/master.m3u8?exp=${exp}&sig=${sig}`,
    );
  });

  it('refuses another prefix, another expiry, another key, a changed or missing signature', () => {
    const now = Date.now();
    const { exp, sig } = signer.sign(PREFIX, now);
    const other = `videos/${VIDEO}/ffffffffffffffff/`;
    expect(signer.verify(other, String(exp), sig, now)).toBe(false);
    expect(signer.verify(PREFIX, String(exp + 1), sig, now)).toBe(false);
    expect(new MediaUrlSigner('y'.repeat(48)).verify(PREFIX, String(exp), sig, now)).toBe(false);
    expect(signer.verify(PREFIX, String(exp), `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, now)).toBe(false);
    expect(signer.verify(PREFIX, String(exp), undefined, now)).toBe(false);
    expect(signer.verify(PREFIX, undefined, sig, now)).toBe(false);
    expect(signer.verify(PREFIX, ['1', '2'], sig, now)).toBe(false);
  });

  it('does not sign a key outside a rendition directory', () => {
    expect(() => signer.signedUrl('sounds/abc/def.m4a')).toThrow();
  });
});
