import type { FastifyInstance, FastifySchema } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { RateLimitRule } from '../config.ts';
import { limitedViewerId, type RateLimiter } from './rate-limit.ts';

/** What the toggles of one module share: the path's parameters, how they name the subject, and the rate limit. */
export interface ToggleSubject<Params extends TSchema> {
  tags: string[];
  params: Params;
  subjectOf: (params: Static<Params>) => string;
  rateLimit: RateLimiter;
  rule: RateLimitRule;
}

/**
 * A state the signed-in viewer turns on with POST `path` and off with DELETE `path` (a like, a save, a follow, a
 * block). Both answer the state after the change, and both count against `rule`.
 */
export function registerToggle<Params extends TSchema, State extends TSchema>(
  app: FastifyInstance,
  subject: ToggleSubject<Params>,
  path: string,
  state: State,
  turn: (subject: string, viewerId: string, on: boolean) => Promise<Static<State>>,
): void {
  const { tags, params, subjectOf, rateLimit, rule } = subject;
  const schema: FastifySchema = { tags, params, response: { 200: state } };
  for (const [method, on] of [['POST', true] as const, ['DELETE', false] as const]) {
    // Untyped here: the schema checks params before the handler runs, and `turn` is typed against `state`.
    app.route({
      method,
      url: path,
      schema,
      handler: async (request) => {
        const viewerId = await limitedViewerId(request, rateLimit, rule);
        return turn(subjectOf(request.params as Static<Params>), viewerId, on);
      },
    });
  }
}
