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
  kind: 'text' | 'hashtag' | 'mention';
}

const TOKENS = /#[\p{L}\p{N}_]+|@[a-z0-9_.]{3,24}/giu;

/** Split a caption into text, #hashtag and @mention runs (a mention's trailing full stop stays text). */
export function splitCaption(caption: string): CaptionPart[] {
  const parts: CaptionPart[] = [];
  let last = 0;
  for (const match of caption.matchAll(TOKENS)) {
    let token = match[0];
    const at = match.index;
    // "@ann." at the end of a sentence: the dot is punctuation, and "@a" is no account.
    if (token.startsWith('@')) token = token.replace(/\.+$/, '');
    if (token.startsWith('@') && token.length < 4) continue;
    const prev = at > 0 ? caption[at - 1] : '';
    if (prev && /[\p{L}\p{N}_]/u.test(prev)) continue; // an e-mail address or a#b, not a tag
    if (at > last) parts.push({ at: last, text: caption.slice(last, at), kind: 'text' });
    parts.push({ at, text: token, kind: token.startsWith('#') ? 'hashtag' : 'mention' });
    last = at + token.length;
  }
  if (last < caption.length) parts.push({ at: last, text: caption.slice(last), kind: 'text' });
  return parts;
}

/** "1:05" from milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** "3m", "2h", "5d" or a date, for comments and notifications. */
export function timeAgo(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return 'now';
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 7 * 86_400) return `${Math.floor(s / 86_400)}d`;
  return new Date(then).toLocaleDateString();
}

/** "cats, #Dogs  funny" → ["cats", "Dogs", "funny"]. */
export function parseHashtags(input: string): string[] {
  const tags = input
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, '').trim())
    .filter(Boolean);
  return [...new Set(tags)];
}
