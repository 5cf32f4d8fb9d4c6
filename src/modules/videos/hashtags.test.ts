import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../config.ts';
import { collectHashtags, normalizeCaption } from './hashtags.ts';

describe('caption and hashtags', () => {
  it('trims a caption and counts its length in characters, an emoji as one', () => {
    expect(normalizeCaption('  hello  ')).toBe('hello');
    expect(normalizeCaption(undefined)).toBe('');
    expect([...normalizeCaption('🎉'.repeat(TEXT_LIMITS.caption))]).toHaveLength(TEXT_LIMITS.caption);
    expect(normalizeCaption(` ${'x'.repeat(TEXT_LIMITS.caption)} `)).toHaveLength(TEXT_LIMITS.caption);
    expect(() => normalizeCaption('x'.repeat(TEXT_LIMITS.caption + 1))).toThrow(
      expect.objectContaining({ code: 'CAPTION_TOO_LONG', status: 400 }),
    );
  });

  it('takes tags from the field and the caption, once each, up to the limits on their number and length', () => {
    expect(collectHashtags('#Dance, food  travel', 'so #dance much #Wow')).toEqual(['dance', 'food', 'travel', 'wow']);
    const tags = Array.from({ length: TEXT_LIMITS.hashtags + 1 }, (_, i) => `tag${i}`);
    expect(collectHashtags(tags.slice(1).join(','), '')).toHaveLength(TEXT_LIMITS.hashtags);
    expect(() => collectHashtags(tags.join(','), '')).toThrow(expect.objectContaining({ code: 'TOO_MANY_HASHTAGS' }));
    expect(collectHashtags(`#${'é'.repeat(TEXT_LIMITS.hashtag)}`, '')).toEqual(['é'.repeat(TEXT_LIMITS.hashtag)]);
    expect(() => collectHashtags('x'.repeat(TEXT_LIMITS.hashtag + 1), '')).toThrow(
      expect.objectContaining({ code: 'INVALID_HASHTAG' }),
    );
  });
});
