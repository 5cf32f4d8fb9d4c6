import type { FastifyInstance, FastifySchema } from 'fastify';
import { ErrorResponse } from './schemas.ts';

/**
 * Every route that declares its answers also answers errors in the one error shape: `4xx` and `5xx` are added to
 * its response schemas (OpenAPI shows them, and the error body is serialised by them) unless it names its own.
 */
export function registerRouteContract(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema: FastifySchema | undefined = route.schema;
    const response = schema?.response as Record<string, unknown> | undefined;
    if (!schema || !response) return;
    schema.response = { '4xx': ErrorResponse, '5xx': ErrorResponse, ...response };
  });
}
