import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../platform/metrics.ts';

export type ReadinessCheck = () => Promise<void>;

/** Liveness, readiness (every store answers) and Prometheus metrics. */
export function registerOpsRoutes(
  app: FastifyInstance,
  metrics: Metrics,
  checks: Record<string, ReadinessCheck>,
): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref()),
          ]);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) };
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
