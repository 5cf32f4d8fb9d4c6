import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../support/api-client.ts';
import { eventually, publishedVideo } from '../support/search.ts';
import { type Account, signUpAll } from '../support/social.ts';
import { relationalStoreVariants, useVariantLooply } from '../support/variant-looply.ts';

const variants = relationalStoreVariants('search');

describe.each(variants)('search through the API ($name)', (variant) => {
  const { looply } = useVariantLooply(variant);

  const search = (query: string, params: Record<string, string> = {}, as?: Account) =>
    looply.api(`/v1/search?${new URLSearchParams({ query, ...params })}`, as ? { token: as.access_token } : {});
  const names = (response: ApiResponse, list: string, field = 'name'): string[] =>
    (response.body[list] as Array<Record<string, string>>).map((item) => item[field] ?? '');
  const video = (author: Account, caption: string, hashtags: string[] = [], soundId?: string) =>
    publishedVideo(looply, author.user.id, { caption, hashtags, soundId: soundId ?? null });
  const view = (id: string) =>
    looply.api(`/v1/videos/${id}/view`, {
      method: 'POST',
      json: { watch_time_ms: 3000, completion_rate: 1, replay_count: 0, source: 'test' },
    });

  it('ranks exact above prefix above a close spelling, and the popular above the obscure', async () => {
    const [ada] = await signUpAll(looply, ['ada_moves'] as const);
    await video(ada, 'first steps', ['dance']);
    await video(ada, 'at the club', ['dancehall']);
    await video(ada, 'en francais', ['danse']);
    await video(ada, 'big moves', ['choreography']);
    const obscure = await video(ada, 'sunset timelapse over the bay');
    const popular = await video(ada, 'sunset timelapse over the bay');
    for (let i = 0; i < 3; i += 1) expect((await view(popular)).status).toBe(204);

    await eventually(async () => {
      expect(names(await search('dance', { type: 'hashtags' }), 'hashtags')).toEqual(['dance', 'dancehall', 'danse']);
    });
    // A prefix finds the whole tag, and a misspelt word its correct spelling, for hashtags and for videos.
    expect(names(await search('danc', { type: 'hashtags' }), 'hashtags').slice(0, 2)).toEqual(['dance', 'dancehall']);
    expect(names(await search('#Choreografy', { type: 'hashtags' }), 'hashtags')).toEqual(['choreography']);
    const typo = await search('choreografy', { type: 'videos' });
    expect(typo.body.videos.map((v: { caption: string }) => v.caption)).toEqual(['big moves']);
    // Search as you type: a typo inside the word being typed still finds what it begins.
    expect(names(await search('dnac', { type: 'hashtags' }), 'hashtags').slice(0, 2)).toEqual(['dance', 'dancehall']);
    expect(names(await search('dancw', { type: 'hashtags' }), 'hashtags')).toEqual(['dance', 'dancehall', 'danse']);
    const typed = await search('dancw', { type: 'videos' });
    expect(new Set(typed.body.videos.slice(0, 2).map((v: { caption: string }) => v.caption))).toEqual(
      new Set(['first steps', 'at the club']),
    );
    const suggested = (await looply.api('/v1/search/suggest?query=dnac')).body.suggestions;
    expect(suggested).toContainEqual({ type: 'hashtag', text: 'dance', id: 'dance' });
    await eventually(async () => {
      const sunsets = await search('sunset timelapse', { type: 'videos' });
      expect(names(sunsets, 'videos', 'id')).toEqual([popular, obscure]);
    });
  });

  it("ranks exact above prefix above typo'd prefix above close spelling, for every kind, whatever the popularity", async () => {
    // Each account posts one video (its caption and hashtag are the account's word) and makes its sound of it.
    const words = {
      flamenco: 'flamenco',
      flamenco_fan: 'flamencostyle',
      flamengo_fc: 'flamengo',
      aflamenco: 'aflamenco',
    };
    const accounts = await signUpAll(looply, Object.keys(words) as Array<keyof typeof words>);
    const videos: string[] = [];
    const sounds: string[] = [];
    for (const account of accounts) {
      const word = words[account.user.username as keyof typeof words];
      const id = await video(account, word, [word]);
      videos.push(id);
      const sound = await looply.services.sounds.createOriginalSound({
        videoId: id,
        ownerId: account.user.id,
        durationMs: 2000,
        audioKey: `sounds/${id}/a.m4a`,
      });
      sounds.push(sound.id);
    }
    // The typo'd and the close ones are the most watched: the tier still comes first.
    for (const id of videos.slice(2)) for (let i = 0; i < 3; i += 1) expect((await view(id)).status).toBe(204);
    await eventually(async () => {
      expect((await looply.api('/v1/hashtags/aflamenco')).body.view_count).toBe(3);
      expect(names(await search('flamenco', { type: 'sounds' }), 'sounds', 'id')).toHaveLength(4);
    });

    const usernames = Object.keys(words);
    const exactPrefixTypoClose = {
      users: [usernames, 'username'],
      hashtags: [Object.values(words), 'name'],
      sounds: [sounds, 'id'],
      videos: [videos, 'id'],
    } as const;
    for (const [type, [expected, field]] of Object.entries(exactPrefixTypoClose)) {
      const found = await search('flamenco', { type });
      // A video word is only corrected when it starts no known word (and "flamenco" is one): no close spelling here.
      expect(names(found, type, field), type).toEqual(type === 'videos' ? expected.slice(0, 3) : expected);
    }
    // For videos, "flamencq" starts no known word: typo'd prefixes ("flamenc…") rank above a close spelling (flamengo).
    const misspelt = names(await search('flamencq', { type: 'videos' }), 'videos', 'id');
    expect(new Set(misspelt.slice(0, 2))).toEqual(new Set(videos.slice(0, 2)));
    expect(misspelt.slice(2)).toEqual([videos[2]]);
    // A typo inside the word being typed: "flmaen" starts flamenco, flamencostyle and flamengo.
    for (const [type, [expected, field]] of Object.entries(exactPrefixTypoClose)) {
      const found = await search('flmaen', { type });
      expect(new Set(names(found, type, field)), type).toEqual(new Set(expected.slice(0, 3)));
    }
  });

  it('finds accounts by username, a misspelt username, display name and bio, keeping blocks apart', async () => {
    const [marco, marcopolo, maria, reader] = await signUpAll(looply, [
      'marco',
      'marcopolo',
      'maria_lopez',
      'reader_one',
    ] as const);
    const patch = await looply.api('/v1/users/me', {
      method: 'PATCH',
      token: maria.access_token,
      json: { display_name: 'Skater Girl', bio: 'kickflips and coffee' },
    });
    expect(patch.status).toBe(200);

    await eventually(async () => {
      expect(names(await search('marco', { type: 'users' }), 'users', 'username')).toEqual(['marco', 'marcopolo']);
      expect(names(await search('mariia_lopez', { type: 'users' }), 'users', 'username')).toEqual(['maria_lopez']);
      expect(names(await search('skater', { type: 'users' }), 'users', 'username')).toEqual(['maria_lopez']);
    });
    expect(names(await search('kickflips', { type: 'users' }), 'users', 'username')).toEqual(['maria_lopez']);
    expect((await search('marco', { type: 'users' })).body.users[0]).toMatchObject({
      id: marco.user.id,
      display_name: 'marco',
      is_private: false,
    });

    // A block either way hides the account from the other's search.
    const blocked = await looply.api('/v1/users/marcopolo/block', { method: 'POST', token: reader.access_token });
    expect(blocked.status).toBe(200);
    expect(names(await search('marco', { type: 'users' }, reader), 'users', 'username')).toEqual(['marco']);
    expect(names(await search('reader', { type: 'users' }, marcopolo), 'users', 'username')).toEqual([]);
  });

  it('shows only ready public videos the viewer may see, and follows edits and deletions', async () => {
    const [ivy, ned] = await signUpAll(looply, ['ivy_films', 'ned_watch'] as const);
    const keep = await video(ivy, 'glacier hike part one');
    const hide = await video(ivy, 'glacier hike part two');
    const gone = await video(ivy, 'glacier hike part three');
    await eventually(async () => {
      expect(new Set(names(await search('glacier', { type: 'videos' }), 'videos', 'id'))).toEqual(
        new Set([keep, hide, gone]),
      );
    });
    const privately = await looply.api(`/v1/videos/${hide}`, {
      method: 'PATCH',
      token: ivy.access_token,
      json: { visibility: 'private', caption: 'glacier hike part two #ice' },
    });
    expect(privately.status).toBe(200);
    expect((await looply.api(`/v1/videos/${gone}`, { method: 'DELETE', token: ivy.access_token })).status).toBe(204);
    // Its author may see every one of them, so only the index leaves them out of the author's search.
    await eventually(async () => {
      expect(names(await search('glacier', { type: 'videos' }, ivy), 'videos', 'id')).toEqual([keep]);
    });
    expect(names(await search('glacier', { type: 'videos' }), 'videos', 'id')).toEqual([keep]);
    expect((await search('ice', { type: 'hashtags' })).body.hashtags).toEqual([]);

    // Blocked: the author's videos vanish from the blocked account's search at once (the videos module decides).
    await looply.api('/v1/users/ned_watch/block', { method: 'POST', token: ivy.access_token });
    expect((await search('glacier', { type: 'videos' }, ned)).body.videos).toEqual([]);
    expect(names(await search('glacier', { type: 'videos' }, ivy), 'videos', 'id')).toEqual([keep]);
  });

  it('pages without repeats or gaps while new matches arrive', async () => {
    const [pam] = await signUpAll(looply, ['pam_pages'] as const);
    const original = new Set<string>();
    for (let i = 0; i < 9; i += 1) original.add(await video(pam, `origami crane number ${i}`, ['origami']));
    await eventually(async () => {
      expect((await search('origami', { type: 'videos', count: '50' })).body.videos).toHaveLength(9);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ApiResponse = await search('origami', { type: 'videos', count: '4', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...names(page, 'videos', 'id'));
      cursor = page.body.cursor;
      expect(page.body.has_more).toBe(cursor !== null);
      // New matches land between pages.
      await video(pam, `origami frog ${pages}`, ['origami']);
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen.length).toBe(new Set(seen).size);
    for (const id of original) expect(seen).toContain(id);

    // Hashtag lists page the same way.
    const first = await search('origam', { type: 'hashtags', count: '1' });
    expect(names(first, 'hashtags')).toEqual(['origami']);
  });

  it('answers queries that look like injections safely and refuses empty or too long ones', async () => {
    const [zed] = await signUpAll(looply, ['zed_safe'] as const);
    await video(zed, 'salsa night', ['salsa', 'salsa_2026']);
    await eventually(async () => {
      expect(names(await search('salsa', { type: 'hashtags' }), 'hashtags')).toEqual(['salsa', 'salsa_2026']);
    });
    const types = ['all', 'videos', 'users', 'sounds', 'hashtags'];
    // Without a letter or digit a query finds nothing, rather than everything.
    for (const query of ['%', '_', "'", '\\', '%%', '💃🔥', '&|!:*()', "'--;"]) {
      for (const type of types) {
        const response = await search(query, { type });
        expect(response.status, `${type} ${query}`).toBe(200);
        for (const list of ['users', 'hashtags', 'sounds', 'videos']) {
          expect(response.body[list] ?? [], `${type} ${query} ${list}`).toEqual([]);
        }
      }
      expect((await looply.api(`/v1/search/suggest?${new URLSearchParams({ query })}`)).body.suggestions).toEqual([]);
    }
    // SQL in a query is only words to look for.
    for (const query of ["' or 1=1 --", "salsa'; drop table search_videos; --", 'salsa:* | !x', "\\'salsa\\'"]) {
      for (const type of types) expect((await search(query, { type })).status, `${type} ${query}`).toBe(200);
      expect((await looply.api(`/v1/search/suggest?${new URLSearchParams({ query })}`)).status).toBe(200);
    }
    // Punctuation and emoji around a word are ignored; `_` counts inside a hashtag.
    expect(names(await search("💃 salsa' --", { type: 'hashtags' }), 'hashtags')).toEqual(['salsa', 'salsa_2026']);
    expect(names(await search('salsa_2', { type: 'hashtags' }), 'hashtags')).toEqual(['salsa_2026', 'salsa']);
    expect(names(await search('sal%', { type: 'hashtags' }), 'hashtags')).toEqual(['salsa', 'salsa_2026']);

    const refusals: Array<[string, number, string]> = [
      ['/v1/search?query=', 400, 'QUERY_REQUIRED'],
      ['/v1/search?query=%20%20%20', 400, 'QUERY_REQUIRED'],
      ['/v1/search', 400, 'QUERY_REQUIRED'],
      [`/v1/search?query=${'a'.repeat(201)}`, 400, 'QUERY_TOO_LONG'],
      [`/v1/search?query=${encodeURIComponent('💃'.repeat(201))}`, 400, 'QUERY_TOO_LONG'],
      [`/v1/search?query=${'x'.repeat(5000)}`, 400, 'QUERY_TOO_LONG'],
      ['/v1/search?query=salsa&type=everything', 400, 'VALIDATION_FAILED'],
      ['/v1/search?query=salsa&type=videos&cursor=bm9wZQ', 400, 'INVALID_CURSOR'],
      ['/v1/search?query=salsa&type=videos&count=0', 400, 'VALIDATION_FAILED'],
      ['/v1/search/suggest?query=', 400, 'QUERY_REQUIRED'],
      [`/v1/search/suggest?query=${'a'.repeat(201)}`, 400, 'QUERY_TOO_LONG'],
      ['/v1/hashtags/no_such_tag_here', 404, 'HASHTAG_NOT_FOUND'],
      ['/v1/sounds/6f9619ff-8b86-4011-b42d-00c04fc964ff/videos', 404, 'SOUND_NOT_FOUND'],
    ];
    for (const [path, status, code] of refusals) {
      const response = await looply.api(path);
      expect(response.status, path).toBe(status);
      expect(response.body.error.code, path).toBe(code);
    }
    expect((await looply.api(`/v1/search?query=${'a'.repeat(200)}`)).status).toBe(200);
  });

  it('serves sounds, hashtag and sound pages, suggestions and the mixed answer', async () => {
    const [kilo] = await signUpAll(looply, ['dj_kilo'] as const);
    const source = await video(kilo, 'my beat', ['beatbox']);
    const sound = await looply.services.sounds.createOriginalSound({
      videoId: source,
      ownerId: kilo.user.id,
      durationMs: 2000,
      audioKey: `sounds/${source}/a.m4a`,
    });
    const reuse = await video(kilo, 'same beat again', ['beatbox'], sound.id);
    await view(reuse);
    await eventually(async () => {
      const sounds = await search('dj_kilo', { type: 'sounds' });
      expect(sounds.body.sounds).toEqual([
        {
          id: sound.id,
          title: 'original sound - dj_kilo',
          artist: 'dj_kilo',
          owner_id: kilo.user.id,
          duration_ms: 2000,
          video_count: 1,
        },
      ]);
      const tag = await looply.api('/v1/hashtags/%23BeatBox');
      expect(tag.body).toMatchObject({ name: 'beatbox', video_count: 2, view_count: 1, has_more: false });
      expect(tag.body.videos.map((v: { id: string }) => v.id)).toEqual([reuse, source]);
    });
    const page = await looply.api(`/v1/sounds/${sound.id}/videos`);
    expect(page.body).toMatchObject({ sound_id: sound.id, video_count: 1, has_more: false, cursor: null });
    expect(page.body.videos.map((v: { id: string }) => v.id)).toEqual([reuse]);
    expect(names(await search('original sound', { type: 'sounds' }), 'sounds', 'id')).toContain(sound.id);

    const suggestions = (await looply.api('/v1/search/suggest?query=beat')).body.suggestions;
    expect(suggestions[0]).toEqual({ type: 'hashtag', text: 'beatbox', id: 'beatbox' });
    expect(suggestions.length).toBeLessThanOrEqual(10);
    const typoSuggestions = (await looply.api('/v1/search/suggest?query=beatbxo')).body.suggestions;
    expect(typoSuggestions).toContainEqual({ type: 'hashtag', text: 'beatbox', id: 'beatbox' });

    const all = await search('beatbox');
    expect(all.body).toMatchObject({ query: 'beatbox', type: 'all', cursor: null });
    expect(names(all, 'hashtags')).toEqual(['beatbox']);
    expect(all.body.videos).toHaveLength(2);
    expect(Array.isArray(all.body.users) && Array.isArray(all.body.sounds)).toBe(true);
  });

  it('lists an original sound only while its video is open to everyone, and a rebuild agrees', async () => {
    const [lena, stranger] = await signUpAll(looply, ['lena_loops', 'stranger_sam'] as const);
    const source = await video(lena, 'loop pedal jam');
    const sound = await looply.services.sounds.createOriginalSound({
      videoId: source,
      ownerId: lena.user.id,
      durationMs: 2000,
      audioKey: `sounds/${source}/a.m4a`,
    });
    // Other sounds' titles are close spellings of it: only this one's presence is checked.
    const title = 'original sound - lena_loops';
    const foundBy = async (as?: Account) => names(await search(title, { type: 'sounds' }, as), 'sounds', 'id');
    const suggestedTo = async (as?: Account) => {
      const answer = await looply.api(
        `/v1/search/suggest?${new URLSearchParams({ query: 'original sound - lena' })}`,
        as ? { token: as.access_token } : {},
      );
      return (answer.body.suggestions as Array<{ type: string; id: string }>)
        .filter((item) => item.type === 'sound')
        .map((item) => item.id);
    };
    const soundPage = (as?: Account) =>
      looply.api(`/v1/sounds/${sound.id}/videos`, as ? { token: as.access_token } : {});
    const setVisibility = async (visibility: string) => {
      const patched = await looply.api(`/v1/videos/${source}`, {
        method: 'PATCH',
        token: lena.access_token,
        json: { visibility },
      });
      expect(patched.status).toBe(200);
    };
    await eventually(async () => {
      expect(await foundBy(stranger)).toContain(sound.id);
      expect(await suggestedTo(stranger)).toEqual([sound.id]);
    });

    await setVisibility('private');
    await eventually(async () => {
      expect(await foundBy(stranger)).not.toContain(sound.id);
    });
    expect(await foundBy()).not.toContain(sound.id);
    expect(await suggestedTo(stranger)).toEqual([]);
    expect((await soundPage(stranger)).status).toBe(404);
    // Its owner still finds it, as GET /v1/sounds/{id} still shows it to them.
    expect(await foundBy(lena)).toContain(sound.id);
    expect(await suggestedTo(lena)).toEqual([sound.id]);
    expect((await soundPage(lena)).status).toBe(200);
    // A rebuild does not bring it back.
    await looply.services.search.rebuild();
    expect(await foundBy(stranger)).not.toContain(sound.id);

    await setVisibility('public');
    await eventually(async () => {
      expect(await foundBy(stranger)).toContain(sound.id);
    });
    expect(await suggestedTo(stranger)).toEqual([sound.id]);
    expect((await soundPage(stranger)).status).toBe(200);

    // As if indexed before documents named the source video: hidden until a rebuild asks the sounds module.
    await looply.infra.db.query('update search_sounds set source_video_id = null, source_known = false where id = $1', [
      sound.id,
    ]);
    expect(await foundBy(stranger)).not.toContain(sound.id);
    await looply.services.search.rebuild();
    expect(await foundBy(stranger)).toContain(sound.id);
  });

  it('rebuilds from the owning modules without counting anything twice', async () => {
    const [oldTimer] = await signUpAll(looply, ['old_timer'] as const);
    const vinyl = await video(oldTimer, 'vintage vinyl collection', ['vinyl']);
    expect((await view(vinyl)).status).toBe(204);
    await eventually(async () => {
      expect((await looply.api('/v1/hashtags/vinyl')).body).toMatchObject({ video_count: 1, view_count: 1 });
      expect(names(await search('old_timer', { type: 'users' }), 'users', 'username')).toEqual(['old_timer']);
    });
    // As if the account predated search (no UserRegistered) and its document had never been written.
    await looply.infra.db.query('delete from search_users where id = $1', [oldTimer.user.id]);
    expect((await search('old_timer', { type: 'users' })).body.users).toEqual([]);

    const rebuilt = await looply.services.search.rebuild();
    expect(rebuilt.users).toBeGreaterThanOrEqual(1);
    expect(rebuilt.videos).toBeGreaterThanOrEqual(1);
    expect(names(await search('old_timer', { type: 'users' }), 'users', 'username')).toEqual(['old_timer']);
    expect((await looply.api('/v1/hashtags/vinyl')).body).toMatchObject({ video_count: 1, view_count: 1 });
    expect(names(await search('vinyl', { type: 'videos' }), 'videos', 'id')).toEqual([vinyl]);
  });
});
