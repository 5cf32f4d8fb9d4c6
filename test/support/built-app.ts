import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../../src/http/app.ts';
import { openInfrastructure } from '../../src/platform/infrastructure.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createMetrics } from '../../src/platform/metrics.ts';
import { createServices } from '../../src/services.ts';
import { testConfig } from './looply.ts';

/** The app the server runs, built on embedded stores but not listening: for tests that read its routes and document. */
export async function buildAppForInspection(): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'looply-contract-'));
  const config = testConfig(dataDir);
  const log = createLogger(config);
  const infra = await openInfrastructure(config, log);
  const services = await createServices(config, infra);
  const app = await buildHttpApp({ config, log, metrics: createMetrics(), infra, services });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await infra.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
