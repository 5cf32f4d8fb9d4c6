/**
 * Just enough HLS playlist parsing for the prefetch engine: the variants of a master playlist and the segments of
 * a media playlist, with absolute URLs. hls.js parses the same bytes again when it plays them (from our cache).
 */

export interface Variant {
  /** Absolute URL of the variant's media playlist. */
  url: string;
  /** Bits per second, as the playlist states it (peak). */
  bandwidth: number;
  width: number | null;
  height: number | null;
  codecs: string | null;
}

export interface Segment {
  url: string;
  /** Seconds. */
  duration: number;
}

export interface MediaPlaylist {
  segments: Segment[];
  /** The fMP4 initialisation segment (`#EXT-X-MAP`), fetched before the first segment. */
  initUrl: string | null;
}

function resolve(uri: string, base: string): string {
  return new URL(uri, base).href;
}

/** `KEY=value,KEY="quoted, value"` → a map (keys as written). */
export function parseAttributes(list: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const pattern = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g;
  for (const match of list.matchAll(pattern)) {
    const [, key = '', raw = ''] = match;
    attrs.set(key, raw.startsWith('"') ? raw.slice(1, -1) : raw);
  }
  return attrs;
}

export function isMasterPlaylist(text: string): boolean {
  return text.includes('#EXT-X-STREAM-INF');
}

/** The variants of a master playlist, in playlist order (the order hls.js numbers its levels in). */
export function parseMasterPlaylist(text: string, baseUrl: string): Variant[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const variants: Variant[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.startsWith('#EXT-X-STREAM-INF:')) continue;
    const attrs = parseAttributes(line.slice('#EXT-X-STREAM-INF:'.length));
    let uri = '';
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (next && !next.startsWith('#')) {
        uri = next;
        i = j;
        break;
      }
    }
    if (!uri) continue;
    const [w, h] = (attrs.get('RESOLUTION') ?? '').split('x').map(Number);
    variants.push({
      url: resolve(uri, baseUrl),
      bandwidth: Number(attrs.get('AVERAGE-BANDWIDTH') ?? attrs.get('BANDWIDTH') ?? 0) || 0,
      width: w && Number.isFinite(w) ? w : null,
      height: h && Number.isFinite(h) ? h : null,
      codecs: attrs.get('CODECS') ?? null,
    });
  }
  return variants;
}

/** The segments of a media playlist, in order. */
export function parseMediaPlaylist(text: string, baseUrl: string): MediaPlaylist {
  const segments: Segment[] = [];
  let initUrl: string | null = null;
  let duration: number | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#EXTINF:')) {
      duration = Number.parseFloat(line.slice('#EXTINF:'.length)) || 0;
    } else if (line.startsWith('#EXT-X-MAP:')) {
      const uri = parseAttributes(line.slice('#EXT-X-MAP:'.length)).get('URI');
      if (uri) initUrl = resolve(uri, baseUrl);
    } else if (!line.startsWith('#') && duration !== null) {
      segments.push({ url: resolve(line, baseUrl), duration });
      duration = null;
    }
  }
  return { segments, initUrl };
}
