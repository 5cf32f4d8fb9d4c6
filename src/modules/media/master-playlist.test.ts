import { describe, expect, it } from 'vitest';
import { av1CodecString, avcCodecString, parseMasterPlaylist, renderMasterPlaylist } from './master-playlist.ts';

describe('master playlist', () => {
  it('parses stream entries with quoted attribute values', () => {
    const entries = parseMasterPlaylist(
      '#EXTM3U\n#EXT-X-VERSION:6\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=510400,RESOLUTION=240x426,CODECS="avc1.42c015,mp4a.40.2"\nv0/index.m3u8\n\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=950400,RESOLUTION=360x640\nv1/index.m3u8\n',
    );
    expect(entries.map((e) => [e.uri, Object.fromEntries(e.attributes)])).toEqual([
      ['v0/index.m3u8', { BANDWIDTH: '510400', RESOLUTION: '240x426', CODECS: 'avc1.42c015,mp4a.40.2' }],
      ['v1/index.m3u8', { BANDWIDTH: '950400', RESOLUTION: '360x640' }],
    ]);
  });

  it('renders what it parses', () => {
    const variant = {
      uri: 'v0/index.m3u8',
      bandwidth: 510400,
      width: 240,
      height: 426,
      codecs: 'avc1.4d4015,mp4a.40.2',
    };
    const [entry] = parseMasterPlaylist(renderMasterPlaylist([variant]));
    expect(entry?.uri).toBe('v0/index.m3u8');
    expect(Object.fromEntries(entry?.attributes ?? [])).toEqual({
      BANDWIDTH: '510400',
      RESOLUTION: '240x426',
      CODECS: 'avc1.4d4015,mp4a.40.2',
    });
  });

  it('reads the codec string from the first sequence parameter set', () => {
    const aud = [0, 0, 0, 1, 0x09, 0xf0];
    const sps = [0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1f, 0xac];
    expect(avcCodecString(Uint8Array.from([0x47, 0x40, ...aud, ...sps]))).toBe('avc1.64001f');
    expect(avcCodecString(Uint8Array.from(aud))).toBeUndefined();
  });

  it('reads the AV1 codec string from the av1C box of an init segment', () => {
    const box = (bytes: number[]) => Uint8Array.from([0, 0, 0, 0x0c, ...Buffer.from('av1C'), ...bytes]);
    expect(av1CodecString(box([0x81, 0x08, 0x0c, 0x00]))).toBe('av01.0.08M.08');
    expect(av1CodecString(box([0x81, 0x2d, 0xcc, 0x00]))).toBe('av01.1.13H.10');
    expect(av1CodecString(Uint8Array.from([1, 2, 3]))).toBeUndefined();
  });
});
