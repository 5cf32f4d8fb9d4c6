import { fileURLToPath } from 'node:url';
import { inheritedEnv } from '../../test/support/processes.ts';
import { freePort, Supervised, until } from './processes.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** One Looply process of the chaos cluster. */
export interface LooplyNode {
  readonly name: string;
  readonly role: 'api' | 'worker';
  /** The api's base URL (a fixed port, so a restarted node is found where it was). */
  readonly url: string | null;
  readonly process: Supervised;
  /** Starts it and resolves once it is ready: an api answers /readyz with 200, a worker logged `worker started`. */
  start(): Promise<void>;
  ready(): Promise<boolean>;
}

export async function readyz(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** `looply <args>` as a child process on this Node.js, with `env` and none of this process's engine URLs. */
export function looplyProcess(name: string, args: string[], env: Record<string, string>): Supervised {
  return new Supervised(name, process.execPath, () => [MAIN, ...args], { ...inheritedEnv(), ...env });
}

export async function apiNode(name: string, env: Record<string, string>, startTimeoutMs: number): Promise<LooplyNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = looplyProcess(name, ['start', '--role', 'api'], { ...env, PORT: String(port), PUBLIC_URL: url });
  const node: LooplyNode = {
    name,
    role: 'api',
    url,
    process: child,
    async start() {
      child.start();
      await until(`${name} is ready`, () => node.ready(), startTimeoutMs, 200);
    },
    ready: () => (child.running ? readyz(url) : Promise.resolve(false)),
  };
  return node;
}

export function workerNode(name: string, env: Record<string, string>, startTimeoutMs: number): LooplyNode {
  const child = looplyProcess(name, ['start', '--role', 'worker'], { ...env, PORT: '0' });
  let started = false;
  return {
    name,
    role: 'worker',
    url: null,
    process: child,
    async start() {
      started = false;
      child.start();
      await child.waitForLine(/worker started/, startTimeoutMs);
      started = true;
    },
    ready: async () => child.running && started,
  };
}
