import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** Loopback and private networks: where a Prometheus of the same installation scrapes from. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
INTERNAL.addAddress('::1', 'ipv6');
INTERNAL.addSubnet('fc00::', 7, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const mapped = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIPv4(mapped) ? INTERNAL.check(mapped, 'ipv4') : INTERNAL.check(mapped, 'ipv6');
}

export type MetricsAccess = 'allowed' | 'no-token' | 'not-internal';

/** With a token configured, the bearer must match it; without one, only internal clients may scrape. */
export function metricsAccess(request: FastifyRequest, token: string | undefined): MetricsAccess {
  if (token === undefined) return isInternalAddress(request.ip) ? 'allowed' : 'not-internal';
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? 'allowed' : 'no-token';
}
