import { describe, expect, it } from 'vitest';
import { createEvent, untypedEvent } from '../../platform/stream/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { deletedCommentIds } from './comment-withdrawal.ts';

const [comment, video, author, user, reply1, reply2] = [1, 2, 3, 4, 5, 6].map(
  (n) => `00000000-0000-4000-8000-00000000000${n}`,
) as [string, string, string, string, string, string];

describe('deletedCommentIds', () => {
  const deleted = {
    comment_id: comment,
    video_id: video,
    author_id: author,
    user_id: user,
    parent_id: null,
    deleted_by: user,
  };

  it('names the deleted comment and the replies that went with it', () => {
    const event = createEvent(InteractionEvents.commentDeleted, { ...deleted, reply_ids: [reply1, reply2] });
    expect(deletedCommentIds(event)).toEqual([comment, reply1, reply2]);
  });

  it('reads an event without reply ids as the comment alone, and ignores malformed and other events', () => {
    const older = { comment_id: comment, video_id: video, deleted_by: user };
    expect(deletedCommentIds(createEvent(InteractionEvents.commentDeleted, older))).toEqual([comment]);
    expect(deletedCommentIds(untypedEvent('CommentDeleted', { video_id: video }))).toBeNull();
    const unliked = createEvent(InteractionEvents.unliked, { user_id: user, video_id: video, author_id: author });
    expect(deletedCommentIds(unliked)).toBeNull();
  });
});
