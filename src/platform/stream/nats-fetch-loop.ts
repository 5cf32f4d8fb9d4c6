import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { createWaker, InFlight } from './poll-loop.ts';

export interface FetchLoop {
  /** Pulls nothing more and waits for the messages in flight. */
  stop(): Promise<void>;
}

/** How long one pull request waits at the server for messages. */
const PULL_EXPIRES_MS = 5_000;

/**
 * Pulls from a durable consumer only as many messages as there are free slots, so no message waits in a local
 * buffer while its ack wait (lease) runs out.
 */
export function startFetchLoop(options: {
  consumer: Consumer;
  slots: number;
  run(message: JsMsg): Promise<void>;
  onError(error: unknown): void;
}): FetchLoop {
  let stopped = false;
  let pulling: ConsumerMessages | undefined;
  const waker = createWaker();
  const inFlight = new InFlight(options.run, options.onError, waker);

  const loop = (async () => {
    while (!stopped) {
      const free = options.slots - inFlight.size;
      if (free <= 0) {
        await waker.sleep(PULL_EXPIRES_MS);
        continue;
      }
      try {
        pulling = await options.consumer.fetch({ max_messages: free, expires: PULL_EXPIRES_MS });
        // Not awaited: close() settles only once the messages are iterated, below.
        if (stopped) void pulling.close();
        for await (const message of pulling) {
          if (stopped) message.nak();
          else inFlight.start(message);
        }
      } catch (error) {
        if (stopped) break;
        options.onError(error);
        await waker.sleep(1_000);
      } finally {
        pulling = undefined;
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      waker.wake();
      await pulling?.close();
      await loop;
      await inFlight.drain();
    },
  };
}
