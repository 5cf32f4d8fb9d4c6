import { describe, expect, it } from 'vitest';
import { RenditionTimeline } from './rendition-timeline.ts';

const settings = { firstMsn: 100, segmentSeconds: 1, partTargetSeconds: 0.25, windowSegments: 3, segmentsWithParts: 2 };
const part = (independent: boolean) => ({ seconds: 0.2, independent, startSeconds: 0 });

/** Feeds `seconds` of 0.2 s fragments, a keyframe every second. */
function feed(timeline: RenditionTimeline, seconds: number) {
  const closed = [];
  for (let i = 0; i < Math.round(seconds / 0.2); i++) {
    const result = timeline.addFragment(part(i % 5 === 0));
    if (result.closed) closed.push(result.closed.msn);
  }
  return closed;
}

describe('an LL-HLS rendition timeline', () => {
  it('groups parts into segments that start on a keyframe, and renders them with their parts and a hint', () => {
    const timeline = new RenditionTimeline(settings);
    timeline.startRun('init-r1.mp4');
    expect(feed(timeline, 2.4)).toEqual([100, 101]);
    expect(timeline.edge).toEqual({ msn: 102, part: 1, ended: false });
    const playlist = timeline.playlist();
    expect(playlist).toContain('#EXT-X-PART-INF:PART-TARGET=0.25000');
    expect(playlist).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.75000');
    expect(playlist).toContain('#EXT-X-MEDIA-SEQUENCE:100');
    expect(playlist).toContain('#EXT-X-MAP:URI="init-r1.mp4"');
    // The oldest complete segment is listed whole only; the last two and the open one list their parts.
    expect(playlist).not.toContain('URI="s100.0.m4s"');
    expect(playlist).toContain('#EXT-X-PART:DURATION=0.20000,URI="s101.0.m4s",INDEPENDENT=YES');
    expect(playlist).toContain('#EXT-X-PART:DURATION=0.20000,URI="s101.1.m4s"\n');
    expect(playlist).toMatch(/#EXTINF:1\.00000,\ns100\.m4s\n/);
    expect(playlist).toContain('URI="s102.1.m4s"');
    expect(playlist).not.toMatch(/^s102\.m4s$/m);
    expect(playlist.trimEnd().split('\n').at(-1)).toBe('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="s102.2.m4s"');
  });

  it('hints at the next segment once the open one is full', () => {
    const timeline = new RenditionTimeline(settings);
    timeline.startRun('init-r1.mp4');
    feed(timeline, 1);
    expect(timeline.playlist()).toContain('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="s101.0.m4s"');
  });

  it('keeps a window of segments, retiring the oldest, and starts over after a restart with a discontinuity', () => {
    const timeline = new RenditionTimeline(settings);
    timeline.startRun('init-r1.mp4');
    feed(timeline, 2.2);
    const closedByRestart = timeline.startRun('init-r2.mp4');
    expect(closedByRestart?.msn).toBe(102);
    feed(timeline, 3.2);
    const playlist = timeline.playlist();
    expect(playlist).toMatch(
      /#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI="init-r2.mp4"\n#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n(#EXT-X-PART[^\n]+\n)*#EXTINF:[^\n]+\ns103\.m4s/,
    );
    expect(timeline.retire().map((segment) => segment.msn)).toEqual([100, 101, 102]);
    expect(timeline.retire()).toEqual([]);
    const later = timeline.playlist();
    expect(later).toContain('#EXT-X-MEDIA-SEQUENCE:103');
    expect(later).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1');
    expect(later).not.toContain('#EXT-X-DISCONTINUITY\n');
    expect(later).toContain('#EXT-X-MAP:URI="init-r2.mp4"');
    expect(later).not.toContain('init-r1.mp4');
  });

  it('ends with the open segment closed and no hint', () => {
    const timeline = new RenditionTimeline(settings);
    timeline.startRun('init-r1.mp4');
    feed(timeline, 1.4);
    expect(timeline.end()?.msn).toBe(101);
    const playlist = timeline.playlist();
    expect(playlist).toMatch(/#EXTINF:0\.40000,\ns101\.m4s\n#EXT-X-ENDLIST\n$/);
    expect(playlist).not.toContain('PRELOAD-HINT');
    expect(timeline.edge.ended).toBe(true);
  });

  it('refuses a fragment before its init section', () => {
    expect(() => new RenditionTimeline(settings).addFragment(part(true))).toThrow(/init/);
  });
});
