import { TEXT_LIMITS } from '../../config.ts';
import { badRequest } from '../../platform/errors.ts';

/**
 * A message's text: trimmed, at most TEXT_LIMITS.message characters (code points, so an emoji is one). Null when
 * it is blank, which is fine only beside a shared video.
 */
export function normalizeMessageText(raw: string | undefined, hasVideo: boolean): string | null {
  const text = raw?.trim() ?? '';
  if (text.length === 0) {
    if (hasVideo) return null;
    throw badRequest('EMPTY_MESSAGE', 'Write something or share a video.');
  }
  if ([...text].length > TEXT_LIMITS.message) {
    throw badRequest('MESSAGE_TOO_LONG', `A message has at most ${TEXT_LIMITS.message} characters.`);
  }
  return text;
}

/** A group's title: trimmed, at most TEXT_LIMITS.conversationTitle characters; empty means none. */
export function normalizeTitle(raw: string | undefined): string | null {
  const title = raw?.trim() ?? '';
  if ([...title].length > TEXT_LIMITS.conversationTitle) {
    throw badRequest('INVALID_TITLE', `A conversation title has at most ${TEXT_LIMITS.conversationTitle} characters.`);
  }
  return title.length > 0 ? title : null;
}
