import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/config.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { makeTinyClip, readyVideo } from '../support/social.ts';

const JWT_SECRET = 'a test signing key that is long enough';
const PUBLIC_URL = 'https://looply.example';

/**
 * Authentication that holds: sign-in limits by address and by account (never by a bearer token), backoff with a
 * notice to the owner, revoked sessions, concurrent refreshes, strict token claims, and links built on PUBLIC_URL.
 * Limits are on at their real size; TRUST_PROXY lets each request say which address it comes from.
 */
describe('authentication', () => {
  let looply: TestLooply;
  beforeAll(async () => {
    looply = await startTestLooply({
      RATE_LIMIT_SCALE: '1',
      TRUST_PROXY: 'on',
      JWT_SECRET,
      PUBLIC_URL,
      MIN_VIDEO_SECONDS: '1',
    });
  });
  afterAll(() => looply?.stop());

  const login = (username: string, password: string, from: string, token?: string) =>
    looply.api('/v1/auth/login', {
      method: 'POST',
      json: { username, password },
      headers: { 'x-forwarded-for': from },
      ...(token ? { token } : {}),
    });
  const refresh = (refreshToken: string) =>
    looply.api('/v1/auth/refresh', { method: 'POST', json: { refresh_token: refreshToken } });
  const me = (token: string) => looply.api('/v1/users/me', { token });

  const signAccess = (claims: Record<string, unknown>, times: { iat?: number; exp?: number }) => {
    let jwt = new SignJWT({ typ: 'access', ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuer('looply');
    if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
    if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
    return jwt.sign(new TextEncoder().encode(JWT_SECRET));
  };
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());

  it('limits sign-in attempts per address, whatever bearer token comes with them', async () => {
    const now = Math.floor(Date.now() / 1000);
    const statuses: number[] = [];
    // Each attempt signed in as a different account and aimed at a different name: only the address is shared.
    for (let i = 0; i <= RATE_LIMITS.login.limit; i++) {
      const token = await signAccess(
        { sub: crypto.randomUUID(), username: `rotating_${i}`, sid: crypto.randomUUID() },
        { iat: now, exp: now + 60 },
      );
      statuses.push((await login(`nobody_${i}`, 'wrong password', '203.0.113.10', token)).status);
    }
    expect(statuses).toEqual([...Array(RATE_LIMITS.login.limit).fill(401), 429]);
    // Another address is not held back.
    expect((await login('nobody_else', 'wrong password', '203.0.113.11')).status).toBe(401);
  });

  it('limits sign-in attempts per account, whatever address they come from', async () => {
    await signUp(looply, 'popular', 'correct horse battery');
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.loginAccount.limit; i++) {
      statuses.push((await login('POPULAR', 'correct horse battery', `198.51.100.${i + 1}`)).status);
    }
    expect(statuses).toEqual([...Array(RATE_LIMITS.loginAccount.limit).fill(200), 429]);
  });

  it('locks an account being guessed at, even for the right password, and tells its owner', async () => {
    const owner = await signUp(looply, 'guessed', 'correct horse battery');
    for (let i = 1; i <= 5; i++) {
      const wrong = await login('guessed', `guess number ${i}`, `192.0.2.${i}`);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login('guessed', 'correct horse battery', '192.0.2.99');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('LOGIN_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    // Names that do not exist back off the same way, so the lock says nothing about who has an account.
    for (let i = 1; i <= 5; i++) await login('ghost_account', 'nope nope nope', `192.0.2.${i}`);
    expect((await login('ghost_account', 'nope nope nope', '192.0.2.99')).body.error.code).toBe('LOGIN_LOCKED');

    const events = await looply.api('/v1/users/me/security-events', { token: owner.access_token });
    expect(events.status).toBe(200);
    expect(events.body.events).toEqual([
      expect.objectContaining({ type: 'login_locked', failed_attempts: 5, address: '192.0.2.5' }),
    ]);
    expect(events.body.events[0].message).toContain('5 failed sign-ins');
    expect(Date.parse(events.body.events[0].locked_until)).toBeGreaterThan(Date.now());
    const stranger = await signUp(looply, 'not_guessed');
    expect((await looply.api('/v1/users/me/security-events', { token: stranger.access_token })).body.events).toEqual(
      [],
    );
  });

  it('stops the access tokens of a session once a reused refresh token revokes it', async () => {
    const session = await signUp(looply, 'robbed');
    const rotated = await refresh(session.refresh_token);
    expect((await me(rotated.body.access_token)).status).toBe(200);
    // The thief comes back after the grace window.
    await looply.infra.db.query(`update refresh_tokens set rotated_at = now() - interval '1 minute' where id = $1`, [
      session.refresh_token.split('.')[0],
    ]);
    expect((await refresh(session.refresh_token)).body.error.code).toBe('REFRESH_TOKEN_REUSED');

    for (const token of [session.access_token, rotated.body.access_token]) {
      const refused = await me(token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('SESSION_REVOKED');
    }
    expect((await refresh(rotated.body.refresh_token)).body.error.code).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('gives refreshes of one token racing each other the same new pair instead of ending the session', async () => {
    const session = await signUp(looply, 'two_tabs');
    const racing = await Promise.all([refresh(session.refresh_token), refresh(session.refresh_token)]);
    expect(racing.map((response) => response.status)).toEqual([200, 200]);
    const [one, two] = racing.map((response) => response.body);
    expect(two.refresh_token).toBe(one.refresh_token);
    expect((await me(one.access_token)).status).toBe(200);
    expect((await me(two.access_token)).status).toBe(200);
    expect(claimsOf(two.access_token).sid).toBe(claimsOf(session.access_token).sid);
    // A retry a moment later still gets the same pair, and the session rotates on from it.
    expect((await refresh(session.refresh_token)).body.refresh_token).toBe(one.refresh_token);
    const next = await refresh(one.refresh_token);
    expect(next.status).toBe(200);
    expect(next.body.refresh_token).not.toBe(one.refresh_token);
  });

  it('refuses access tokens without an expiry or issued in the future, and allows a little clock skew', async () => {
    const session = await signUp(looply, 'claims');
    const { sub, username, sid } = claimsOf(session.access_token);
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, { iat?: number; exp?: number }, number]> = [
      ['no exp', { iat: now }, 401],
      ['no iat', { exp: now + 60 }, 401],
      ['iat an hour ahead', { iat: now + 3600, exp: now + 4000 }, 401],
      ['iat a few seconds ahead', { iat: now + 5, exp: now + 60 }, 200],
    ];
    for (const [name, times, status] of cases) {
      const response = await me(await signAccess({ sub, username, sid }, times));
      expect({ name, status: response.status }).toEqual({ name, status });
      if (status === 401) expect(response.body.error.code).toBe('INVALID_TOKEN');
    }
    const withoutSession = await signAccess({ sub, username }, { iat: now, exp: now + 60 });
    expect((await me(withoutSession)).body.error.code).toBe('INVALID_TOKEN');
  });

  it('builds share links and upload URLs on PUBLIC_URL, never on the Host header', async () => {
    const author = await signUp(looply, 'linker');
    const clip = await makeTinyClip();
    try {
      const video = await readyVideo(looply, author, clip.file);
      const shared = await postWithHost(`/v1/videos/${video}/share`, 'evil.example', author.access_token, {});
      expect(shared.status).toBe(200);
      expect(shared.body.share_url).toBe(`${PUBLIC_URL}/v/${video}`);

      const started = await postWithHost('/v1/videos', 'evil.example', author.access_token, {
        caption: 'bytes go where we say',
        size: 1000,
      });
      expect(started.status).toBe(202);
      expect(started.body.upload_url).toBe(`${PUBLIC_URL}/v1/uploads/${started.body.video_id}`);
    } finally {
      await clip.cleanup();
    }
  });

  /** fetch will not send another Host than the URL's, so this goes through node:http. */
  function postWithHost(path: string, host: string, token: string, json: unknown) {
    const body = JSON.stringify(json);
    return new Promise<{ status: number; body: Record<string, string> }>((resolve, reject) => {
      const request = httpRequest(`${looply.url}${path}`, {
        method: 'POST',
        headers: {
          host,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      });
      request.on('error', reject);
      request.end(body);
    });
  }
});
