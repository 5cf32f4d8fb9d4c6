import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostileWorld, type HostileWorld } from '../support/hostile-world.ts';
import { startTestLooply, type TestLooply } from '../support/looply.ts';

/**
 * Hostile requests found by the attack run of issue 10 and by test/fuzz/openapi-fuzz.test.ts, each answered with a
 * 4xx and never a 5xx nor a silent success. One row per request; a row names what the world must hold (ids of real
 * objects) through `World`.
 */

type World = HostileWorld;

interface HostileRequest {
  name: string;
  method?: string;
  path: (w: World) => string;
  /** As raw text with `content-type: application/json`, so lone surrogates and odd numbers reach the server as sent. */
  rawJson?: string;
  body?: () => BodyInit;
  headers?: Record<string, string>;
  as?: 'bea' | 'cal';
  status: number;
  code?: string;
}

const cursor = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');
const UUID_OF = (w: World) => w.video.toUpperCase();
const NOWHERE = '00000000-0000-4000-8000-000000000000';

const TIME_LISTS: Array<(w: World) => string> = [
  (w: World) => `/v1/videos/${w.video}/comments`,
  (w: World) => `/v1/comments/${w.comment}/replies`,
  () => '/v1/users/bea/videos',
  () => '/v1/users/bea/followers',
  () => '/v1/users/bea/following',
  () => '/v1/users/me/follow-requests',
  () => '/v1/users/me/blocked',
  () => '/v1/users/me/saved',
  () => '/v1/feed/following',
];
const SEQ_LISTS: Array<(w: World) => string> = [
  () => '/v1/notifications',
  () => '/v1/conversations',
  (w: World) => `/v1/conversations/${w.conversation}/messages`,
];
/** Lists ordered by a popularity band (a smallint), and by a real score, with the kind of key each has. */
// (A sound's page reads the same cursor, after finding the sound.)
const BAND_LISTS: Array<(w: World) => string> = [() => '/v1/hashtags/fuzz'];
const SCORE_LISTS: Array<(w: World) => string> = [
  () => '/v1/search?query=bea&type=users',
  () => '/v1/search?query=clip&type=videos',
  () => '/v1/search?query=fuzz&type=sounds',
];
const ALL_LISTS = [
  ...TIME_LISTS,
  ...SEQ_LISTS,
  ...BAND_LISTS,
  () => `/v1/sounds/${NOWHERE}/videos`,
  ...SCORE_LISTS,
  () => '/v1/search?query=fuzz&type=hashtags',
  () => '/v1/feed/fyp',
  () => '/v1/trending',
  () => '/v1/trending?type=videos',
];
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

function multipart(boundary: string, parts: string): () => BodyInit {
  return () => parts.replaceAll('BOUNDARY', boundary);
}

