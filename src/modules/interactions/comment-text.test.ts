import { describe, expect, it } from 'vitest';
import { normalizeComment, parseMentions } from './comment-text.ts';

describe('comment text', () => {
  it('trims, and refuses empty, whitespace-only and over-long comments by characters', () => {
    expect(normalizeComment('  nice one  ')).toBe('nice one');
    expect(() => normalizeComment(' \n\t ')).toThrow(expect.objectContaining({ code: 'EMPTY_COMMENT', status: 400 }));
    expect(normalizeComment('😀'.repeat(150))).toHaveLength(300);
    expect(() => normalizeComment('x'.repeat(151))).toThrow(expect.objectContaining({ code: 'COMMENT_TOO_LONG' }));
  });

  it('finds @mentions once each, in lower case, but not inside email addresses', () => {
    expect(parseMentions('@Ada and @bob_1, ask @ada. mail x@example.org @no')).toEqual(['ada', 'bob_1']);
    expect(parseMentions('(@grace.hopper) @grace.hopper.')).toEqual(['grace.hopper']);
  });
});
