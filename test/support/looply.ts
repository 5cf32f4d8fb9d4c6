import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config.ts';
import type { InfrastructureOptions } from '../../src/platform/infrastructure.ts';
import { type RunningLooply, startLooply } from '../../src/server.ts';

export interface TestLooply extends RunningLooply {
  url: string;
  dataDir: string;
  /** fetch against this instance, JSON in and out. */
  api(path: string, init?: { method?: string; token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/** A real Looply on a free port with its own DATA_DIR (removed on stop), embedded stores unless `env` says else. */
export async function startTestLooply(
  env: Record<string, string> = {},
  infrastructure?: InfrastructureOptions,
): Promise<TestLooply> {
  const dataDir = await mkdtemp(join(tmpdir(), 'looply-test-'));
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_CONTENT: 'off',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_SCALE: '0',
    X264_PRESET: 'ultrafast',
    ...env,
  });
  const looply = await startLooply(config, infrastructure ? { infrastructure } : {});
  const url = looply.url ?? '';
  return {
    ...looply,
    url,
    dataDir,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body = init.body;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      }
      const response = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async stop() {
      await looply.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signUp(looply: TestLooply, username: string, password = 'correct horse battery') {
  const response = await looply.api('/v1/auth/signup', { method: 'POST', json: { username, password } });
  if (response.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(response.body)}`);
  return response.body as { user: { id: string; username: string }; access_token: string; refresh_token: string };
}
