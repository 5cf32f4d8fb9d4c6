import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { BrowserIngest } from './browser-ingest.ts';

/** The path browsers publish to; `POST /v1/live/start` hands it out as `whip_or_ws_url`. */
export const BROWSER_INGEST_PATH = '/v1/live/ingest';

/**
 * `GET /v1/live/ingest`: the browser ingest WebSocket (docs/api.md). The stream key comes in the first frame, never
 * in the URL, so it reaches no request log. A plain GET answers 426.
 */
export function registerBrowserIngestRoute(app: FastifyInstance, ingest: BrowserIngest): void {
  app.route({
    method: 'GET',
    url: BROWSER_INGEST_PATH,
    schema: { hide: true },
    handler: async () => {
      throw new AppError(426, 'UPGRADE_REQUIRED', 'Connect to this address with a WebSocket.');
    },
    wsHandler: (socket) => ingest.serve(socket),
  });
}
