import { setTimeout as sleep } from 'node:timers/promises';

/** A failed attempt: a 5xx, or no answer at all (refused, reset, timed out). */
export interface Failure {
  op: string;
  node: string;
  startedAt: number;
  endedAt: number;
  /** The HTTP status, or `connection` / `timeout`. */
  outcome: number | 'connection' | 'timeout';
  detail: string;
}

/** An answer the workload did not expect (a 4xx where it expected success), kept for the report. */
export interface Unexpected {
  op: string;
  status: number;
  at: number;
  body: string;
}

export interface Answer {
  /** The final status; 0 when no node answered within the retry budget. */
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the workload reads whatever JSON the API answered
  body: any;
  /** An earlier attempt may have been applied (it reached a node and got no answer, or a 5xx). */
  doubtful: boolean;
  /** Attempts sent, the answered one included: a request without an idempotency key may be applied by each. */
  attempts: number;
  /** An earlier attempt timed out: it may still be running somewhere, so its effect may land after this answer. */
  timedOut: boolean;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  json?: unknown;
}

/** Every attempt's latency and when it ended, failures, and how many requests were sent. */
export class Traffic {
  attempts = 0;
  requests = 0;
  readonly latencies: number[] = [];
  readonly endedAt: number[] = [];
  readonly failures: Failure[] = [];
  readonly unexpected: Unexpected[] = [];

  answered(startedAt: number, endedAt: number): void {
    this.latencies.push(endedAt - startedAt);
    this.endedAt.push(endedAt);
  }
}

/**
 * The workload's HTTP client, in front of every api node as a load balancer would be: requests go round robin; a
 * node that refuses or drops a connection, times out or answers 5xx is left for the next one and the request is
 * retried there (a refused request never reached a node, so even a non-idempotent one is safe to send again; for
 * the others the answer says it is `doubtful`).
 */
export class ChaosClient {
  readonly #nodes: readonly string[];
  readonly #traffic: Traffic;
  readonly #budgetMs: number;
  readonly #timeoutMs: number;
  #next = 0;

  constructor(nodes: readonly string[], traffic: Traffic, options: { budgetMs?: number; timeoutMs?: number } = {}) {
    this.#nodes = nodes;
    this.#traffic = traffic;
    this.#budgetMs = options.budgetMs ?? 90_000;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
  }

  get nodes(): readonly string[] {
    return this.#nodes;
  }

  /** The node the next request goes to (tus uploads start there and move on when it fails). */
  pick(): string {
    const node = this.#nodes[this.#next % this.#nodes.length] as string;
    this.#next += 1;
    return node;
  }

  /** A tus request that failed inside tus-js-client (status 0: no answer). */
  recordTusFailure(uploadId: string, node: string, status: number, message: string): void {
    const at = Date.now();
    if (status === 0 || status >= 500) {
      const outcome = status === 0 ? 'connection' : status;
      this.#traffic.failures.push({ op: 'upload-tus', node, startedAt: at, endedAt: at, outcome, detail: message });
    } else {
      this.#traffic.unexpected.push({ op: 'upload-tus', status, at, body: `${uploadId}: ${message}` });
    }
  }

  async call(op: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const started = Date.now();
    let doubtful = false;
    let timedOut = false;
    let node = this.pick();
    this.#traffic.requests += 1;
    for (let attempt = 0; ; attempt++) {
      const attemptStart = Date.now();
      this.#traffic.attempts += 1;
      let failure: Failure | null = null;
      try {
        const response = await fetch(`${node}${path}`, {
          method: options.method ?? 'GET',
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: options.json !== undefined ? JSON.stringify(options.json) : null,
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        const text = await response.text();
        const ended = Date.now();
        this.#traffic.answered(attemptStart, ended);
        if (response.status < 500) {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          return { status: response.status, body, doubtful, timedOut, attempts: attempt + 1 };
        }
        failure = { op, node, startedAt: attemptStart, endedAt: ended, outcome: response.status, detail: text };
      } catch (error) {
        const ended = Date.now();
        const name = (error as Error).name;
        const timeout = name === 'TimeoutError';
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        failure = {
          op,
          node,
          startedAt: attemptStart,
          endedAt: ended,
          outcome: timeout ? 'timeout' : 'connection',
          detail: String(cause),
        };
        timedOut ||= timeout;
        // A refused connection never reached the node; anything else may have.
        if (cause !== 'ECONNREFUSED') doubtful = true;
      }
      this.#traffic.failures.push(failure);
      if (typeof failure.outcome === 'number') doubtful = true;
      if (Date.now() - started > this.#budgetMs) {
        return { status: 0, body: null, doubtful, timedOut, attempts: attempt + 1 };
      }
      node = this.pick();
      await sleep(Math.min(1000, 100 * 2 ** attempt));
    }
  }
}
