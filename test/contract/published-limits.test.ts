import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostileWorld, type HostileWorld } from '../support/hostile-world.ts';
import { startTestLooply, type TestLooply } from '../support/looply.ts';

/**
 * Holds the server to every limit the OpenAPI document publishes. For each operation and each bounded field of its
 * query or JSON body (`maxLength`, `maximum`, `minimum`, `maxItems`), it sends a valid request with the field at
 * the limit, which must not be refused as invalid (no 400), and one just past it, which must be (400) — so a limit
 * the schema states but a check enforces differently (or the other way round) fails here.
 *
 * A valid request is built from BASE (a body per operation) and the objects of the hostile world; a new operation
 * with a bounded field and a required body fails until it has a BASE entry. Multipart bodies (uploads, avatars)
 * are not walked here: their fields are held to their limits in test/api/videos.test.ts and avatar.test.ts.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON schemas as the OpenAPI document holds them
type Schema = Record<string, any>;

interface Limit {
  where: 'query' | 'body';
  field: string;
  kind: 'maxLength' | 'maximum' | 'minimum' | 'maxItems';
  value: number;
  schema: Schema;
}

/** A valid JSON body for each operation that has one, from the hostile world's objects. */
const BASE: Record<string, (w: HostileWorld, n: number) => Record<string, unknown>> = {
  'POST /v1/auth/signup': (_w, n) => ({ username: `limits_${n}`, password: 'correct horse battery' }),
  'POST /v1/auth/login': () => ({ username: 'bea', password: 'correct horse battery staple' }),
  'POST /v1/auth/refresh': (w) => ({ refresh_token: w.bea.refresh_token }),
  'PATCH /v1/users/me': () => ({ display_name: 'Bea', bio: 'hello' }),
  'POST /v1/videos': () => ({ size: 1000, caption: 'a caption' }),
  'PATCH /v1/videos/{id}': () => ({ caption: 'edited' }),
  'POST /v1/videos/{id}/view': () => ({ watch_time_ms: 1000, completion_rate: 50, replay_count: 0, source: 'fyp' }),
  'POST /v1/videos/{id}/comments': () => ({ content: 'nice' }),
  'POST /v1/videos/{id}/share': () => ({ channel: 'copy_link' }),
  'POST /v1/conversations': () => ({ member_usernames: ['cal'], title: 'chat' }),
  'POST /v1/conversations/{id}/messages': () => ({ text: 'hi' }),
  'PATCH /v1/feed/preferences': () => ({}),
  'POST /v1/push/subscriptions': (_w, n) => ({
    endpoint: `https://push.example/limits/${n}`,
    keys: {
      p256dh: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
      auth: 'tBHItJI5svbpez7KI4CCXg',
    },
  }),
  'DELETE /v1/push/subscriptions': () => ({ endpoint: 'https://push.example/none' }),
  'POST /v1/wallet/purchases': (_w, n) => ({ package_id: 'coins-70', idempotency_key: `limits-${n}` }),
  'POST /v1/live/start': () => ({ title: 'limits' }),
  'POST /v1/live/{id}/gifts': (_w, n) => ({ gift_id: 'rose', idempotency_key: `limits-gift-${n}` }),
  'POST /v1/live/{id}/chat': () => ({ text: 'hi' }),
  'POST /v1/live/{id}/moderation': () => ({ user_id: '00000000-0000-4000-8000-000000000000', action: 'mute' }),
  'PUT /v1/live/{id}/slow-mode': () => ({ seconds: 0 }),
};

/** Query parameters an operation needs besides the one being tested. */
const BASE_QUERY: Record<string, Record<string, string>> = {
  'GET /v1/search': { query: 'fuzz' },
  'GET /v1/search/suggest': { query: 'fu' },
};

/** Codes a request at the limit may still get for its content rather than its size (the value is made up). */
const CONTENT_CODES: Record<string, string[]> = {
  cursor: ['INVALID_CURSOR'],
  refresh_token: ['INVALID_REFRESH_TOKEN'],
  package_id: ['UNKNOWN_PACKAGE'],
  endpoint: ['INVALID_SUBSCRIPTION'],
  p256dh: ['INVALID_SUBSCRIPTION'],
  auth: ['INVALID_SUBSCRIPTION'],
  member_usernames: ['USER_NOT_FOUND', 'NOT_FOUND'],
  query: ['QUERY_TOO_LONG'],
};

function limitsOf(where: Limit['where'], field: string, schema: Schema): Limit[] {
  const found: Limit[] = [];
  for (const branch of schema.anyOf ?? [schema]) {
    for (const kind of ['maxLength', 'maximum', 'minimum', 'maxItems'] as const) {
      if (typeof branch[kind] === 'number') found.push({ where, field, kind, value: branch[kind], schema: branch });
    }
  }
  return found;
}

