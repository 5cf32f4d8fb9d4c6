import { looplyProcess, readyz } from '../chaos/cluster.ts';
import { freePort, type Supervised, until } from '../chaos/processes.ts';

export interface LooplyNode {
  url: string;
  /** `rtmp://127.0.0.1:<port>/live`, or null for a node without ingest. */
  rtmpUrl: string | null;
  process: Supervised;
  pid(): number;
  stop(): Promise<void>;
}

/**
 * `looply start --role api` as a child process of its own (so its CPU and memory are its own), on free ports, quiet,
 * no demo content, no rate limits (every simulated viewer comes from 127.0.0.1). Resolves once /readyz says 200.
 */
export async function startLooplyNode(
  name: string,
  env: Record<string, string>,
  options: { rtmp: boolean; timeoutMs?: number },
): Promise<LooplyNode> {
  const port = await freePort();
  const rtmpPort = options.rtmp ? await freePort() : null;
  const url = `http://127.0.0.1:${port}`;
  const child = looplyProcess(name, ['start', '--role', 'api'], {
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    RTMP_PORT: rtmpPort === null ? 'off' : String(rtmpPort),
    DEMO_CONTENT: 'off',
    RATE_LIMIT_SCALE: '0',
    LOG_LEVEL: 'warn',
    ...env,
  });
  child.start();
  const node: LooplyNode = {
    url,
    rtmpUrl: rtmpPort === null ? null : `rtmp://127.0.0.1:${rtmpPort}/live`,
    process: child,
    pid() {
      const pid = child.pid;
      if (pid === undefined) throw new Error(`${name} is not running:\n${child.output().slice(-3000)}`);
      return pid;
    },
    stop: () => child.stop(15_000),
  };
  try {
    await until(
      `${name} answers /readyz`,
      async () => child.running && (await readyz(url)),
      options.timeoutMs ?? 120_000,
    );
  } catch (error) {
    await node.stop();
    throw new Error(`${(error as Error).message}\n${child.output().slice(-3000)}`);
  }
  return node;
}

/** JSON request against a node; throws with the body on an unexpected status. */
export async function api<T = Record<string, unknown>>(
  base: string,
  path: string,
  options: { method?: string; json?: unknown; token?: string; expect?: number } = {},
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
  });
  const text = await response.text();
  const expected = options.expect === undefined ? response.status < 400 : response.status === options.expect;
  if (!expected) throw new Error(`${options.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export interface Session {
  user: { id: string; username: string };
  access_token: string;
}

export function signUp(base: string, username: string): Promise<Session> {
  return api<Session>(base, '/v1/auth/signup', {
    json: { username, password: 'correct horse battery' },
    expect: 201,
  });
}

export interface StartedStream {
  stream_id: string;
  rtmp_url: string | null;
  stream_key: string;
}

export function startStream(base: string, token: string, title: string): Promise<StartedStream> {
  return api<StartedStream>(base, '/v1/live/start', { json: { title, visibility: 'public' }, token, expect: 201 });
}

/** Polls `GET /v1/live/{id}` until its status is `status`. */
export async function waitForStatus(base: string, streamId: string, status: string, timeoutMs = 60_000) {
  await until(
    `stream ${streamId} is ${status}`,
    async () => (await api<{ status: string }>(base, `/v1/live/${streamId}`)).status === status,
    timeoutMs,
    100,
  );
}
