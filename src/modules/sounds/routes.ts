import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { SoundService } from './service.ts';

const SoundId = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function registerSoundRoutes(app: FastifyInstance, sounds: SoundService): void {
  app.get<{ Params: { id: string } }>(
    '/v1/sounds/:id',
    { schema: { tags: ['sounds'], params: SoundId } },
    async (request) => sounds.get(request.params.id, request.viewer?.userId ?? null),
  );
}
