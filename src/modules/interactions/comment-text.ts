import { badRequest } from '../../platform/errors.ts';

export const MAX_COMMENT_CHARS = 150;
/** Mentions beyond this many in one comment are not notified. */
export const MAX_MENTIONS = 10;

/** Trimmed; refused when empty or longer than MAX_COMMENT_CHARS characters (code points, so an emoji is one). */
export function normalizeComment(raw: string): string {
  const content = raw.trim();
  if (content.length === 0) throw badRequest('EMPTY_COMMENT', 'Write something before posting a comment.');
  if ([...content].length > MAX_COMMENT_CHARS) {
    throw badRequest('COMMENT_TOO_LONG', `A comment has at most ${MAX_COMMENT_CHARS} characters.`);
  }
  return content;
}

/**
 * Usernames written as `@name` (lower case, first MAX_MENTIONS, no repeats). An `@` inside a word (an email
 * address) is not a mention, and a trailing dot ends the sentence rather than the name.
 */
export function parseMentions(content: string): string[] {
  const names = [...content.matchAll(/(?<![\p{L}\p{N}_.@])@([a-z0-9_.]{3,24})/giu)]
    .map((match) => (match[1] ?? '').toLowerCase().replace(/\.+$/, ''))
    .filter((name) => name.length >= 3);
  return [...new Set(names)].slice(0, MAX_MENTIONS);
}