const CASES: HostileRequest[] = [
  // NUL bytes and lone surrogates in text
  { name: 'NUL in a query string', path: () => '/v1/search/suggest?query=a%00', status: 400, code: 'INVALID_TEXT' },
  { name: 'NUL in a search', path: () => '/v1/search?query=a%00b', status: 400, code: 'INVALID_TEXT' },
  { name: 'NUL in a path parameter', path: () => '/v1/users/%00', status: 400, code: 'INVALID_TEXT' },
  { name: 'NUL in a hashtag name', path: () => '/v1/hashtags/a%00', status: 400, code: 'INVALID_TEXT' },
  { name: 'NUL in a username to follow', method: 'POST', path: () => '/v1/users/a%00/follow', as: 'bea', status: 400 },
  {
    name: 'lone high surrogate in a comment',
    method: 'POST',
    path: (w) => `/v1/videos/${w.video}/comments`,
    rawJson: '{"content":"\\ud800"}',
    as: 'cal',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'lone low surrogate in a comment',
    method: 'POST',
    path: (w) => `/v1/videos/${w.video}/comments`,
    rawJson: '{"content":"ok \\udc00 ok"}',
    as: 'cal',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a comment',
    method: 'POST',
    path: (w) => `/v1/videos/${w.video}/comments`,
    rawJson: '{"content":"a\\u0000b"}',
    as: 'cal',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a bio',
    method: 'PATCH',
    path: () => '/v1/users/me',
    rawJson: '{"bio":"a\\u0000"}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a sign-up username',
    method: 'POST',
    path: () => '/v1/auth/signup',
    rawJson: '{"username":"nul\\u0000","password":"long enough password"}',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a login password',
    method: 'POST',
    path: () => '/v1/auth/login',
    rawJson: '{"username":"bea","password":"\\u0000"}',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'lone surrogate in a message',
    method: 'POST',
    path: (w) => `/v1/conversations/${w.conversation}/messages`,
    rawJson: '{"text":"hi \\ud83d"}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a conversation title',
    method: 'POST',
    path: () => '/v1/conversations',
    rawJson: '{"member_usernames":["cal"],"title":"\\u0000"}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a video caption',
    method: 'PATCH',
    path: (w) => `/v1/videos/${w.video}`,
    rawJson: '{"caption":"x\\u0000"}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a view source',
    method: 'POST',
    path: (w) => `/v1/videos/${w.video}/view`,
    rawJson: '{"watch_time_ms":1,"completion_rate":0.5,"source":"\\u0000"}',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a resumable upload caption',
    method: 'POST',
    path: () => '/v1/videos',
    rawJson: '{"size":1000,"caption":"\\u0000"}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a push endpoint',
    method: 'POST',
    path: () => '/v1/push/subscriptions',
    rawJson: '{"endpoint":"https://push.example/\\u0000","keys":{"p256dh":"x","auth":"y"}}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a JSON key',
    method: 'POST',
    path: () => '/v1/push/subscriptions',
    rawJson: '{"endpoint":"https://push.example/a","keys":{"p256dh":"x","auth":"y"},"\\u0000":1}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a multipart caption',
    method: 'POST',
    path: () => '/v1/videos',
    headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
    body: multipart(
      'XyZ',
      '--BOUNDARY\r\nContent-Disposition: form-data; name="caption"\r\n\r\na\0b\r\n--BOUNDARY--\r\n',
    ),
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },

  {
    name: 'a query escape that is not UTF-8 (a lone surrogate)',
    path: () => '/v1/search/suggest?query=x%ED%A0%80',
    status: 400,
    code: 'INVALID_TEXT',
  },
  { name: 'a query escape of no character', path: () => '/v1/search?query=%FF', status: 400, code: 'INVALID_TEXT' },
  {
    name: 'a lone surrogate in a push endpoint to delete',
    method: 'DELETE',
    path: () => '/v1/push/subscriptions',
    rawJson: '{"endpoint":"x\\udfff"}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a member of a new conversation',
    method: 'POST',
    path: () => '/v1/conversations',
    rawJson: '{"member_usernames":["cal","x\\u0000"]}',
    as: 'bea',
    status: 400,
    code: 'INVALID_TEXT',
  },
  {
    name: 'NUL in a username being followed, with other text around',
    path: () => '/v1/users/%7B%7C%3BG%3DI%3F0%3Dw%00/following',
    status: 400,
    code: 'INVALID_TEXT',
  },

  // Numbers: finite, whole where they count things, bounded
  ...ALL_LISTS.flatMap((path): HostileRequest[] =>
    ['Infinity', '-Infinity', 'NaN', '1e400', '1e3', '0x10', '2.5', '', '%20', '1&count=2'].map((count) => ({
      name: `count=${count} on ${path({ video: 'V', comment: 'C', conversation: 'K' } as World)}`,
      path: (w: World) => withQuery(path(w), `count=${count}`),
      as: 'bea' as const,
      status: 400,
    })),
  ),
  {
    name: 'a huge watch time',
    method: 'POST',
    path: (w) => `/v1/videos/${w.video}/view`,
    rawJson: '{"watch_time_ms":1e400,"completion_rate":0.5}',
    status: 400,
  },
  {
    name: 'a resumable upload of 1e30 bytes',
    method: 'POST',
    path: () => '/v1/videos',
    rawJson: '{"size":1e30}',
    as: 'bea',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a push subscription expiring at 1e308',
    method: 'POST',
    path: () => '/v1/push/subscriptions',
    rawJson: '{"endpoint":"https://push.example/a","expirationTime":1e308,"keys":{"p256dh":"x","auth":"y"}}',
    as: 'bea',
    status: 400,
  },

  // Forged cursors
  ...TIME_LISTS.flatMap((path): HostileRequest[] =>
    [
      { at: 'garbage', id: NOWHERE },
      { at: '2026-01-01 00:00:00+00', id: 'garbage' },
      { at: '2026-02-31 00:00:00+00', id: NOWHERE },
      { at: '0000-01-01 00:00:00+00', id: NOWHERE },
      { at: '2026-01-01 00:00:00+00', id: `urn:uuid:${NOWHERE}` },
      { at: 7, id: NOWHERE },
    ].map((position) => ({
      name: `cursor ${JSON.stringify(position)} on ${path({ video: 'V', comment: 'C' } as World)}`,
      path: (w: World) => withQuery(path(w), `cursor=${cursor(position)}`),
      as: 'bea' as const,
      status: 400,
      code: 'INVALID_CURSOR',
    })),
  ),
  ...SEQ_LISTS.flatMap((path): HostileRequest[] =>
    [{ seq: '99999999999999999999' }, { seq: '-1' }, { seq: 1 }, 'garbage'].map((position) => ({
      name: `cursor ${JSON.stringify(position)} on ${path({ conversation: 'K' } as World)}`,
      path: (w: World) => withQuery(path(w), `cursor=${typeof position === 'string' ? position : cursor(position)}`),
      as: 'bea' as const,
      status: 400,
      code: 'INVALID_CURSOR',
    })),
  ),
  ...(
    [
      ...BAND_LISTS.map((path) => [path, ['1e308', '-1e308', '32768', '2.5', 'Infinity', '', ' 1']] as const),
      ...SCORE_LISTS.map((path) => [path, ['Infinity', 'NaN', '1e999', '', '0x10', '1,5']] as const),
      [() => '/v1/search?query=fuzz&type=hashtags', ['Infinity', '1e999', '']] as const,
    ] as const
  ).flatMap(([path, scores]): HostileRequest[] =>
    [...scores.map((score) => ({ s: score, k: NOWHERE })), { s: '1', k: 7 }, { s: 1, k: NOWHERE }].map((position) => ({
      name: `cursor ${JSON.stringify(position)} on ${path({} as World)}`,
      path: (w: World) => withQuery(path(w), `cursor=${cursor(position)}`),
      as: 'bea' as const,
      status: 400,
      code: 'INVALID_CURSOR',
    })),
  ),
  ...[...BAND_LISTS, ...SCORE_LISTS].map(
    (path): HostileRequest => ({
      name: `cursor with a key that is not an id on ${path({} as World)}`,
      path: (w: World) => withQuery(path(w), `cursor=${cursor({ s: '1', k: 'not an id' })}`),
      status: 400,
      code: 'INVALID_CURSOR',
    }),
  ),
  {
    name: 'a hashtag search cursor with a NUL in its key',
    path: () => `/v1/search?query=fuzz&type=hashtags&cursor=${cursor({ s: '1', k: 'a\0' })}`,
    status: 400,
    code: 'INVALID_CURSOR',
  },
  ...[
    { l: NOWHERE, o: '1e300' },
    { l: NOWHERE, o: '99999999999' },
    { l: 'garbage', o: '0' },
    { l: 'latest', o: 'garbage|garbage' },
    { l: 'latest', o: `2026-01-01 00:00:00+00|nope` },
    { l: 'latest', o: `yesterday|${NOWHERE}` },
  ].flatMap((position): HostileRequest[] =>
    (['bea', undefined] as const).map((as) => ({
      name: `For You cursor ${JSON.stringify(position)} ${as ? 'signed in' : 'as a visitor'}`,
      path: () => `/v1/feed/fyp?cursor=${cursor(position)}${position.l === 'latest' ? '&mode=latest' : ''}`,
      ...(as ? { as } : {}),
      status: 400,
      code: 'INVALID_CURSOR',
    })),
  ),

  // Multipart cut short or without a boundary
  {
    name: 'an upload without a boundary',
    method: 'POST',
    path: () => '/v1/videos',
    headers: { 'content-type': 'multipart/form-data' },
    body: () => 'whatever',
    as: 'bea',
    status: 400,
    code: 'MALFORMED_MULTIPART',
  },
  {
    name: 'an upload cut short',
    method: 'POST',
    path: () => '/v1/videos',
    headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
    body: multipart(
      'XyZ',
      '--BOUNDARY\r\nContent-Disposition: form-data; name="video"; filename="a.mp4"\r\nContent-Type: video/mp4\r\n\r\nabc',
    ),
    as: 'bea',
    status: 400,
    code: 'MALFORMED_MULTIPART',
  },
  {
    name: 'an avatar without a boundary',
    method: 'PUT',
    path: () => '/v1/users/me/avatar',
    headers: { 'content-type': 'multipart/form-data' },
    body: () => 'whatever',
    as: 'bea',
    status: 400,
    code: 'MALFORMED_MULTIPART',
  },
  {
    name: 'an avatar cut short',
    method: 'PUT',
    path: () => '/v1/users/me/avatar',
    headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
    body: multipart(
      'XyZ',
      '--BOUNDARY\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc',
    ),
    as: 'bea',
    status: 400,
    code: 'MALFORMED_MULTIPART',
  },

  {
    name: 'an upload with an empty boundary',
    method: 'POST',
    path: () => '/v1/videos',
    headers: { 'content-type': 'multipart/form-data; boundary=' },
    body: () => 'x',
    as: 'bea',
    status: 400,
    code: 'MALFORMED_MULTIPART',
  },
  {
    name: 'an avatar with a 300-character boundary',
    method: 'PUT',
    path: () => '/v1/users/me/avatar',
    headers: { 'content-type': `multipart/form-data; boundary=${'b'.repeat(300)}` },
    body: () => 'x',
    as: 'bea',
    status: 400,
    code: 'MALFORMED_MULTIPART',
  },
  {
    name: 'a search of every type with a forged cursor',
    path: () => `/v1/search?query=fuzz&cursor=${cursor({ at: 1, s: 'Infinity', k: '' })}`,
    status: 400,
    code: 'INVALID_CURSOR',
  },
  ...[
    (w: World) => `/v1/videos/urn:uuid:${w.video}/download`,
    (w: World) => `/v1/videos/urn:uuid:${w.video}/comments`,
    (w: World) => `/v1/comments/urn:uuid:${w.comment}/replies`,
    (w: World) => `/v1/conversations/urn:uuid:${w.conversation}`,
    () => `/v1/sounds/urn:uuid:${NOWHERE}/videos`,
  ].map(
    (path): HostileRequest => ({
      name: `a urn:uuid: id in ${path({ video: 'V', comment: 'C', conversation: 'K' } as World)}`,
      path,
      as: 'bea',
      status: 400,
      code: 'VALIDATION_FAILED',
    }),
  ),

  // JSON bodies are not coerced
  ...(
    [
      ['PATCH', () => '/v1/users/me', '{"is_private":"true"}'],
      ['PATCH', () => '/v1/users/me', '{"is_private":1}'],
      ['PATCH', () => '/v1/users/me', '{"display_name":123}'],
      ['PATCH', () => '/v1/users/me', '{"bio":["a"]}'],
      ['PATCH', () => '/v1/users/me', '{"bio":null}'],
      ['PATCH', () => '/v1/feed/preferences', '{"personalized_feed":"false"}'],
      ['PATCH', () => '/v1/feed/preferences', '{"personalized_feed":0}'],
      ['PUT', () => '/v1/notifications/preferences', '{"likes":"false"}'],
      ['POST', () => '/v1/notifications/read', '{"up_to_id":5}'],
      ['POST', (w: World) => `/v1/videos/${w.video}/view`, '{"watch_time_ms":"100","completion_rate":0.5}'],
      ['POST', (w: World) => `/v1/videos/${w.video}/view`, '{"watch_time_ms":100,"completion_rate":"0.5"}'],
      ['POST', (w: World) => `/v1/videos/${w.video}/view`, '{"watch_time_ms":true,"completion_rate":0.5}'],
      ['POST', (w: World) => `/v1/videos/${w.video}/view`, '{"watch_time_ms":100,"completion_rate":0.5,"source":7}'],
      ['POST', (w: World) => `/v1/videos/${w.video}/comments`, '{"content":12345}'],
      ['POST', (w: World) => `/v1/videos/${w.video}/comments`, '{"content":["hi"]}'],
      ['PATCH', (w: World) => `/v1/videos/${w.video}`, '{"caption":42}'],
      ['POST', () => '/v1/videos', '{"size":"1000"}'],
      ['POST', () => '/v1/videos', '{"size":1000,"filename":5}'],
      ['POST', () => '/v1/videos', '{"size":1000,"hashtags":5}'],
      ['POST', () => '/v1/videos', '{"size":10,"hashtags":null}'],
      ['PATCH', (w: World) => `/v1/videos/${w.video}`, '{"caption":true,"visibility":"private"}'],
      ['DELETE', () => '/v1/push/subscriptions', '{"endpoint":["x"]}'],
      ['POST', () => '/v1/push/subscriptions', '{"endpoint":"https://push.example/a","keys":{"p256dh":1,"auth":"y"}}'],
      ['POST', () => '/v1/conversations', '{"member_usernames":"cal"}'],
      ['POST', (w: World) => `/v1/conversations/${w.conversation}/messages`, '{"text":1}'],
      ['POST', () => '/v1/auth/login', '{"username":"bea","password":12345678}'],
      ['POST', () => '/v1/auth/refresh', '{"refresh_token":1}'],
    ] satisfies Array<[string, (w: World) => string, string]>
  ).map(
    ([method, path, rawJson]): HostileRequest => ({
      name: `${method} ${path({ video: 'V', conversation: 'K' } as World)} ${rawJson}`,
      method,
      path,
      rawJson,
      as: 'bea',
      status: 400,
      code: 'VALIDATION_FAILED',
    }),
  ),

  // Ids: one spelling; anything else is not an id
  {
    name: 'a urn:uuid: video id',
    path: (w) => `/v1/videos/urn:uuid:${w.video}`,
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a braced comment parent id',
    method: 'POST',
    path: (w) => `/v1/videos/${w.video}/comments`,
    rawJson: `{"content":"hi","parent_id":"{${NOWHERE}}"}`,
    as: 'cal',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'an unhyphenated sound id',
    path: () => `/v1/sounds/${NOWHERE.replaceAll('-', '')}`,
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'an upper-case id of a missing video',
    path: () => `/v1/videos/${NOWHERE.replace('4', 'A')}`,
    status: 404,
    code: 'VIDEO_NOT_FOUND',
  },
];

