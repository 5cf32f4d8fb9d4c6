import { badRequest } from '../../platform/errors.ts';

const MAX_CAPTION = 2200;
const MAX_HASHTAGS = 30;
const HASHTAG = /^[\p{L}\p{N}_]{1,50}$/u;

export function normalizeCaption(raw: string | undefined): string {
  const caption = (raw ?? '').trim();
  if (caption.length > MAX_CAPTION)
    throw badRequest('CAPTION_TOO_LONG', `A caption has at most ${MAX_CAPTION} characters.`);
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
  if (tags.length > MAX_HASHTAGS) throw badRequest('TOO_MANY_HASHTAGS', `Use at most ${MAX_HASHTAGS} hashtags.`);
  return tags;
}
