import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParam } from '../../http/schemas.ts';
import { SoundSchema } from './schemas.ts';
import type { SoundService } from './service.ts';

export function registerSoundRoutes(app: FastifyInstance, sounds: SoundService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/v1/sounds/:id',
    { schema: { tags: ['sounds'], params: IdParam, response: { 200: SoundSchema } } },
    async (request) => sounds.get(request.params.id, request.viewer?.userId ?? null),
  );
}
