import { describe, expect, it } from 'vitest';
import { filesNamedIn } from './segment-uploader.ts';

describe('filesNamedIn', () => {
  it('names the init segment and the media segments of a media playlist', () => {
    const playlist = [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-MAP:URI="init-r1.mp4"',
      '#EXTINF:1.000000,',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-07T22:31:08.883+0000',
      'r1-00000.m4s',
      '#EXTINF:1.000000,',
      'r1-00001.m4s',
      '',
    ].join('\n');
    expect(filesNamedIn(playlist)).toEqual(['init-r1.mp4', 'r1-00000.m4s', 'r1-00001.m4s']);
  });

  it("names a master playlist's variant playlists", () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=985600,RESOLUTION=640x360\nv0/index.m3u8\n\n';
    expect(filesNamedIn(master)).toEqual(['v0/index.m3u8']);
  });
});
