export interface MasterPlaylistEntry {
  /** The variant playlist's path relative to the master playlist. */
  uri: string;
  attributes: Map<string, string>;
}

export interface MasterPlaylistVariant {
  uri: string;
  bandwidth: number;
  width: number;
  height: number;
  codecs: string;
}

/** The `#EXT-X-STREAM-INF` entries of a master playlist, attribute values unquoted. */
export function parseMasterPlaylist(text: string): MasterPlaylistEntry[] {
  const entries: MasterPlaylistEntry[] = [];
  let attributes: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      attributes = parseAttributes(line.slice('#EXT-X-STREAM-INF:'.length));
    } else if (line && !line.startsWith('#') && attributes) {
      entries.push({ uri: line, attributes });
      attributes = undefined;
    }
  }
  return entries;
}

function parseAttributes(list: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) {
    const [, key = '', value = ''] = match;
    attributes.set(key, value.startsWith('"') ? value.slice(1, -1) : value);
  }
  return attributes;
}

export function renderMasterPlaylist(variants: readonly MasterPlaylistVariant[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of variants) {
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},RESOLUTION=${v.width}x${v.height},CODECS="${v.codecs}"`);
    lines.push(v.uri);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The RFC 6381 codec string (`avc1.PPCCLL`) of the first H.264 sequence parameter set in Annex B bytes,
 * e.g. the start of an MPEG-TS segment, where the SPS follows the first access unit delimiter.
 */
export function avcCodecString(annexB: Uint8Array): string | undefined {
  for (let i = 0; i + 6 < annexB.length; i++) {
    if (annexB[i] === 0 && annexB[i + 1] === 0 && annexB[i + 2] === 1 && ((annexB[i + 3] ?? 0) & 0x1f) === 7) {
      const hex = [annexB[i + 4], annexB[i + 5], annexB[i + 6]].map((b) => (b ?? 0).toString(16).padStart(2, '0'));
      return `avc1.${hex.join('')}`;
    }
  }
  return undefined;
}

/**
 * The codec string (`av01.P.LLT.DD`, AV1 ISOBMFF binding) from the `av1C` box of an fMP4 init segment.
 */
export function av1CodecString(initSegment: Uint8Array): string | undefined {
  const box = Buffer.from(initSegment.buffer, initSegment.byteOffset, initSegment.byteLength).indexOf('av1C');
  if (box < 0 || box + 7 > initSegment.length) return undefined;
  const marker = initSegment[box + 4] ?? 0;
  const profileAndLevel = initSegment[box + 5] ?? 0;
  const flags = initSegment[box + 6] ?? 0;
  if (marker !== 0x81) return undefined;
  const profile = profileAndLevel >> 5;
  const level = String(profileAndLevel & 0x1f).padStart(2, '0');
  const tier = flags & 0x80 ? 'H' : 'M';
  const bitDepth = flags & 0x40 ? (flags & 0x20 ? 12 : 10) : 8;
  return `av01.${profile}.${level}${tier}.${String(bitDepth).padStart(2, '0')}`;
}
