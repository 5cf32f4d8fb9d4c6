import { TEXT_LIMITS } from '../../config.ts';
import { badRequest } from '../../platform/errors.ts';

/** Trimmed; refused when empty or longer than TEXT_LIMITS.comment characters (code points, so an emoji is one). */
export function normalizeComment(raw: string): string {
  const content = raw.trim();
  if (content.length === 0) throw badRequest('EMPTY_COMMENT', 'Write something before posting a comment.');
  if ([...content].length > TEXT_LIMITS.comment) {
    throw badRequest('COMMENT_TOO_LONG', `A comment has at most ${TEXT_LIMITS.comment} characters.`);
  }
  return content;
}

const { min, max } = TEXT_LIMITS.username;
const MENTION = new RegExp(`(?<![\\p{L}\\p{N}_.@])@([a-z0-9_.]{${min},${max}})`, 'giu');

/**
 * Usernames written as `@name` (lower case, first TEXT_LIMITS.mentions, no repeats). An `@` inside a word (an email
 * address) is not a mention, and a trailing dot ends the sentence rather than the name.
 */
export function parseMentions(content: string): string[] {
  const names = [...content.matchAll(MENTION)]
    .map((match) => (match[1] ?? '').toLowerCase().replace(/\.+$/, ''))
    .filter((name) => name.length >= min);
  return [...new Set(names)].slice(0, TEXT_LIMITS.mentions);
}
