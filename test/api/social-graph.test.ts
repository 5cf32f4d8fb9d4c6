import { describe, expect, it } from 'vitest';
import { signUp, waitUntilRecommendable } from '../support/looply.ts';
import { distributedUrls } from '../support/services.ts';
import { type Account, readyVideo, signUpAll, socialVariants } from '../support/social.ts';
import { useVariantLooply } from '../support/variant-looply.ts';

const variants = socialVariants(distributedUrls());

describe.each(variants)('the social graph ($name)', (variant) => {
  const { looply, clip, call } = useVariantLooply(variant, { clip: true });
  const follow = (as: Account, username: string) => call(`/v1/users/${username}/follow`, 'POST', as);
  const profile = async (username: string, as?: Account) => (await call(`/v1/users/${username}`, 'GET', as)).body;
  const usernames = (body: { users: Array<{ username: string }> }) => body.users.map((user) => user.username);

  it('follows a public account at once, counts both ways, pages the lists and detects friends', async () => {
    const [ann, bob, cat, dan] = await signUpAll(looply, ['ann', 'bob', 'cat', 'dan'] as const);
    for (const fan of [bob, cat, dan]) {
      expect((await follow(fan, 'ann')).body).toEqual({ following: true, requested: false });
    }
    // Repeating changes nothing and answers the same.
    const again = await follow(bob, 'ann');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ following: true, requested: false });

    expect(await profile('ann', bob)).toMatchObject({
      stats: { followers: 3, following: 0, likes: 0, videos: 0 },
      relationship: { following: true, followed_by: false, requested: false, blocked: false, friends: false },
    });
    expect((await profile('ann')).relationship).toBeUndefined();
    expect((await profile('bob')).stats).toMatchObject({ followers: 0, following: 1 });

    await follow(ann, 'bob');
    expect((await profile('ann', bob)).relationship).toMatchObject({
      following: true,
      followed_by: true,
      friends: true,
    });

    const first = await call('/v1/users/ann/followers?count=2');
    expect(usernames(first.body)).toEqual(['dan', 'cat']);
    expect(first.body.has_more).toBe(true);
    const second = await call(`/v1/users/ann/followers?count=2&cursor=${encodeURIComponent(first.body.cursor)}`);
    expect(usernames(second.body)).toEqual(['bob']);
    expect(second.body).toMatchObject({ has_more: false, cursor: null });
    expect(usernames((await call('/v1/users/bob/following')).body)).toEqual(['ann']);

    const unfollow = await call('/v1/users/ann/follow', 'DELETE', dan);
    expect(unfollow.body).toEqual({ following: false, requested: false });
    expect((await call('/v1/users/ann/follow', 'DELETE', dan)).body).toEqual({ following: false, requested: false });
    expect((await profile('ann')).stats.followers).toBe(2);
    expect((await profile('dan')).stats.following).toBe(0);
  });

  it('refuses following oneself, unknown accounts, visitors and bad cursors', async () => {
    const eli = await signUp(looply, 'eli');
    const self = await follow(eli, 'eli');
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('CANNOT_FOLLOW_SELF');
    expect((await follow(eli, 'nobody_here')).status).toBe(404);
    expect((await call('/v1/users/eli/follow', 'POST')).status).toBe(401);
    expect((await call('/v1/users/eli/followers?cursor=nope')).body.error.code).toBe('INVALID_CURSOR');
    expect((await call('/v1/users/eli/block', 'POST', eli)).body.error.code).toBe('CANNOT_BLOCK_SELF');
  });

  it('keeps a private account to followers it approved', async () => {
    const [eve, fay, gus] = await signUpAll(looply, ['eve', 'fay', 'gus'] as const);
    const made = await call('/v1/users/me', 'PATCH', eve, { is_private: true });
    expect(made.body.is_private).toBe(true);
    const video = await readyVideo(looply, eve, clip.file, 'private account clip');
    await waitUntilRecommendable(looply, video);

    expect((await follow(fay, 'eve')).body).toEqual({ following: false, requested: true });
    expect((await follow(fay, 'eve')).body).toEqual({ following: false, requested: true });
    await follow(gus, 'eve');
    expect((await profile('eve', fay)).relationship).toMatchObject({ following: false, requested: true });

    // Until approved: no video list, no video, not in the For You feed, no follower lists.
    for (const viewer of [fay, undefined]) {
      const list = await call('/v1/users/eve/videos', 'GET', viewer);
      expect(list.status).toBe(403);
      expect(list.body.error.code).toBe('PRIVATE_ACCOUNT');
      expect((await call(`/v1/videos/${video}`, 'GET', viewer)).status).toBe(404);
      const feed = await call('/v1/feed/fyp?count=50', 'GET', viewer);
      expect(feed.body.videos.map((v: { id: string }) => v.id)).not.toContain(video);
    }
    expect((await call('/v1/users/eve/followers', 'GET', fay)).body.error.code).toBe('PRIVATE_ACCOUNT');
    expect((await profile('eve', fay)).stats.videos).toBe(0);

    const requests = await call('/v1/users/me/follow-requests', 'GET', eve);
    expect(requests.body.requests.map((r: { user: { username: string } }) => r.user.username)).toEqual(['gus', 'fay']);
    expect((await call('/v1/users/me/follow-requests', 'GET', gus)).body.requests).toEqual([]);

    expect((await call('/v1/users/me/follow-requests/gus/deny', 'POST', eve)).status).toBe(204);
    expect((await profile('eve', gus)).relationship.requested).toBe(false);
    expect((await call('/v1/users/me/follow-requests/fay/approve', 'POST', eve)).status).toBe(204);
    const twice = await call('/v1/users/me/follow-requests/fay/approve', 'POST', eve);
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe('FOLLOW_REQUEST_NOT_FOUND');

    expect((await profile('eve', fay)).relationship).toMatchObject({ following: true, requested: false });
    expect((await call('/v1/users/eve/videos', 'GET', fay)).body.videos.map((v: { id: string }) => v.id)).toEqual([
      video,
    ]);
    expect((await call(`/v1/videos/${video}`, 'GET', fay)).status).toBe(200);
    expect(usernames((await call('/v1/users/eve/followers', 'GET', fay)).body)).toEqual(['fay']);
    expect((await call(`/v1/videos/${video}`, 'GET', gus)).status).toBe(404);
  });

  it('cuts follows both ways on a block and keeps the blocked account out', async () => {
    const [hal, ivy] = await signUpAll(looply, ['hal', 'ivy'] as const);
    await follow(hal, 'ivy');
    await follow(ivy, 'hal');
    const video = await readyVideo(looply, hal, clip.file, 'before the block');

    expect((await call('/v1/users/ivy/block', 'POST', hal)).body).toEqual({ blocked: true });
    expect((await call('/v1/users/ivy/block', 'POST', hal)).body).toEqual({ blocked: true });
    expect((await profile('hal')).stats).toMatchObject({ followers: 0, following: 0 });
    expect((await profile('ivy', hal)).relationship).toMatchObject({ blocked: true, following: false });

    const refused = [
      await follow(ivy, 'hal'),
      await call(`/v1/videos/${video}/comments`, 'POST', ivy, { content: 'let me in' }),
      await call(`/v1/videos/${video}/like`, 'POST', ivy),
      await call('/v1/users/hal/videos', 'GET', ivy),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('BLOCKED');
    }
    expect((await call(`/v1/videos/${video}`, 'GET', ivy)).status).toBe(404);
    expect((await call(`/v1/videos/${video}/comments`, 'GET', ivy)).status).toBe(403);
    expect((await follow(hal, 'ivy')).body.error.code).toBe('BLOCKED');

    expect((await call('/v1/users/ivy/block', 'DELETE', hal)).body).toEqual({ blocked: false });
    expect((await call(`/v1/videos/${video}`, 'GET', ivy)).status).toBe(200);
    expect((await follow(ivy, 'hal')).body).toEqual({ following: true, requested: false });
  });

  it('lists the accounts one blocked, newest first, in pages shaped like the follower list', async () => {
    const [nia, ola, , quy, rex] = await signUpAll(looply, ['nia', 'ola', 'pam', 'quy', 'rex'] as const);
    for (const name of ['ola', 'pam', 'quy']) await call(`/v1/users/${name}/block`, 'POST', nia);
    // Blocking again neither repeats nor reorders; a block of nia by someone else is not hers to list.
    await call('/v1/users/ola/block', 'POST', nia);
    await call('/v1/users/nia/block', 'POST', rex);
    await follow(ola, 'rex');

    const first = await call('/v1/users/me/blocked?count=2', 'GET', nia);
    expect(first.status).toBe(200);
    expect(usernames(first.body)).toEqual(['quy', 'pam']);
    expect(first.body.has_more).toBe(true);
    // The same user shape as the follower list.
    const follower = (await call('/v1/users/rex/followers')).body.users[0];
    expect(Object.keys(first.body.users[0]).sort()).toEqual(Object.keys(follower).sort());
    const second = await call(
      `/v1/users/me/blocked?count=2&cursor=${encodeURIComponent(first.body.cursor)}`,
      'GET',
      nia,
    );
    expect(usernames(second.body)).toEqual(['ola']);
    expect(second.body).toMatchObject({ has_more: false, cursor: null });

    await call('/v1/users/pam/block', 'DELETE', nia);
    expect(usernames((await call('/v1/users/me/blocked', 'GET', nia)).body)).toEqual(['quy', 'ola']);
    expect(usernames((await call('/v1/users/me/blocked', 'GET', rex)).body)).toEqual(['nia']);
    expect((await call('/v1/users/me/blocked', 'GET', quy)).body).toEqual({ users: [], cursor: null, has_more: false });

    const visitor = await call('/v1/users/me/blocked');
    expect(visitor.status).toBe(401);
    expect(visitor.body.error.code).toBe('AUTH_REQUIRED');
    const bad = await call('/v1/users/me/blocked?cursor=nope', 'GET', nia);
    expect({ status: bad.status, code: bad.body.error.code }).toEqual({ status: 400, code: 'INVALID_CURSOR' });
    expect((await call('/v1/users/me/blocked?count=0', 'GET', nia)).status).toBe(400);
  });

  it('serves the following feed newest first, with friends-only videos for friends and nothing hidden', async () => {
    const [jay, kim, lee, mo] = await signUpAll(looply, ['jay', 'kim', 'lee', 'mo_'] as const);
    await follow(jay, 'kim');
    await follow(jay, 'lee');
    const kimPublic = await readyVideo(looply, kim, clip.file, 'kim public');
    const kimFriends = await readyVideo(looply, kim, clip.file, 'kim friends');
    await call(`/v1/videos/${kimFriends}`, 'PATCH', kim, { visibility: 'friends' });
    const leePublic = await readyVideo(looply, lee, clip.file, 'lee public');
    const ids = (body: { videos: Array<{ id: string }> }) => body.videos.map((v) => v.id);

    expect(ids((await call('/v1/feed/following', 'GET', jay)).body)).toEqual([leePublic, kimPublic]);
    const page = await call('/v1/feed/following?count=1', 'GET', jay);
    expect(ids(page.body)).toEqual([leePublic]);
    expect(page.body.has_more).toBe(true);
    const next = await call(`/v1/feed/following?count=1&cursor=${encodeURIComponent(page.body.cursor)}`, 'GET', jay);
    expect(ids(next.body)).toEqual([kimPublic]);

    // Mutual follows make them friends: the friends-only video appears, for jay only.
    await follow(kim, 'jay');
    expect(ids((await call('/v1/feed/following', 'GET', jay)).body)).toEqual([leePublic, kimFriends, kimPublic]);
    expect((await call(`/v1/videos/${kimFriends}`, 'GET', jay)).status).toBe(200);
    expect((await call(`/v1/videos/${kimFriends}`, 'GET', mo)).status).toBe(404);
    expect(ids((await call('/v1/users/kim/videos', 'GET', jay)).body)).toContain(kimFriends);
    expect(ids((await call('/v1/users/kim/videos', 'GET', mo)).body)).not.toContain(kimFriends);

    await call(`/v1/videos/${kimPublic}`, 'PATCH', kim, { visibility: 'private' });
    expect(ids((await call('/v1/feed/following', 'GET', jay)).body)).toEqual([leePublic, kimFriends]);
    await call('/v1/users/jay/block', 'POST', lee);
    expect(ids((await call('/v1/feed/following', 'GET', jay)).body)).toEqual([kimFriends]);

    expect((await call('/v1/feed/following', 'GET', mo)).body.videos).toEqual([]);
    expect((await call('/v1/feed/following')).status).toBe(401);
  });
});
