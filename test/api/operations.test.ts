import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLooply, type TestLooply } from '../support/looply.ts';

describe('operations endpoints', () => {
  let looply: TestLooply;
  beforeAll(async () => {
    looply = await startTestLooply();
  });
  afterAll(() => looply?.stop());

  it('answers liveness and readiness with every store checked', async () => {
    expect((await looply.api('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await looply.api('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: 'ok', cache: 'ok', events: 'ok', jobs: 'ok', blobs: 'ok' });
  });

  it('exposes Prometheus metrics that count the requests it served', async () => {
    await looply.api('/v1/feed/fyp');
    const metrics = await fetch(`${looply.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(
      /looply_http_request_duration_seconds_count\{method="GET",route="\/v1\/feed\/fyp",status="200"\} [1-9]/,
    );
    expect(text).toContain('looply_process_cpu_seconds_total');
  });

  it('serves metrics only to internal clients unless a token is set, and believes X-Forwarded-For only when told', async () => {
    const outside = { 'x-forwarded-for': '203.0.113.9' };
    // Without TRUST_PROXY the header is ignored: the client is this machine.
    expect((await fetch(`${looply.url}/metrics`, { headers: outside })).status).toBe(200);
    const proxied = await startTestLooply({ TRUST_PROXY: '127.0.0.1' });
    try {
      const refused = await proxied.api('/metrics', { headers: outside });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('METRICS_FORBIDDEN');
      expect((await fetch(`${proxied.url}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } })).status).toBe(200);
    } finally {
      await proxied.stop();
    }
    const token = 'scrape-me-please-0123456789';
    const guarded = await startTestLooply({ METRICS_TOKEN: token });
    try {
      const missing = await guarded.api('/metrics');
      expect(missing.status).toBe(401);
      expect(missing.body.error.code).toBe('METRICS_TOKEN_REQUIRED');
      expect((await guarded.api('/metrics', { token: `${token}x` })).status).toBe(401);
      const scraped = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('looply_process_cpu_seconds_total');
    } finally {
      await guarded.stop();
    }
  });

  it('tags every response with a request id, keeping a sane one the client sent', async () => {
    const given = await looply.api('/healthz', { headers: { 'x-request-id': 'trace-1234abcd' } });
    expect(given.headers.get('x-request-id')).toBe('trace-1234abcd');
    const made = await looply.api('/healthz', { headers: { 'x-request-id': 'bad id!' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI description and the web app with client-side routes', async () => {
    const openapi = await looply.api('/docs/json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toContain('/v1/auth/signup');
    const page = await fetch(`${looply.url}/@someone`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const missing = await looply.api('/v1/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
