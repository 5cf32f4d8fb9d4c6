import { setTimeout as sleep } from 'node:timers/promises';
import * as tus from 'tus-js-client';
import type { Answer, ChaosClient } from './client.ts';

export const PASSWORD = 'a long chaos password';

export interface Account {
  username: string;
  id: string;
  token: string;
}

/** What the run knows of a like or a follow: its last acknowledged state, or unknown. */
export interface PairState {
  /** true/false: the last request of this pair was acknowledged saying so; null: its outcome is unknown. */
  state: boolean | null;
  /** A request of this pair timed out: it may still land, so the pair's final state cannot be known. */
  tainted: boolean;
}

/** Every write the workload got a 2xx for, and what it cannot know. */
export class Ledger {
  readonly accounts: Account[] = [];
  /** Sign-ups acknowledged (201, or a retried sign-up found taken and signed in). */
  readonly signups = new Map<string, string>();
  readonly likes = new Map<string, PairState>();
  readonly follows = new Map<string, PairState>();
  readonly comments: Array<{ id: string; videoId: string }> = [];
  readonly messages: Array<{ id: string; conversationId: string }> = [];
  /** Per video: views acknowledged (204) and views sent (every attempt, which bounds what may have been counted). */
  readonly views = new Map<string, { acknowledged: number; sent: number }>();
  /** Resumable uploads whose last PATCH was acknowledged (tus onSuccess): each must become one ready video. */
  readonly uploads: Array<{ id: string; startedAt: number; completedAt: number }> = [];
  /** Acknowledged writes by kind, for the report. */
  readonly acknowledged: Record<string, number> = {
    signup: 0,
    like: 0,
    unlike: 0,
    comment: 0,
    follow: 0,
    unfollow: 0,
    view: 0,
    message: 0,
    upload: 0,
    login: 0,
  };
  unknownOutcomes = 0;
  /** Sign-ups sent so far, which numbers the next username. */
  signupsSent = 0;
}

const WEIGHTS: Array<[Operation, number]> = [
  ['like', 30],
  ['view', 20],
  ['comment', 14],
  ['follow', 16],
  ['message', 12],
  ['signup', 8],
];
type Operation = 'like' | 'view' | 'comment' | 'follow' | 'message' | 'signup';

export interface WorkloadOptions {
  client: ChaosClient;
  ledger: Ledger;
  random: () => number;
  /** The ready videos interactions target. */
  videos: readonly string[];
  /** A name every account of this run starts with. */
  tag: string;
  /**
   * Accounts the workload signs up at most; after that a sign-up turns into a sign-in of an existing account, so a
   * soak reaches a steady state (memory that grows with the number of accounts is not a leak).
   */
  population?: number;
  onUnexpected(op: string, answer: Answer): void;
}

/**
 * Virtual users sending a mix of sign-ups, likes and unlikes, comments, follows and unfollows, views and direct
 * messages. Requests of one like or follow pair are never in flight together, so the last acknowledged one says what
 * the store must hold.
 */
export class Workload {
  readonly #o: WorkloadOptions;
  readonly #busy = new Set<string>();
  readonly #conversations = new Map<string, Promise<string | null>>();

  constructor(options: WorkloadOptions) {
    this.#o = options;
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#o.random() * items.length)] as T;
  }

