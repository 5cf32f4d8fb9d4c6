import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';

const JWT_SECRET = 'a test signing key that is long enough';

describe('accounts API', () => {
  let looply: TestLooply;
  beforeAll(async () => {
    looply = await startTestLooply({ ACCESS_TOKEN_TTL_SECONDS: '30', JWT_SECRET });
  });
  afterAll(() => looply?.stop());

  it('signs up, returns tokens and the profile, and signs in again', async () => {
    const signup = await looply.api('/v1/auth/signup', {
      method: 'POST',
      json: { username: 'Ada.Lovelace', password: 'analytical engine', email: 'ada@example.org' },
    });
    expect(signup.status).toBe(201);
    expect(signup.body.user).toMatchObject({ username: 'ada.lovelace', display_name: 'ada.lovelace', bio: '' });
    expect(signup.body.token_type).toBe('Bearer');
    expect(signup.body.expires_in).toBe(30);
    expect(JSON.stringify(signup.body)).not.toContain('password');

    const me = await looply.api('/v1/users/me', { token: signup.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(signup.body.user.id);

    const login = await looply.api('/v1/auth/login', {
      method: 'POST',
      json: { username: 'ada.lovelace', password: 'analytical engine' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(signup.body.user.id);
  });

  it('refuses bad sign-ups with clear codes', async () => {
    await signUp(looply, 'taken_name');
    const cases: Array<[unknown, number, string]> = [
      [{ username: 'taken_name', password: 'long enough pw' }, 409, 'USERNAME_TAKEN'],
      [{ username: 'TAKEN_NAME', password: 'long enough pw' }, 409, 'USERNAME_TAKEN'],
      [{ username: 'ab', password: 'long enough pw' }, 400, 'INVALID_USERNAME'],
      [{ username: 'has space', password: 'long enough pw' }, 400, 'INVALID_USERNAME'],
      [{ username: '../etc', password: 'long enough pw' }, 400, 'INVALID_USERNAME'],
      [{ username: 'admin', password: 'long enough pw' }, 400, 'USERNAME_RESERVED'],
      [{ username: 'fine_name', password: 'short' }, 400, 'WEAK_PASSWORD'],
      [{ username: 'fine_name', password: 'long enough pw', email: 'not-an-email' }, 400, 'INVALID_EMAIL'],
      [{ username: 'fine_name' }, 400, 'VALIDATION_FAILED'],
      [{ username: 'fine_name', password: 'long enough pw', admin: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [json, status, code] of cases) {
      const response = await looply.api('/v1/auth/signup', { method: 'POST', json });
      expect({ json, status: response.status, code: response.body.error?.code }).toEqual({ json, status, code });
      expect(typeof response.body.error.message).toBe('string');
    }
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and keeps serving', async () => {
    const response = await looply.api('/v1/auth/login', {
      method: 'POST',
      body: '{"username": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
    expect((await looply.api('/healthz')).status).toBe(200);
  });

  it('refuses a wrong password and an unknown user the same way', async () => {
    await signUp(looply, 'grace', 'compiler pioneer');
    const wrong = await looply.api('/v1/auth/login', {
      method: 'POST',
      json: { username: 'grace', password: 'nope nope nope' },
    });
    const unknown = await looply.api('/v1/auth/login', {
      method: 'POST',
      json: { username: 'nobody_here', password: 'nope nope nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('rotates refresh tokens and revokes the family when a rotated one is reused', async () => {
    const first = await signUp(looply, 'rotator');
    const second = await looply.api('/v1/auth/refresh', {
      method: 'POST',
      json: { refresh_token: first.refresh_token },
    });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await looply.api('/v1/users/me', { token: second.body.access_token })).status).toBe(200);

    // Reused past the grace window that lets racing refreshes share one new pair (test/api/authentication.test.ts).
    await looply.infra.db.query(`update refresh_tokens set rotated_at = now() - interval '1 minute' where id = $1`, [
      first.refresh_token.split('.')[0],
    ]);
    const reused = await looply.api('/v1/auth/refresh', {
      method: 'POST',
      json: { refresh_token: first.refresh_token },
    });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('REFRESH_TOKEN_REUSED');

    // The thief's reuse ended the session: the newest token of that family no longer works either.
    const after = await looply.api('/v1/auth/refresh', {
      method: 'POST',
      json: { refresh_token: second.body.refresh_token },
    });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('REFRESH_TOKEN_REVOKED');

    const garbage = await looply.api('/v1/auth/refresh', { method: 'POST', json: { refresh_token: 'abc' } });
    expect(garbage.body.error.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('rejects missing, malformed, forged and expired access tokens', async () => {
    expect((await looply.api('/v1/users/me')).body.error.code).toBe('AUTH_REQUIRED');
    const malformed = await looply.api('/v1/users/me', { headers: { authorization: 'Token abc' } });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.code).toBe('INVALID_TOKEN');
    const session = await signUp(looply, 'forger');
    const [header, payload] = session.access_token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    expect((await looply.api('/v1/users/me', { token: forged })).body.error.code).toBe('INVALID_TOKEN');

    const { SignJWT } = await import('jose');
    const { sid } = JSON.parse(Buffer.from(session.access_token.split('.')[1] ?? '', 'base64url').toString());
    const expired = await new SignJWT({ username: 'forger', typ: 'access', sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.user.id)
      .setIssuer('looply')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(JWT_SECRET));
    const response = await looply.api('/v1/users/me', { token: expired });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('updates only the signed-in user profile and shows public profiles', async () => {
    const alice = await signUp(looply, 'alice');
    const bob = await signUp(looply, 'bob_b');
    const patched = await looply.api('/v1/users/me', {
      method: 'PATCH',
      token: alice.access_token,
      json: { display_name: '  Alice   A. ', bio: 'hello' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ display_name: 'Alice A.', bio: 'hello' });
    // Bob cannot change Alice: PATCH /me is always the caller, and unknown fields such as id are refused.
    const sneaky = await looply.api('/v1/users/me', {
      method: 'PATCH',
      token: bob.access_token,
      json: { id: alice.user.id, bio: 'pwned' },
    });
    expect(sneaky.status).toBe(400);
    expect((await looply.api('/v1/users/alice')).body.bio).toBe('hello');
    expect((await looply.api('/v1/users/nobody_at_all')).status).toBe(404);
    // The schema bounds a bio at the length the check enforces (TEXT_LIMITS.bio), both in characters.
    const tooLong = await looply.api('/v1/users/me', {
      method: 'PATCH',
      token: bob.access_token,
      json: { bio: 'x'.repeat(161) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    const emoji = await looply.api('/v1/users/me', {
      method: 'PATCH',
      token: bob.access_token,
      json: { bio: '😀'.repeat(160) },
    });
    expect(emoji.status).toBe(200);
    expect([...emoji.body.bio]).toHaveLength(160);
  });

  it('limits sign-in attempts from one address with 429 and Retry-After when limits are on', async () => {
    const limited = await startTestLooply({ RATE_LIMIT_SCALE: '0.1' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const response = await limited.api('/v1/auth/login', {
          method: 'POST',
          json: { username: `x_x_${i}`, password: 'whatever1' },
        });
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses).toEqual([401, 401, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
