/** Scrub previews: the WebVTT map of a video's sprite (`sprite.jpg#xywh=x,y,w,h` per time range). */

export interface SpriteCue {
  start: number;
  end: number;
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function seconds(stamp: string): number {
  const parts = stamp.trim().split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + (Number.isFinite(part) ? part : 0), 0);
}

/** The cues of a sprite map; image URLs resolved against the map's own URL. */
export function parseSpriteVtt(text: string, vttUrl: string): SpriteCue[] {
  const cues: SpriteCue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const timing = /^\s*([\d:.]+)\s*-->\s*([\d:.]+)/.exec(line);
    if (!timing) continue;
    const target = (lines[i + 1] ?? '').trim();
    const match = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target);
    if (!match) continue;
    const [, file = '', x = '0', y = '0', w = '0', h = '0'] = match;
    cues.push({
      start: seconds(timing[1] ?? '0'),
      end: seconds(timing[2] ?? '0'),
      url: resolveUrl(file, vttUrl),
      x: Number(x),
      y: Number(y),
      w: Number(w),
      h: Number(h),
    });
    i += 1;
  }
  return cues;
}

function resolveUrl(file: string, base: string): string {
  const origin = typeof location === 'undefined' ? 'http://localhost' : location.origin;
  const absolute = new URL(file, new URL(base, origin));
  return absolute.origin === origin ? absolute.pathname + absolute.search : absolute.href;
}

/** The cue showing time `t` (seconds); the last one past the end. */
export function cueAt(cues: readonly SpriteCue[], t: number): SpriteCue | null {
  if (cues.length === 0) return null;
  for (const cue of cues) if (t >= cue.start && t < cue.end) return cue;
  return t < (cues[0]?.start ?? 0) ? (cues[0] ?? null) : (cues[cues.length - 1] ?? null);
}

const loaded = new Map<string, Promise<SpriteCue[]>>();

/** The sprite map of a video, fetched once per page. */
export function loadSprite(vttUrl: string): Promise<SpriteCue[]> {
  let promise = loaded.get(vttUrl);
  if (!promise) {
    promise = fetch(vttUrl)
      .then((res) => (res.ok ? res.text() : ''))
      .then((text) => parseSpriteVtt(text, vttUrl))
      .catch(() => []);
    loaded.set(vttUrl, promise);
  }
  return promise;
}
