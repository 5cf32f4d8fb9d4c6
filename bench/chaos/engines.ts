import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, Supervised, until } from './processes.ts';

const REDIS_SERVER = process.env.CHAOS_REDIS_SERVER ?? '/usr/bin/redis-server';
const NATS_SERVER = process.env.CHAOS_NATS_SERVER ?? '/usr/sbin/nats-server';

/** A Redis or NATS server of the chaos run's own, on a loopback port, that the run may kill and start again. */
export interface Engine {
  readonly name: 'redis' | 'nats';
  readonly url: string;
  readonly process: Supervised;
  start(): Promise<void>;
  /** True once it answers (Redis: PING; NATS: JetStream healthy). */
  ready(): Promise<boolean>;
}

/** Redis without persistence (`--save '' --appendonly no`): a restart loses every key, as the issue demands. */
export async function startRedis(dir: string): Promise<Engine> {
  const port = await freePort();
  await mkdir(join(dir, 'redis'), { recursive: true });
  const process = new Supervised(
    'redis',
    REDIS_SERVER,
    () => [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      join(dir, 'redis'),
    ],
    {},
  );
  const engine: Engine = {
    name: 'redis',
    url: `redis://127.0.0.1:${port}`,
    process,
    async start() {
      process.start();
      await until('redis answers PING', () => engine.ready(), 20_000, 50);
    },
    ready: () => redisPing(port),
  };
  await engine.start();
  return engine;
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

/** nats-server with JetStream, its file store in `dir` (kept across restarts, as a real deployment's disk is). */
export async function startNats(dir: string): Promise<Engine> {
  const port = await freePort();
  const monitorPort = await freePort();
  const storeDir = join(dir, 'nats');
  await mkdir(storeDir, { recursive: true });
  const process = new Supervised(
    'nats',
    NATS_SERVER,
    () => ['-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort), '-js', '-sd', storeDir],
    {},
  );
  const engine: Engine = {
    name: 'nats',
    url: `nats://127.0.0.1:${port}`,
    process,
    async start() {
      process.start();
      await until('nats-server is healthy', () => engine.ready(), 30_000, 100);
    },
    async ready() {
      try {
        const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz`, { signal: AbortSignal.timeout(1000) });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
  await engine.start();
  return engine;
}

/** A fresh database on the shared PostgreSQL server, dropped by `drop()`. */
export async function createDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
