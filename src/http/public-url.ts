import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Config, listeningUrl } from '../config.ts';

/** The origin absolute links are built on (share links, upload URLs, link previews). */
export type PublicUrl = () => string;

/**
 * PUBLIC_URL when set, else the address this app listens at. Never the request's Host header: anyone can send
 * one, and a link built on it would point people (and their upload bytes) wherever the sender chose.
 */
export function publicUrlOf(app: FastifyInstance, config: Config): PublicUrl {
  if (config.publicUrl) {
    const fixed = config.publicUrl;
    return () => fixed;
  }
  return () => {
    const address = app.server.address() as AddressInfo | null;
    return listeningUrl(config.host, address?.port ?? config.port);
  };
}