  #operation(): Operation {
    const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.#o.random() * total;
    for (const [operation, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) return operation;
    }
    return 'view';
  }

  /** Runs one virtual user until `signal` aborts. */
  async user(signal: AbortSignal, thinkMs: number): Promise<void> {
    while (!signal.aborted) {
      await this.step(this.#operation());
      await sleep(thinkMs * (0.5 + this.#o.random()));
    }
  }

  async step(operation: Operation): Promise<void> {
    switch (operation) {
      case 'signup':
        if (this.#o.ledger.accounts.length >= (this.#o.population ?? Number.POSITIVE_INFINITY)) return this.#signIn();
        return void (await this.signUp());
      case 'like':
        return this.#like();
      case 'follow':
        return this.#follow();
      case 'comment':
        return this.#comment();
      case 'view':
        return this.#view();
      case 'message':
        return this.#message();
    }
  }

  async signUp(): Promise<Account | null> {
    const { client, ledger, tag } = this.#o;
    ledger.signupsSent += 1;
    const username = `${tag}${ledger.signupsSent}`;
    let answer = await client.call('signup', '/v1/auth/signup', {
      method: 'POST',
      json: { username, password: PASSWORD },
    });
    if (answer.status === 409 && answer.doubtful) {
      // An earlier attempt created the account before its answer was lost: sign in instead.
      answer = await client.call('login', '/v1/auth/login', { method: 'POST', json: { username, password: PASSWORD } });
    }
    if (answer.status === 200 || answer.status === 201) {
      const account = { username, id: answer.body.user.id as string, token: answer.body.access_token as string };
      ledger.signups.set(username, account.id);
      ledger.accounts.push(account);
      ledger.acknowledged.signup = (ledger.acknowledged.signup ?? 0) + 1;
      return account;
    }
    this.#settle('signup', answer);
    return null;
  }

  async #signIn(): Promise<void> {
    const { client, ledger } = this.#o;
    const account = this.#pick(ledger.accounts);
    const answer = await client.call('login', '/v1/auth/login', {
      method: 'POST',
      json: { username: account.username, password: PASSWORD },
    });
    if (answer.status === 200) ledger.acknowledged.login = (ledger.acknowledged.login ?? 0) + 1;
    else this.#settle('login', answer);
  }

  /** Counts an answer that is neither the expected success nor a known outcome. */
  #settle(op: string, answer: Answer): void {
    if (answer.status === 0) this.#o.ledger.unknownOutcomes += 1;
    else this.#o.onUnexpected(op, answer);
  }

  /** Two accounts and a pair key no other request holds; null when none was free. */
  #freePair(kind: string, second: () => string): { key: string; first: Account; other: string } | null {
    for (let tries = 0; tries < 8; tries++) {
      const first = this.#pick(this.#o.ledger.accounts);
      const other = second();
      const key = `${kind}:${first.id}:${other}`;
      if (other !== first.id && !this.#busy.has(key)) return { key, first, other };
    }
    return null;
  }

  async #toggle(
    kind: 'like' | 'follow',
    pairs: Map<string, PairState>,
    target: () => string,
    path: (other: string) => string,
    field: 'liked' | 'following',
  ): Promise<void> {
    const pair = this.#freePair(kind, target);
    if (!pair) return;
    this.#busy.add(pair.key);
    try {
      const known = pairs.get(pair.key) ?? { state: false, tainted: false };
      const on = known.state !== true;
      const op = on ? kind : kind === 'like' ? 'unlike' : 'unfollow';
      const answer = await this.#o.client.call(op, path(pair.other), {
        method: on ? 'POST' : 'DELETE',
        token: pair.first.token,
      });
      const tainted = known.tainted || answer.timedOut;
      if (answer.status === 200 && typeof answer.body?.[field] === 'boolean') {
        pairs.set(pair.key, { state: answer.body[field], tainted });
        this.#o.ledger.acknowledged[op] = (this.#o.ledger.acknowledged[op] ?? 0) + 1;
      } else {
        pairs.set(pair.key, { state: null, tainted });
        this.#settle(op, answer);
      }
    } finally {
      this.#busy.delete(pair.key);
    }
  }

  #like(): Promise<void> {
    return this.#toggle(
      'like',
      this.#o.ledger.likes,
      () => this.#pick(this.#o.videos),
      (video) => `/v1/videos/${video}/like`,
      'liked',
    );
  }

  #follow(): Promise<void> {
    const { accounts } = this.#o.ledger;
    const byId = (id: string) => accounts.find((account) => account.id === id)?.username as string;
    return this.#toggle(
      'follow',
      this.#o.ledger.follows,
      () => this.#pick(accounts).id,
      (followee) => `/v1/users/${byId(followee)}/follow`,
      'following',
    );
  }

  async #comment(): Promise<void> {
    const { client, ledger } = this.#o;
    const author = this.#pick(ledger.accounts);
    const videoId = this.#pick(this.#o.videos);
    const answer = await client.call('comment', `/v1/videos/${videoId}/comments`, {
      method: 'POST',
      token: author.token,
      json: { content: `chaos comment ${Math.floor(this.#o.random() * 1e9)}` },
    });
    if (answer.status === 201) {
      ledger.comments.push({ id: answer.body.id, videoId });
      ledger.acknowledged.comment = (ledger.acknowledged.comment ?? 0) + 1;
    } else this.#settle('comment', answer);
  }

  async #view(): Promise<void> {
    const { client, ledger } = this.#o;
    const viewer = this.#pick(ledger.accounts);
    const videoId = this.#pick(this.#o.videos);
    const views = ledger.views.get(videoId) ?? { acknowledged: 0, sent: 0 };
    ledger.views.set(videoId, views);
    const answer = await client.call('view', `/v1/videos/${videoId}/view`, {
      method: 'POST',
      token: viewer.token,
      json: { watch_time_ms: 2500, completion_rate: 1, replay_count: 0, source: 'chaos' },
    });
    // A view has no idempotency key: an attempt whose answer was lost and the retry may both count.
    views.sent += answer.attempts;
    if (answer.status === 204) {
      views.acknowledged += 1;
      ledger.acknowledged.view = (ledger.acknowledged.view ?? 0) + 1;
    } else this.#settle('view', answer);
  }

  /** The 1:1 conversation of two accounts, found or created once per pair. */
  #conversation(from: Account, to: Account): Promise<string | null> {
    const key = [from.id, to.id].sort().join(':');
    let found = this.#conversations.get(key);
    if (!found) {
      found = this.#o.client
        .call('conversation', '/v1/conversations', {
          method: 'POST',
          token: from.token,
          json: { member_usernames: [to.username] },
        })
        .then((answer) => {
          if (answer.status === 200 || answer.status === 201) return answer.body.id as string;
          this.#conversations.delete(key);
          this.#settle('conversation', answer);
          return null;
        });
      this.#conversations.set(key, found);
    }
    return found;
  }

  async #message(): Promise<void> {
    const { client, ledger } = this.#o;
    const from = this.#pick(ledger.accounts);
    const to = this.#pick(ledger.accounts);
    if (from.id === to.id) return;
    const conversationId = await this.#conversation(from, to);
    if (!conversationId) return;
    const answer = await client.call('message', `/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      token: from.token,
      json: { text: `chaos message ${Math.floor(this.#o.random() * 1e9)}` },
    });
    if (answer.status === 201) {
      ledger.messages.push({ id: answer.body.id, conversationId });
      ledger.acknowledged.message = (ledger.acknowledged.message ?? 0) + 1;
    } else this.#settle('message', answer);
  }

  /**
   * One resumable upload over tus: the video is created with JSON, then tus-js-client sends the bytes in small
   * chunks; when a node fails mid-upload the upload resumes on the next node from the offset the store kept.
   * Returns the video id once the last PATCH was acknowledged, null when the upload could not be finished.
   */
  async upload(bytes: Buffer, number: number, budgetMs: number): Promise<string | null> {
    const { client, ledger } = this.#o;
    const author = this.#pick(ledger.accounts);
    const startedAt = Date.now();
    const begun = await client.call('upload-create', '/v1/videos', {
      method: 'POST',
      token: author.token,
      json: { size: bytes.length, filename: `chaos-${number}.mp4`, caption: `chaos upload ${number}` },
    });
    if (begun.status !== 202) {
      this.#settle('upload-create', begun);
      return null;
    }
    const id: string = begun.body.video_id;
    for (let attempt = 0; Date.now() - startedAt < budgetMs; attempt++) {
      const node = client.pick();
      const error = await new Promise<Error | null>((resolve) => {
        const upload = new tus.Upload(bytes, {
          uploadUrl: `${node}/v1/uploads/${id}`,
          headers: { authorization: `Bearer ${author.token}` },
          chunkSize: 16 * 1024,
          retryDelays: [],
          storeFingerprintForResuming: false,
          onSuccess: () => resolve(null),
          onError: (failure) => resolve(failure),
        });
        upload.start();
      });
      if (!error) {
        ledger.uploads.push({ id, startedAt, completedAt: Date.now() });
        ledger.acknowledged.upload = (ledger.acknowledged.upload ?? 0) + 1;
        return id;
      }
      const status = (error as tus.DetailedError).originalResponse?.getStatus() ?? 0;
      client.recordTusFailure(id, node, status, error.message);
      await sleep(Math.min(2000, 200 * 2 ** attempt));
    }
    ledger.unknownOutcomes += 1;
    return null;
  }
}
