import { beforeAll, describe, expect, it, vi } from 'vitest';
import { distributedUrls } from '../support/services.ts';
import { type Account, readyVideo, signUpAll, socialVariants } from '../support/social.ts';
import { useVariantLooply } from '../support/variant-looply.ts';

const variants = socialVariants(distributedUrls());
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(variants)('likes, comments, shares, saves and downloads ($name)', (variant) => {
  const { looply, clip, call } = useVariantLooply(variant, { clip: true });
  let creator: Account;
  let fan: Account;
  let other: Account;

  beforeAll(async () => {
    [creator, fan, other] = await signUpAll(looply, ['creator', 'fan', 'other'] as const);
  });

  const comment = (video: string, as: Account, content: string, parentId?: string) =>
    call(`/v1/videos/${video}/comments`, 'POST', as, { content, ...(parentId ? { parent_id: parentId } : {}) });

  it('likes idempotently, answering the same each time, and shows it on the video and the profile', async () => {
    const video = await readyVideo(looply, creator, clip.file);
    const first = await call(`/v1/videos/${video}/like`, 'POST', fan);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ liked: true, like_count: 1 });
    expect((await call(`/v1/videos/${video}/like`, 'POST', fan)).body).toEqual({ liked: true, like_count: 1 });
    expect((await call(`/v1/videos/${video}/like`, 'POST', other)).body).toEqual({ liked: true, like_count: 2 });

    const seen = (await call(`/v1/videos/${video}`, 'GET', fan)).body;
    expect(seen.stats).toMatchObject({ likes: 2 });
    expect(seen.viewer).toEqual({ liked: true, saved: false });
    expect((await call(`/v1/videos/${video}`)).body.viewer).toBeUndefined();
    expect((await call('/v1/users/creator')).body.stats.likes).toBe(2);

    expect((await call(`/v1/videos/${video}/like`, 'DELETE', other)).body).toEqual({ liked: false, like_count: 1 });
    expect((await call(`/v1/videos/${video}/like`, 'DELETE', other)).body).toEqual({ liked: false, like_count: 1 });
    expect((await call(`/v1/videos/${video}/like`, 'POST')).status).toBe(401);
  });

  it('refuses likes on missing and removed videos with 404', async () => {
    const missing = await call(`/v1/videos/${MISSING}/like`, 'POST', fan);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('VIDEO_NOT_FOUND');
    expect((await call('/v1/videos/not-a-uuid/like', 'POST', fan)).status).toBe(400);

    const video = await readyVideo(looply, creator, clip.file);
    expect((await call(`/v1/videos/${video}`, 'DELETE', creator)).status).toBe(204);
    expect((await call(`/v1/videos/${video}`, 'GET', creator)).status).toBe(404);
    const removed = await call(`/v1/videos/${video}/like`, 'POST', fan);
    expect(removed.status).toBe(404);
    expect((await comment(video, fan, 'hello?')).status).toBe(404);
  });

  it('threads comments one level deep with reply counts, mentions, likes and pages', async () => {
    const video = await readyVideo(looply, creator, clip.file);
    const top = await comment(video, fan, '  first! @Creator and @nobody_at_all  ');
    expect(top.status).toBe(201);
    expect(top.body).toMatchObject({
      video_id: video,
      parent_id: null,
      content: 'first! @Creator and @nobody_at_all',
      mentions: ['creator'],
      user: { username: 'fan' },
      like_count: 0,
      reply_count: 0,
      viewer: { liked: false },
    });
    const reply = await comment(video, creator, 'thanks', top.body.id);
    expect(reply.body.parent_id).toBe(top.body.id);
    const replyToReply = await comment(video, other, 'me too', reply.body.id);
    expect(replyToReply.body.parent_id).toBe(top.body.id);
    const second = await comment(video, other, 'second');

    const list = await call(`/v1/videos/${video}/comments?count=1`, 'GET', fan);
    expect(list.body.comments.map((c: { content: string }) => c.content)).toEqual(['second']);
    expect(list.body.has_more).toBe(true);
    const rest = await call(`/v1/videos/${video}/comments?count=5&cursor=${encodeURIComponent(list.body.cursor)}`);
    expect(rest.body.comments).toHaveLength(1);
    expect(rest.body.comments[0]).toMatchObject({ id: top.body.id, reply_count: 2 });
    expect(rest.body.has_more).toBe(false);
    const replies = await call(`/v1/comments/${top.body.id}/replies`);
    expect(replies.body.comments.map((c: { content: string }) => c.content)).toEqual(['thanks', 'me too']);

    expect((await call(`/v1/comments/${second.body.id}/like`, 'POST', fan)).body).toEqual({
      liked: true,
      like_count: 1,
    });
    expect((await call(`/v1/comments/${second.body.id}/like`, 'POST', fan)).body).toEqual({
      liked: true,
      like_count: 1,
    });
    const liked = await call(`/v1/videos/${video}/comments`, 'GET', fan);
    expect(liked.body.comments[0]).toMatchObject({ like_count: 1, viewer: { liked: true } });
    expect((await call(`/v1/comments/${second.body.id}/like`, 'DELETE', fan)).body).toEqual({
      liked: false,
      like_count: 0,
    });
    expect((await call(`/v1/videos/${video}`)).body.stats.comments).toBe(4);
  });

  it('pages comments 20 at a time when no count is asked', async () => {
    const video = await readyVideo(looply, creator, clip.file);
    for (let i = 0; i < 21; i++) expect((await comment(video, other, `comment ${i}`)).status).toBe(201);
    const first = await call(`/v1/videos/${video}/comments`);
    expect(first.body.comments).toHaveLength(20);
    expect(first.body.has_more).toBe(true);
    const next = await call(`/v1/videos/${video}/comments?cursor=${encodeURIComponent(first.body.cursor)}`);
    expect(next.body.comments.map((c: { content: string }) => c.content)).toEqual(['comment 0']);
  });

  it('hides the comments of accounts blocked either way from lists and replies, and keeps the counts', async () => {
    const [troll, shy] = await signUpAll(looply, ['troll', 'shy'] as const);
    const video = await readyVideo(looply, creator, clip.file);
    const fanTop = await comment(video, fan, 'fan thread');
    const trollTop = await comment(video, troll, 'troll thread');
    await comment(video, troll, 'troll reply', fanTop.body.id);
    await comment(video, other, 'other reply', fanTop.body.id);
    await comment(video, shy, 'shy thread');
    await comment(video, other, 'other thread');
    // fan blocks troll; shy blocks fan. Either way, the two do not see each other's comments.
    await call('/v1/users/troll/block', 'POST', fan);
    await call('/v1/users/fan/block', 'POST', shy);
    const contents = (body: { comments: Array<{ content: string }> }) => body.comments.map((c) => c.content);
    const top = async (as?: Account, query = '') =>
      (await call(`/v1/videos/${video}/comments${query}`, 'GET', as)).body;
    const replies = async (id: string, as?: Account) => (await call(`/v1/comments/${id}/replies`, 'GET', as)).body;

    expect(contents(await top(fan))).toEqual(['other thread', 'fan thread']);
    expect(contents(await replies(fanTop.body.id, fan))).toEqual(['other reply']);
    expect(contents(await top(troll))).toEqual(['other thread', 'shy thread', 'troll thread']);
    expect(contents(await top(shy))).toEqual(['other thread', 'shy thread', 'troll thread']);
    const everything = ['other thread', 'shy thread', 'troll thread', 'fan thread'];
    expect(contents(await top())).toEqual(everything);
    expect(contents(await top(other))).toEqual(everything);
    expect(contents(await replies(fanTop.body.id))).toEqual(['troll reply', 'other reply']);

    // Pages skip hidden comments without coming up short; counts still count them.
    const first = await top(fan, '?count=1');
    expect(contents(first)).toEqual(['other thread']);
    expect(first.has_more).toBe(true);
    const second = await top(fan, `?count=1&cursor=${encodeURIComponent(first.cursor)}`);
    expect(contents(second)).toEqual(['fan thread']);
    expect(second).toMatchObject({ has_more: false, cursor: null });
    expect(second.comments[0].reply_count).toBe(2);
    expect((await call(`/v1/videos/${video}`, 'GET', fan)).body.stats.comments).toBe(6);

    // A hidden comment is not there to open, answer or like.
    for (const [as, id] of [
      [fan, trollTop.body.id],
      [troll, fanTop.body.id],
    ] as const) {
      const refusals = [
        await call(`/v1/comments/${id}/replies`, 'GET', as),
        await comment(video, as, 'hello?', id),
        await call(`/v1/comments/${id}/like`, 'POST', as),
      ];
      for (const response of refusals) {
        expect({ status: response.status, code: response.body.error?.code }).toEqual({
          status: 404,
          code: 'COMMENT_NOT_FOUND',
        });
      }
    }

    // Unblocking shows them again; a creator can still delete the comment of an account they blocked.
    await call('/v1/users/troll/block', 'DELETE', fan);
    expect(contents(await replies(fanTop.body.id, fan))).toEqual(['troll reply', 'other reply']);
    await call('/v1/users/troll/block', 'POST', creator);
    expect(contents(await top(creator))).not.toContain('troll thread');
    expect((await call(`/v1/comments/${trollTop.body.id}`, 'DELETE', creator)).status).toBe(204);
    expect(contents(await top())).not.toContain('troll thread');
  });

  it('refuses empty, whitespace-only and over-long comments and replies to another video', async () => {
    const video = await readyVideo(looply, creator, clip.file);
    const cases: Array<[string, string]> = [
      ['', 'EMPTY_COMMENT'],
      [' \n\t ', 'EMPTY_COMMENT'],
      // Over the limit as sent: the schema refuses it (the check's COMMENT_TOO_LONG is for the trimmed text).
      ['x'.repeat(151), 'VALIDATION_FAILED'],
    ];
    for (const [content, code] of cases) {
      const response = await comment(video, fan, content);
      expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 400, code });
    }
    expect((await comment(video, fan, '🎉'.repeat(150))).status).toBe(201);
    expect((await comment(video, fan, 'x', MISSING)).body.error.code).toBe('COMMENT_NOT_FOUND');
    expect((await call(`/v1/videos/${video}/comments`, 'POST', undefined, { content: 'hi' })).status).toBe(401);
    expect((await call(`/v1/videos/${MISSING}/comments`)).status).toBe(404);
  });

  it('lets the writer and the creator delete a comment, nobody else; replies go with their thread', async () => {
    const video = await readyVideo(looply, creator, clip.file);
    const top = await comment(video, fan, 'a thread');
    const reply = await comment(video, other, 'a reply', top.body.id);
    await comment(video, fan, 'another reply', top.body.id);
    const byOther = await comment(video, other, 'rude');

    const refused = await call(`/v1/comments/${byOther.body.id}`, 'DELETE', fan);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_COMMENT_OWNER');
    expect((await call(`/v1/comments/${byOther.body.id}`, 'DELETE', creator)).status).toBe(204);
    expect((await call(`/v1/comments/${reply.body.id}`, 'DELETE', other)).status).toBe(204);
    const thread = await call(`/v1/videos/${video}/comments`);
    expect(thread.body.comments).toEqual([expect.objectContaining({ id: top.body.id, reply_count: 1 })]);
    expect((await call(`/v1/videos/${video}`)).body.stats.comments).toBe(2);

    expect((await call(`/v1/comments/${top.body.id}`, 'DELETE', fan)).status).toBe(204);
    expect((await call(`/v1/comments/${top.body.id}/replies`)).status).toBe(404);
    expect((await call(`/v1/comments/${top.body.id}`, 'DELETE', fan)).status).toBe(404);
    expect((await call(`/v1/videos/${video}`)).body.stats.comments).toBe(0);
  });

  it('records shares, also from visitors, and returns a link to the video', async () => {
    const video = await readyVideo(looply, creator, clip.file);
    const shared = await call(`/v1/videos/${video}/share`, 'POST', fan, { channel: 'whatsapp' });
    expect(shared.status).toBe(200);
    expect(shared.body.share_count).toBe(1);
    expect(shared.body.share_url).toBe(`${looply.url}/v/${video}`);
    expect((await call(`/v1/videos/${video}/share`, 'POST', undefined, {})).body.share_count).toBe(2);
    expect((await call(`/v1/videos/${video}/share`, 'POST', fan, { channel: 'Not A Channel!' })).status).toBe(400);
    expect((await call(`/v1/videos/${video}`)).body.stats.shares).toBe(2);
  });

  it('saves videos into a private list, newest first, leaving out those no longer visible', async () => {
    const [older, newer] = [await readyVideo(looply, creator, clip.file), await readyVideo(looply, creator, clip.file)];
    expect((await call(`/v1/videos/${older}/save`, 'POST', fan)).body).toEqual({ saved: true, save_count: 1 });
    expect((await call(`/v1/videos/${older}/save`, 'POST', fan)).body).toEqual({ saved: true, save_count: 1 });
    await call(`/v1/videos/${newer}/save`, 'POST', fan);
    const saved = await call('/v1/users/me/saved', 'GET', fan);
    expect(saved.body.videos.map((v: { id: string }) => v.id)).toEqual([newer, older]);
    expect(saved.body.videos[0].viewer).toEqual({ liked: false, saved: true });
    expect((await call('/v1/users/me/saved', 'GET', other)).body.videos).toEqual([]);
    expect((await call('/v1/users/me/saved')).status).toBe(401);

    await call(`/v1/videos/${newer}`, 'PATCH', creator, { visibility: 'private' });
    expect((await call('/v1/users/me/saved', 'GET', fan)).body.videos.map((v: { id: string }) => v.id)).toEqual([
      older,
    ]);
    expect((await call(`/v1/videos/${older}/save`, 'DELETE', fan)).body).toEqual({ saved: false, save_count: 0 });
    expect((await call(`/v1/videos/${newer}/save`, 'DELETE', fan)).body.saved).toBe(false);
  });

  it('redirects a download to the MP4 when the creator allows it, and refuses it otherwise', async () => {
    const open = await readyVideo(looply, creator, clip.file);
    const download = await fetch(`${looply.url}/v1/videos/${open}/download`, { redirect: 'manual' });
    expect(download.status).toBe(302);
    const location = download.headers.get('location') ?? '';
    expect(location).toMatch(/^\/media\/videos\/.+\.mp4$/);
    const file = await fetch(`${looply.url}${location}`);
    expect(file.status).toBe(200);
    expect(Number(file.headers.get('content-length'))).toBeGreaterThan(1000);

    const closed = await readyVideo(looply, creator, clip.file, 'no downloads', { allowDownload: false });
    const refused = await looply.api(`/v1/videos/${closed}/download`, { token: fan.access_token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('DOWNLOAD_DISABLED');
    expect((await looply.api(`/v1/videos/${MISSING}/download`)).status).toBe(404);
  });

  it('lets only the author edit or delete a video', async () => {
    const video = await readyVideo(looply, creator, clip.file, 'old caption #old');
    const edited = await call(`/v1/videos/${video}`, 'PATCH', creator, { caption: 'new caption #fresh' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ caption: 'new caption #fresh', hashtags: ['fresh'], visibility: 'public' });
    expect((await call(`/v1/videos/${video}`, 'PATCH', creator, { visibility: 'everyone' })).status).toBe(400);

    const notOwner = await call(`/v1/videos/${video}`, 'PATCH', fan, { caption: 'mine now' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.code).toBe('NOT_VIDEO_OWNER');
    expect((await call(`/v1/videos/${video}`, 'DELETE', fan)).status).toBe(403);
    expect((await call(`/v1/videos/${video}`, 'DELETE')).status).toBe(401);

    expect((await call(`/v1/videos/${video}`, 'DELETE', creator)).status).toBe(204);
    expect((await call(`/v1/videos/${video}`)).status).toBe(404);
    expect((await call(`/v1/videos/${video}`, 'DELETE', creator)).status).toBe(404);
  });

  it('moves the counts to the store within seconds, showing the same numbers throughout', async () => {
    const video = await readyVideo(looply, creator, clip.file);
    await call(`/v1/videos/${video}/like`, 'POST', fan);
    await call(`/v1/videos/${video}/save`, 'POST', fan);
    await comment(video, fan, 'counted');
    await call(`/v1/videos/${video}/share`, 'POST', fan, { channel: 'link' });
    const expected = { likes: 1, comments: 1, shares: 1, saves: 1 };
    expect((await call(`/v1/videos/${video}`)).body.stats).toMatchObject(expected);
    await vi.waitFor(
      async () => {
        const state = await looply.services.counters.videoCounterState(video);
        expect(state).toEqual({ stored: expected, pending: { likes: 0, comments: 0, shares: 0, saves: 0 } });
      },
      { timeout: 5000, interval: 100 },
    );
    expect((await call(`/v1/videos/${video}`)).body.stats).toMatchObject(expected);
  });
});
