import { describe, expect, it } from 'vitest';
import { normalizeMessageText, normalizeTitle } from './text.ts';

describe('message text', () => {
  it('trims, and refuses empty, whitespace-only and over-long text by characters', () => {
    expect(normalizeMessageText('  hello  ', false)).toBe('hello');
    for (const empty of ['', '  \n\t ', undefined]) {
      expect(() => normalizeMessageText(empty, false)).toThrow(
        expect.objectContaining({ code: 'EMPTY_MESSAGE', status: 400 }),
      );
    }
    expect(normalizeMessageText('😀'.repeat(1000), false)).toHaveLength(2000);
    expect(() => normalizeMessageText('x'.repeat(1001), false)).toThrow(
      expect.objectContaining({ code: 'MESSAGE_TOO_LONG', status: 400 }),
    );
  });

  it('lets a shared video go without text', () => {
    expect(normalizeMessageText(undefined, true)).toBeNull();
    expect(normalizeMessageText('   ', true)).toBeNull();
    expect(normalizeMessageText(' look ', true)).toBe('look');
  });

  it('keeps a title to 100 characters and reads a blank one as none', () => {
    expect(normalizeTitle('  Trip  ')).toBe('Trip');
    expect(normalizeTitle('   ')).toBeNull();
    expect(normalizeTitle(undefined)).toBeNull();
    expect(() => normalizeTitle('t'.repeat(101))).toThrow(expect.objectContaining({ code: 'INVALID_TITLE' }));
  });
});
