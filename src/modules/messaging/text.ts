import { badRequest } from '../../platform/errors.ts';

export const MAX_MESSAGE_CHARS = 1000;
export const MAX_TITLE_CHARS = 100;
/** People in one conversation, its creator included. */
export const MAX_MEMBERS = 32;

/**
 * A message's text: trimmed, at most MAX_MESSAGE_CHARS characters (code points, so an emoji is one). Null when
 * it is blank, which is fine only beside a shared video.
 */
export function normalizeMessageText(raw: string | undefined, hasVideo: boolean): string | null {
  const text = raw?.trim() ?? '';
  if (text.length === 0) {
    if (hasVideo) return null;
    throw badRequest('EMPTY_MESSAGE', 'Write something or share a video.');
  }
  if ([...text].length > MAX_MESSAGE_CHARS) {
    throw badRequest('MESSAGE_TOO_LONG', `A message has at most ${MAX_MESSAGE_CHARS} characters.`);
  }
  return text;
}

/** A group's title: trimmed, at most MAX_TITLE_CHARS characters; empty means none. */
export function normalizeTitle(raw: string | undefined): string | null {
  const title = raw?.trim() ?? '';
  if ([...title].length > MAX_TITLE_CHARS) {
    throw badRequest('INVALID_TITLE', `A conversation title has at most ${MAX_TITLE_CHARS} characters.`);
  }
  return title.length > 0 ? title : null;
}
