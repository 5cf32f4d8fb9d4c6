import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { type Config, loadConfig } from '../../src/config.ts';
import type { InfrastructureOptions } from '../../src/platform/infrastructure.ts';
import { type RunningLooply, startLooply } from '../../src/server.ts';
import { type ApiClient, createApiClient } from './api-client.ts';
import { type ContractViolation, contractCheckedEvents } from './contract-checked-events.ts';

export interface TestLooply extends RunningLooply {
  url: string;
  dataDir: string;
  /** fetch against this instance, JSON in and out. */
  api: ApiClient;
  /** Events consumers received that fail their definitions: stop() throws unless each one was expected. */
  contractViolations: ContractViolation[];
  /** A test that publishes a malformed event on purpose names it here. */
  expectMalformed(eventId: string): void;
  stop(): Promise<void>;
}

/**
 * The configuration of a test Looply: a free port on loopback, `dataDir`, quiet, no demo content, no rate limits, no
 * RTMP ingest (live tests turn it on with RTMP_PORT=0).
 */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_CONTENT: 'off',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_SCALE: '0',
    X264_PRESET: 'ultrafast',
    RTMP_PORT: 'off',
    ...env,
  });
}

/**
 * A real Looply on a free port with its own DATA_DIR (removed on stop), embedded stores unless `env` says else.
 * `storage.dataDir` reuses a directory and `storage.keepDataDir` leaves it on stop (a restart on the same data).
 */
export async function startTestLooply(
  env: Record<string, string> = {},
  infrastructure?: InfrastructureOptions,
  storage: { dataDir?: string; keepDataDir?: boolean } = {},
): Promise<TestLooply> {
  const dataDir = storage.dataDir ?? (await mkdtemp(join(tmpdir(), 'looply-test-')));
  const config = testConfig(dataDir, env);
  const contractViolations: ContractViolation[] = [];
  const malformed = new Set<string>();
  const looply = await startLooply(config, {
    infrastructure: { ...infrastructure, wrapEvents: contractCheckedEvents(contractViolations) },
  });
  const url = looply.url ?? '';
  return {
    ...looply,
    url,
    dataDir,
    api: createApiClient(url),
    contractViolations,
    expectMalformed: (eventId) => malformed.add(eventId),
    async stop() {
      await looply.close();
      if (!storage.keepDataDir) await rm(dataDir, { recursive: true, force: true });
      const unexpected = contractViolations.filter((violation) => !malformed.has(violation.eventId));
      if (unexpected.length > 0) throw new Error(`events broke their contract: ${JSON.stringify(unexpected)}`);
    },
  };
}

export async function signUp(looply: TestLooply, username: string, password = 'correct horse battery') {
  const response = await looply.api('/v1/auth/signup', { method: 'POST', json: { username, password } });
  if (response.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(response.body)}`);
  return response.body as { user: { id: string; username: string }; access_token: string; refresh_token: string };
}

/**
 * Waits until the api node's recommender can serve the video: it learns of a ready or published video from the
 * event stream or its once-a-second catch-up with the store, so within about a second.
 */
export async function waitUntilRecommendable(looply: TestLooply, videoId: string): Promise<void> {
  const catalogue = looply.services.recsys.recommender.state.catalogue;
  await vi.waitFor(() => expect(catalogue.isEligible(catalogue.labelOf.get(videoId) ?? -1)).toBe(true), {
    timeout: 5_000,
    interval: 50,
  });
}
