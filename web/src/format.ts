/** Small display formatters. */

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** 1234 → "1.2K". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? compact.format(n) : '0';
}

export interface CaptionPart {
  /** Offset in the caption, stable enough to key on. */
  at: number;
  text: string;
  hashtag: boolean;
}

const HASHTAG = /#[\p{L}\p{N}_]+/gu;

/** Split a caption into text and #hashtag runs. */
export function splitCaption(caption: string): CaptionPart[] {
  const parts: CaptionPart[] = [];
  let last = 0;
  for (const match of caption.matchAll(HASHTAG)) {
    const at = match.index;
    if (at > last) parts.push({ at: last, text: caption.slice(last, at), hashtag: false });
    parts.push({ at, text: match[0], hashtag: true });
    last = at + match[0].length;
  }
  if (last < caption.length) parts.push({ at: last, text: caption.slice(last), hashtag: false });
  return parts;
}

/** "cats, #Dogs  funny" → ["cats", "Dogs", "funny"]. */
export function parseHashtags(input: string): string[] {
  const tags = input
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, '').trim())
    .filter(Boolean);
  return [...new Set(tags)];
}
