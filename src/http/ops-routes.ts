import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Metrics } from '../platform/metrics.ts';
import type { RouteAuthConfig } from './auth.ts';
import { errorBody } from './errors.ts';
import { metricsAccess } from './metrics-access.ts';

export type ReadinessCheck = () => Promise<void>;

const HealthSchema = Type.Object({ status: Type.Literal('ok') });

/** The same shape whether ready (200) or not (503); `checks` is keyed by whatever stores this installation runs. */
const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
  checks: Type.Record(Type.String(), Type.String({ description: '"ok", or why the store did not answer' })),
});

/** Liveness, readiness (every store answers) and Prometheus metrics (internal clients or a token). */
export function registerOpsRoutes(
  app: FastifyInstance,
  metrics: Metrics,
  checks: Record<string, ReadinessCheck>,
  metricsToken: string | undefined,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/healthz', { schema: { hide: true, response: { 200: HealthSchema } } }, async () => ({
    status: 'ok' as const,
  }));

  api.get(
    '/readyz',
    { schema: { hide: true, response: { 200: ReadinessSchema, 503: ReadinessSchema } } },
    async (_request, reply) => {
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
      return { status: ready ? ('ready' as const) : ('not ready' as const), checks: Object.fromEntries(results) };
    },
  );

  const ownBearerToken: RouteAuthConfig = { ownBearerToken: true };
  app.get('/metrics', { schema: { hide: true }, config: ownBearerToken }, async (request, reply) => {
    const access = metricsAccess(request, metricsToken);
    if (access === 'no-token') {
      reply.status(401).header('www-authenticate', 'Bearer');
      return errorBody('METRICS_TOKEN_REQUIRED', 'Send the metrics token as a Bearer token.');
    }
    if (access === 'not-internal') {
      reply.status(403);
      return errorBody('METRICS_FORBIDDEN', 'Metrics are served to internal addresses, or with METRICS_TOKEN set.');
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
