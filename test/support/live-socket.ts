// biome-ignore lint/suspicious/noExplicitAny: tests read whatever frames the server sent
export type Frame = any;

export interface LiveSocketClient {
  socket: WebSocket;
  /** Every frame received so far, parsed. */
  frames: Frame[];
  /** The first frame (already received or still to come) that matches; rejects after `timeoutMs`. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  /** Resolves with the close code and reason once the socket is closed. */
  closed: Promise<{ code: number; reason: string }>;
  send(frame: unknown): void;
  close(): void;
}

/** A real WebSocket (Node's global one, as in a browser) to `/v1/ws`, token in the query when given. */
export function connectLiveSocket(baseUrl: string, token?: string): LiveSocketClient {
  const url = `${baseUrl.replace(/^http/, 'ws')}/v1/ws${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
  const socket = new WebSocket(url);
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.addEventListener('message', (event) => {
    frames.push(JSON.parse(String(event.data)));
    for (const waiter of waiters) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.addEventListener('close', (event) => resolve({ code: event.code, reason: event.reason }));
  });
  return {
    socket,
    frames,
    closed,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (found === undefined) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    send(frame) {
      socket.send(JSON.stringify(frame));
    },
    close() {
      socket.close();
    },
  };
}

/** Connected, authenticated and subscribed: every update published from now on reaches it. */
export async function liveSocketFor(baseUrl: string, token: string): Promise<LiveSocketClient> {
  const client = connectLiveSocket(baseUrl, token);
  await client.waitFor((frame) => frame.type === 'ready');
  return client;
}
