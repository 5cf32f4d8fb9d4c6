import { describe, expect, it } from 'vitest';
import { signPlaylistUris, signVttUris, withQuery } from './signed-playlists.ts';

const Q = 'exp=123&sig=abc';

describe('carrying a signature into playlists and sprite maps', () => {
  it('appends the query before a fragment and after an existing query', () => {
    expect(withQuery('seg_1.ts', Q)).toBe(`seg_1.ts?${Q}`);
    expect(withQuery('sprite.jpg#xywh=0,0,10,10', Q)).toBe(`sprite.jpg?${Q}#xywh=0,0,10,10`);
    expect(withQuery('a.ts?x=1', Q)).toBe(`a.ts?x=1&${Q}`);
  });

  it('signs variant and segment lines and URI attributes, and leaves other tags alone', () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001f"\nv0/index.m3u8\n';
    expect(signPlaylistUris(master, Q)).toBe(
      `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001f"\nv0/index.m3u8?${Q}\n`,
    );
    const media = '#EXTM3U\r\n#EXT-X-MAP:URI="init.mp4"\r\n#EXTINF:2.0,\r\nseg_00001.m4s\r\n#EXT-X-ENDLIST\r\n';
    expect(signPlaylistUris(media, Q)).toBe(
      `#EXTM3U\r\n#EXT-X-MAP:URI="init.mp4?${Q}"\r\n#EXTINF:2.0,\r\nseg_00001.m4s?${Q}\r\n#EXT-X-ENDLIST\r\n`,
    );
  });

  it('signs the image reference of every cue of a sprite map', () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nsprite.jpg#xywh=0,0,64,36\n\n';
    expect(signVttUris(vtt, Q)).toBe(`WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nsprite.jpg?${Q}#xywh=0,0,64,36\n\n`);
  });
});
