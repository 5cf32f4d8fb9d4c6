import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAudience } from '../videos/media-fields.ts';
import { cacheMediaAudience } from './media-audience-cache.ts';

describe('the media audience cache', () => {
  afterEach(() => vi.useRealTimers());

  it('asks once within its lifetime, shares a lookup in flight, and asks again after it', async () => {
    vi.useFakeTimers();
    let answer: MediaAudience | null = 'open';
    const lookup = vi.fn(async () => answer);
    const cached = cacheMediaAudience(lookup, 3_000);
    expect(await Promise.all([cached('v'), cached('v')])).toEqual(['open', 'open']);
    answer = 'signed';
    vi.advanceTimersByTime(2_999);
    expect(await cached('v')).toBe('open');
    expect(lookup).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(await cached('v')).toBe('signed');
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('does not remember a failed lookup', async () => {
    const lookup = vi.fn().mockRejectedValueOnce(new Error('store down')).mockResolvedValueOnce('signed');
    const cached = cacheMediaAudience(lookup, 3_000);
    await expect(cached('v')).rejects.toThrow('store down');
    expect(await cached('v')).toBe('signed');
  });
});
