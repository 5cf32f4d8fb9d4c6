import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';

export type { Logger };

/** JSON logs on stdout; one logger per process, children per module (`log.child({ module })`). */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'looply', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'password', 'refresh_token', 'access_token'], remove: true },
  });
}
