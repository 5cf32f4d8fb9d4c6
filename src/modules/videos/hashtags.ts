import { TEXT_LIMITS } from '../../config.ts';
import { badRequest } from '../../platform/errors.ts';

const HASHTAG = new RegExp(`^[\\p{L}\\p{N}_]{1,${TEXT_LIMITS.hashtag}}$`, 'u');

/** Trimmed; refused when longer than TEXT_LIMITS.caption characters (code points, so an emoji is one). */
export function normalizeCaption(raw: string | undefined): string {
  const caption = (raw ?? '').trim();
  if ([...caption].length > TEXT_LIMITS.caption) {
    throw badRequest('CAPTION_TOO_LONG', `A caption has at most ${TEXT_LIMITS.caption} characters.`);
  }
  return caption;
}

/** Tags from the `hashtags` field (comma or space separated, `#` optional) plus `#tags` written in the caption. */
export function collectHashtags(field: string | undefined, caption: string): string[] {
  const listed = (field ?? '')
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#/, ''))
    .filter(Boolean);
  const inCaption = [...caption.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((match) => match[1] ?? '');
  const tags = [...new Set([...listed, ...inCaption].map((tag) => tag.toLowerCase()))];
  for (const tag of tags) {
    if (!HASHTAG.test(tag)) throw badRequest('INVALID_HASHTAG', `"#${tag}" is not a valid hashtag.`);
  }
  if (tags.length > TEXT_LIMITS.hashtags) {
    throw badRequest('TOO_MANY_HASHTAGS', `Use at most ${TEXT_LIMITS.hashtags} hashtags.`);
  }
  return tags;
}