describe('hostile input', () => {
  let looply: TestLooply;
  let w: World;

  beforeAll(async () => {
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1' });
    w = await buildHostileWorld(looply);
  });
  afterAll(async () => {
    await looply?.stop();
  });

  it.each(CASES)('answers $status to $name', async (hostile) => {
    const account = hostile.as ? w[hostile.as] : undefined;
    const headers: Record<string, string> = { ...hostile.headers };
    if (hostile.rawJson !== undefined) headers['content-type'] = 'application/json';
    const response = await looply.api(hostile.path(w), {
      method: hostile.method ?? 'GET',
      headers,
      ...(account ? { token: account.access_token } : {}),
      ...(hostile.rawJson !== undefined ? { body: hostile.rawJson } : {}),
      ...(hostile.body ? { body: hostile.body() } : {}),
    });
    expect({ status: response.status, code: response.body?.error?.code }).toEqual({
      status: hostile.status,
      code: hostile.code ?? response.body?.error?.code,
    });
  });

  it('keeps one key per video whatever the case of its id: two shares count two', async () => {
    const lower = await looply.api(`/v1/videos/${w.video}/share`, { method: 'POST' });
    const upper = await looply.api(`/v1/videos/${UUID_OF(w)}/share`, { method: 'POST' });
    expect(lower.status).toBe(200);
    expect(upper.status).toBe(200);
    expect(upper.body.share_count).toBe(lower.body.share_count + 1);
    expect(upper.body.share_url).toContain(`/v/${w.video}`);
    expect((await looply.api(`/v1/videos/${UUID_OF(w)}`)).body.id).toBe(w.video);
  });

  it('canonicalises ids in bodies too: a reply to an upper-case parent id lands in its thread', async () => {
    const reply = await looply.api(`/v1/videos/${UUID_OF(w)}/comments`, {
      method: 'POST',
      token: w.bea.access_token,
      json: { content: 'a reply', parent_id: w.comment.toUpperCase() },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ video_id: w.video, parent_id: w.comment });
  });

  it('takes hashtags of a resumable upload as a list or as one string, as documented', async () => {
    for (const hashtags of [['one', 'two'], 'one two']) {
      const started = await looply.api('/v1/videos', {
        method: 'POST',
        token: w.bea.access_token,
        json: { size: 1000, hashtags },
      });
      expect(started.status).toBe(202);
      const video = await looply.api(`/v1/videos/${started.body.video_id}`, { token: w.bea.access_token });
      expect(video.body.hashtags).toEqual(['one', 'two']);
    }
  });

  it('still converts numbers in query strings where the schema asks for them', async () => {
    const page = await looply.api(`/v1/videos/${w.video}/comments?count=1`);
    expect(page.status).toBe(200);
    expect(page.body.comments).toHaveLength(1);
  });
});
