import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/**
 * The parts of node-media-server 4 (Apache-2.0, plain JavaScript, no types) the ingest uses. We run its RTMP
 * sessions on a server of our own instead of `NodeMediaServer`, which would also open an HTTP server and a JSON
 * store under ./data and exit the process when its port is taken. Its `Context` is one per process: several
 * ingests in one process (tests) each keep to the sessions they created.
 */
export interface RtmpSession {
  readonly id: string;
  readonly ip: string;
  readonly streamApp: string;
  readonly streamName: string;
  readonly isPublisher: boolean;
  /** From the publisher's onMetaData, 0 until it arrives. */
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly audioCodec: number;
  readonly broadcast: {
    publisher: RtmpSession | null;
    /** How long node-media-server keeps a dropped publisher's place (30 s by default); the ingest keeps its own. */
    publishGraceMs: number;
  };
  readonly socket: Socket;
  run(): void;
  close(): void;
}

interface NodeMediaServerInternals {
  RtmpSession: new (socket: Socket) => RtmpSession;
  events: EventEmitter;
  sessions: Map<string, RtmpSession>;
  logger: { level: string };
}

const require = createRequire(import.meta.url);

export function nodeMediaServer(): NodeMediaServerInternals {
  const context = require('node-media-server/src/core/context.js') as {
    eventEmitter: EventEmitter;
    sessions: Map<string, RtmpSession>;
  };
  return {
    RtmpSession: require('node-media-server/src/session/rtmp_session.js'),
    events: context.eventEmitter,
    sessions: context.sessions,
    logger: require('node-media-server/src/core/logger.js'),
  };
}
