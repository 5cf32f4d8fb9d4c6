import { describe, expect, it } from 'vitest';
import { notificationSentence as sentence } from './presenter.ts';

describe('notification sentences', () => {
  it('names the newest actor and counts the others', () => {
    expect(sentence('like', 'ann', 1)).toBe('ann liked your video');
    expect(sentence('like', 'ann', 2)).toBe('ann and 1 other liked your video');
    expect(sentence('like', 'ann', 13)).toBe('ann and 12 others liked your video');
    expect(sentence('follow', 'bob', 1)).toBe('bob started following you');
    expect(sentence('follow_request', 'bob', 1)).toBe('bob asked to follow you');
    expect(sentence('mention', 'cat', 1)).toBe('cat mentioned you in a comment');
    expect(sentence('comment_reply', 'dee', 1)).toBe('dee replied to your comment');
  });
});
