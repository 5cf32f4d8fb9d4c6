import { openTestDatabase, serviceUrl, type TestDatabase, uniqueName } from '../../../test/support/services.ts';
import { connectJetStream, dropNamespace } from './nats-connection.ts';

const gates: Array<() => void> = [];

/** A promise a handler can hang on; `openAllGates` in afterEach opens every one, so a failed test cannot hang. */
export function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  gates.push(open);
  return { opened, open };
}

export function openAllGates(): void {
  for (const open of gates.splice(0)) open();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for assertions: long enough for a redelivery on a loaded machine. */
export const eventually = { timeout: 20_000, interval: 50 };

/** Removes a test's JetStream streams and consumers. */
export async function dropTestNamespace(natsUrl: string, namespace: string): Promise<void> {
  const { nc, jsm } = await connectJetStream(natsUrl, 'looply-test-cleanup');
  await dropNamespace(jsm, namespace);
  await nc.close();
}

/** A fallback poll interval no test lives to see: everything then rests on a wake at commit or when work falls due. */
export const NEVER_POLL_MS = 3_600_000;

/**
 * The adapters a port's contract suite runs against: embedded on PGlite (polled, and woken only), embedded on
 * PostgreSQL when DATABASE_URL is set, and NATS over PGlite when NATS_URL is set, each in a namespace of its own.
 */
export function adapterVariants<Harness>(make: {
  embedded: (store: TestDatabase, pollIntervalMs: number) => Promise<Harness>;
  nats: (store: TestDatabase, natsUrl: string, namespace: string) => Promise<Harness>;
}): Array<{ name: string; open: () => Promise<Harness> }> {
  const databaseUrl = serviceUrl('DATABASE_URL');
  const natsUrl = serviceUrl('NATS_URL');
  const embedded =
    (kind: 'pglite' | 'postgres', pollIntervalMs = 50) =>
    async () =>
      make.embedded(await openTestDatabase(kind, databaseUrl), pollIntervalMs);
  const list = [
    { name: 'embedded on pglite', open: embedded('pglite') },
    { name: 'embedded on pglite, woken only', open: embedded('pglite', NEVER_POLL_MS) },
  ];
  if (databaseUrl) list.push({ name: 'embedded on postgres', open: embedded('postgres') });
  if (natsUrl) {
    const nats = async () => make.nats(await openTestDatabase('pglite'), natsUrl, uniqueName('t'));
    list.push({ name: 'nats', open: nats });
  }
  return list;
}
