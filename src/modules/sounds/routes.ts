import type { FastifyInstance } from 'fastify';
import { IdParam } from '../../http/schemas.ts';
import type { SoundService } from './service.ts';

export function registerSoundRoutes(app: FastifyInstance, sounds: SoundService): void {
  app.get<{ Params: { id: string } }>(
    '/v1/sounds/:id',
    { schema: { tags: ['sounds'], params: IdParam } },
    async (request) => sounds.get(request.params.id, request.viewer?.userId ?? null),
  );
}
