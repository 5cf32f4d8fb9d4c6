import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../config.ts';
import { normalizeBio, normalizeDisplayName, normalizeEmail, validatePassword } from './validation.ts';

const refused = (code: string) => expect.objectContaining({ code, status: 400 });

describe('profile and sign-up limits', () => {
  it('counts characters, not UTF-16 units, as the schemas do: an emoji is one', () => {
    expect(normalizeBio('😀'.repeat(TEXT_LIMITS.bio))).toHaveLength(TEXT_LIMITS.bio * 2);
    expect(() => normalizeBio('😀'.repeat(TEXT_LIMITS.bio + 1))).toThrow(refused('INVALID_BIO'));
    expect(normalizeDisplayName('😀'.repeat(TEXT_LIMITS.displayName.max))).toHaveLength(
      TEXT_LIMITS.displayName.max * 2,
    );
    expect(() => normalizeDisplayName('😀'.repeat(TEXT_LIMITS.displayName.max + 1))).toThrow(
      refused('INVALID_DISPLAY_NAME'),
    );
    expect(() => validatePassword('😀'.repeat(TEXT_LIMITS.password.max))).not.toThrow();
    expect(() => validatePassword('😀'.repeat(TEXT_LIMITS.password.max + 1))).toThrow(refused('INVALID_PASSWORD'));
    expect(() => validatePassword('😀'.repeat(TEXT_LIMITS.password.min - 1))).toThrow(refused('WEAK_PASSWORD'));
  });

  it('checks the trimmed text with its own codes', () => {
    expect(normalizeBio(`  ${'x'.repeat(TEXT_LIMITS.bio)}  `)).toHaveLength(TEXT_LIMITS.bio);
    expect(() => normalizeDisplayName('   ')).toThrow(refused('INVALID_DISPLAY_NAME'));
    expect(normalizeEmail('  Ann@Example.org ')).toBe('ann@example.org');
    const local = 'a'.repeat(TEXT_LIMITS.email - '@example.org'.length + 1);
    expect(() => normalizeEmail(`${local}@example.org`)).toThrow(refused('INVALID_EMAIL'));
  });
});
