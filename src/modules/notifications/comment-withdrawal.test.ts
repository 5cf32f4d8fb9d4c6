import { describe, expect, it } from 'vitest';
import { createEvent } from '../../platform/stream/events.ts';
import { deletedCommentIds } from './comment-withdrawal.ts';

describe('deletedCommentIds', () => {
  const deleted = { comment_id: 'c1', video_id: 'v', author_id: 'a', user_id: 'u', parent_id: null, deleted_by: 'u' };

  it('names the deleted comment and the replies that went with it', () => {
    expect(deletedCommentIds(createEvent('CommentDeleted', { ...deleted, reply_ids: ['r1', 'r2'] }))).toEqual([
      'c1',
      'r1',
      'r2',
    ]);
  });

  it('reads an event without reply ids as the comment alone, and ignores other events', () => {
    expect(deletedCommentIds(createEvent('CommentDeleted', deleted))).toEqual(['c1']);
    expect(deletedCommentIds(createEvent('CommentDeleted', { video_id: 'v' }))).toBeNull();
    expect(deletedCommentIds(createEvent('Unliked', { user_id: 'u', video_id: 'v', author_id: 'a' }))).toBeNull();
  });
});
