import { describe, expect, it } from 'vitest';
import {
  type AuthorAudience,
  canSeeAccount,
  canSeeVideo,
  type VideoAudienceFacts,
  visibleVisibilities,
} from './audience.ts';

const author = 'author';
const viewer = 'viewer';
const now = new Date('2026-12-07T12:00:00Z');
const earlier = new Date(now.getTime() - 60_000);
const later = new Date(now.getTime() + 60_000);

const stranger: AuthorAudience = { blocked: false, blockedByAuthor: false, privateAccount: false, friend: false };
const friend: AuthorAudience = { ...stranger, friend: true };
const blocked: AuthorAudience = { ...stranger, blocked: true, blockedByAuthor: true };
const privateAccount: AuthorAudience = { ...stranger, privateAccount: true };

function video(facts: Partial<VideoAudienceFacts> = {}): VideoAudienceFacts {
  return { author_id: author, status: 'ready', visibility: 'public', publish_at: earlier, ...facts };
}

describe('canSeeVideo', () => {
  it('shows a published public video to a signed-in stranger and to a visitor', () => {
    expect(canSeeVideo(video(), viewer, stranger, now)).toBe(true);
    expect(canSeeVideo(video(), null, stranger, now)).toBe(true);
  });

  it('shows the author every state of their video but removed, scheduled and private ones too', () => {
    for (const status of ['uploading', 'processing', 'ready', 'failed'] as const) {
      expect(canSeeVideo(video({ status, visibility: 'private', publish_at: null }), author, undefined, now)).toBe(
        true,
      );
    }
    expect(canSeeVideo(video({ publish_at: later }), author, undefined, now)).toBe(true);
    expect(canSeeVideo(video({ status: 'removed' }), author, undefined, now)).toBe(false);
  });

  it('hides from others what is removed or not ready', () => {
    for (const status of ['uploading', 'processing', 'failed', 'removed'] as const) {
      expect(canSeeVideo(video({ status }), viewer, friend, now)).toBe(false);
    }
  });

  it('hides a scheduled video from others until its time, and shows it from then on', () => {
    expect(canSeeVideo(video({ publish_at: later }), viewer, stranger, now)).toBe(false);
    expect(canSeeVideo(video({ publish_at: later }), viewer, stranger, later)).toBe(true);
    expect(canSeeVideo(video({ publish_at: null }), viewer, stranger, now)).toBe(false);
  });

  it('shows friends-only videos to friends only, and private ones to nobody but the author', () => {
    expect(canSeeVideo(video({ visibility: 'friends' }), viewer, friend, now)).toBe(true);
    expect(canSeeVideo(video({ visibility: 'friends' }), viewer, stranger, now)).toBe(false);
    expect(canSeeVideo(video({ visibility: 'friends' }), null, stranger, now)).toBe(false);
    expect(canSeeVideo(video({ visibility: 'private' }), viewer, friend, now)).toBe(false);
  });

  it('hides everything of an author across a block, of a private account from non-followers, and of an unknown one', () => {
    expect(canSeeVideo(video(), viewer, blocked, now)).toBe(false);
    expect(canSeeVideo(video(), viewer, { ...friend, blocked: true }, now)).toBe(false);
    expect(canSeeVideo(video(), viewer, privateAccount, now)).toBe(false);
    expect(canSeeVideo(video(), null, privateAccount, now)).toBe(false);
    expect(canSeeVideo(video(), viewer, undefined, now)).toBe(false);
  });
});

describe('canSeeAccount and visibleVisibilities', () => {
  it('opens an account unless blocked or private, and counts friends-only videos for friends', () => {
    expect(canSeeAccount(stranger)).toBe(true);
    expect(canSeeAccount(blocked)).toBe(false);
    expect(canSeeAccount(privateAccount)).toBe(false);
    expect(canSeeAccount(undefined)).toBe(false);
    expect(visibleVisibilities(stranger)).toEqual(['public']);
    expect(visibleVisibilities(friend)).toEqual(['public', 'friends']);
    expect(visibleVisibilities(blocked)).toEqual([]);
    expect(visibleVisibilities({ ...friend, privateAccount: true })).toEqual([]);
  });
});
