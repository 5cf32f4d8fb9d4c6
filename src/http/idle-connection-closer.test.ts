import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { closeConnectionsAsTheyFallIdle } from './idle-connection-closer.ts';

const BODY = Buffer.from('every byte of the body');
const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) app.server.closeAllConnections();
});

/** A response whose last byte reaches the client well before the server's stream ends (as a file stream may). */
async function appWithLateEndingStream(closeAsIdle: boolean) {
  const app = Fastify({ forceCloseConnections: 'idle', keepAliveTimeout: 600_000 });
  apps.push(app);
  if (closeAsIdle) closeConnectionsAsTheyFallIdle(app);
  app.get('/file', (_request, reply) => {
    const stream = new Readable({ read() {} });
    stream.push(BODY);
    setTimeout(() => stream.push(null), 300);
    return reply.header('content-length', BODY.length).send(stream);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/file`);
  expect(Buffer.from(await response.arrayBuffer())).toEqual(BODY);
  return app;
}

function closesWithin(app: ReturnType<typeof Fastify>, ms: number): Promise<boolean> {
  return Promise.race([
    app.close().then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}

it('closes a keep-alive connection whose response finishes after close began', async () => {
  expect(await closesWithin(await appWithLateEndingStream(true), 5_000)).toBe(true);
});

it('is needed: without it the same connection holds close() open', async () => {
  expect(await closesWithin(await appWithLateEndingStream(false), 2_000)).toBe(false);
});