/** A value of `length` characters that is valid for the field where one can be made up. */
function textOfLength(field: string, length: number): string {
  if (field === 'hashtags') return hashtagsOfLength(length);
  if (field === 'email') return `${'a'.repeat(Math.max(1, length - 12))}@example.org`.slice(0, length);
  if (field === 'endpoint') return `https://push.example/${'a'.repeat(Math.max(0, length - 21))}`;
  return 'a'.repeat(length);
}

/**
 * Distinct hashtags written `#tag, ` (each at most 50 characters, at most 30 of them), padded with spaces (which
 * only separate) to exactly `length` characters.
 */
function hashtagsOfLength(length: number): string {
  let text = '';
  for (let i = 0; i < 30; i += 1) {
    const id = `t${i}`;
    const room = length - text.length - id.length - 3;
    if (room < 0) break;
    text += `#${id}${'a'.repeat(Math.min(50 - id.length, room))}, `;
  }
  return text.padEnd(length, ' ');
}

function valueAt(limit: Limit, delta: number): unknown {
  switch (limit.kind) {
    case 'maxLength':
      return textOfLength(limit.field, limit.value + delta);
    case 'maximum':
      return limit.value + delta;
    case 'minimum':
      return limit.value - delta;
    case 'maxItems': {
      const item = limit.schema.items ?? {};
      return Array.from({ length: limit.value + delta }, (_, i) => (item.type === 'string' ? `item${i}` : i));
    }
  }
}

describe('published limits', () => {
  let looply: TestLooply;
  let w: HostileWorld;
  let doc: Schema;

  beforeAll(async () => {
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1' });
    w = await buildHostileWorld(looply);
    doc = (await looply.api('/docs/json')).body;
  });

  afterAll(async () => {
    await looply?.stop();
  });

  it('holds every limit the OpenAPI document states, at the limit and just past it', async () => {
    const findings: string[] = [];
    let checked = 0;
    let serial = 0;
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
      for (const [lowerMethod, operation] of Object.entries(operations)) {
        const method = lowerMethod.toUpperCase();
        const key = `${method} ${path}`;
        const jsonBody = operation.requestBody?.content?.['application/json']?.schema as Schema | undefined;
        if (operation.requestBody && !jsonBody) continue;
        const limits = [
          ...((operation.parameters ?? []) as Schema[])
            .filter((parameter) => parameter.in === 'query')
            .flatMap((parameter) => limitsOf('query', parameter.name, parameter.schema)),
          ...Object.entries((jsonBody?.properties ?? {}) as Record<string, Schema>).flatMap(([field, schema]) =>
            limitsOf('body', field, schema),
          ),
        ];
        if (limits.length === 0) continue;
        const base = BASE[key];
        if (jsonBody && (jsonBody.required?.length ?? 0) > 0 && !base) {
          findings.push(`${key}: no BASE request for an operation with bounded fields`);
          continue;
        }
        const concretePath = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          if (name === 'username') return 'cal';
          if (name === 'name') return 'fuzz';
          if (path.startsWith('/v1/comments/')) return w.comment;
          if (path.startsWith('/v1/conversations/')) return w.conversation;
          if (path.startsWith('/v1/uploads/')) return w.upload;
          return w.video;
        });
        for (const limit of limits) {
          for (const delta of [0, 1]) {
            serial += 1;
            const body = base ? { ...base(w, serial) } : undefined;
            const query = new URLSearchParams(BASE_QUERY[key]);
            const value = valueAt(limit, delta);
            if (limit.where === 'body') (body as Record<string, unknown>)[limit.field] = value;
            else query.set(limit.field, String(value));
            const search = query.size > 0 ? `?${query}` : '';
            const shown = (text: unknown) => String(text).slice(0, 160);
            const answer = await looply.api(`${concretePath}${search}`, {
              method,
              token: w.bea.access_token,
              json: jsonBody ? (body ?? {}) : undefined,
            });
            checked += 1;
            const code = answer.body?.error?.code as string | undefined;
            const what = `${key} ${limit.where} ${limit.field} ${limit.kind} ${limit.value}`;
            if (delta === 1 && answer.status !== 400) {
              findings.push(`${what}: just past the limit answered ${answer.status}, not 400`);
            }
            if (delta === 0 && answer.status === 400 && !(CONTENT_CODES[limit.field] ?? []).includes(code ?? '')) {
              findings.push(`${what}: at the limit refused with ${code}: ${shown(answer.body?.error?.message)}`);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(findings).toEqual([]);
  });
});
