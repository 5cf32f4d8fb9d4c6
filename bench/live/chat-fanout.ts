import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { publishRtmp } from '../../test/support/rtmp-publisher.ts';
import { createDatabase, type Engine, startNats, startRedis } from '../chaos/engines.ts';
import { until } from '../chaos/processes.ts';
import { cpuWindow } from '../process-stats.ts';
import type { CleanUps } from './clean-ups.ts';
import { percentiles } from './glass-to-glass.ts';
import { type LooplyNode, type Session, signUp, startLooplyNode, startStream, waitForStatus } from './looply-node.ts';

/** Why part 3 cannot run here, or null when it can (checked before anything starts). */
export function chatFanoutUnavailable(databaseUrl: string | undefined): string | null {
  if (!databaseUrl) return 'two api nodes need a PostgreSQL server: set DATABASE_URL (or --database-url)';
  for (const binary of [
    process.env.CHAOS_REDIS_SERVER ?? '/usr/bin/redis-server',
    process.env.CHAOS_NATS_SERVER ?? '/usr/sbin/nats-server',
  ])
    if (!existsSync(binary)) return `${binary} is not installed (two api nodes need their own Redis and NATS)`;
  return null;
}

/** True when the node answers the stream room's chat history route (protocol.md), false when it has no such route. */
export async function hasChatRoute(base: string, streamId: string, token: string): Promise<boolean> {
  const response = await fetch(`${base}/v1/live/${streamId}/chat`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status === 200;
}

export interface ChatFanoutOptions {
  /** Where its clean-up steps go (run when it ends, or earlier by whoever else holds them). */
  cleanUps: CleanUps;
  databaseUrl: string;
  /** Sockets in the room, half on each node. */
  sockets: number;
  /** Accounts that post, in turn. */
  senders: number;
  /** Messages per second to try, in order, until a step fails. */
  rates: number[];
  seconds: number;
  /** A message must reach every socket within this long of its POST. */
  deliveryMs: number;
  log: (line: string) => void;
}

interface RoomSocket {
  node: 'a' | 'b';
  socket: WebSocket;
  /** Receive time of each chat message, by its text. */
  received: Map<string, number>;
}

/** A WebSocket on `/v1/ws` that joined the stream's room (`live_join` → `live_joined`). */
async function joinRoom(base: string, node: 'a' | 'b', token: string, streamId: string): Promise<RoomSocket> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/ws?token=${encodeURIComponent(token)}`);
  const room: RoomSocket = { node, socket, received: new Map() };
  const joined = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no live_joined within 15 s')), 15_000);
    socket.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as { type: string; code?: string; message?: { text: string } };
      if (frame.type === 'ready') socket.send(JSON.stringify({ type: 'live_join', stream_id: streamId }));
      else if (frame.type === 'live_joined') {
        clearTimeout(timer);
        resolve();
      } else if (frame.type === 'live_error') {
        clearTimeout(timer);
        reject(new Error(`live_join refused: ${frame.code}`));
      } else if (frame.type === 'live_chat' && frame.message) room.received.set(frame.message.text, Date.now());
    });
    socket.addEventListener('error', () => reject(new Error('the socket failed')));
  });
  await joined;
  return room;
}

/** Posts `rate` messages a second for `seconds`, alternating the two nodes; resolves with each accepted message. */
async function postAtRate(
  nodes: { a: string; b: string },
  streamId: string,
  senders: Session[],
  step: { rate: number; seconds: number; tag: string },
) {
  const accepted = new Map<string, { sentAt: number; node: 'a' | 'b' }>();
  const refused = new Map<number, number>();
  const total = Math.round(step.rate * step.seconds);
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    await sleep(Math.max(0, started + (1000 * i) / step.rate - Date.now()));
    const node = i % 2 === 0 ? 'a' : 'b';
    const sender = senders[i % senders.length] as Session;
    const text = `${step.tag}-${i}`;
    const sentAt = Date.now();
    const request = fetch(`${nodes[node]}/v1/live/${streamId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sender.access_token}` },
      body: JSON.stringify({ text }),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 201) accepted.set(text, { sentAt, node });
        else refused.set(response.status, (refused.get(response.status) ?? 0) + 1);
      })
      .catch(() => {
        refused.set(0, (refused.get(0) ?? 0) + 1);
      });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  return { accepted, refused, sendSeconds: (Date.now() - started) / 1000 };
}

/**
 * Chat fan-out across two api nodes (protocol.md): both on one PostgreSQL database of their own, their own Redis and
 * NATS, one blob directory; a stream published by RTMP to the first; `sockets` WebSockets in its room, half on each
 * node; senders post at a growing rate to both nodes in turn. A step passes when every accepted message reached every
 * socket within `deliveryMs` of its POST; the largest passing rate is the figure.
 */
export async function measureChatFanout(options: ChatFanoutOptions) {
  const { cleanUps } = options;
  const work = await mkdtemp(join(tmpdir(), 'looply-bench-chat-'));
  cleanUps.add(() => rm(work, { recursive: true, force: true }));
  try {
    const database = await createDatabase(options.databaseUrl, `looply_bench_chat_${randomBytes(4).toString('hex')}`);
    cleanUps.add(() => database.drop());
    const engines: Engine[] = [await startRedis(work), await startNats(work)];
    for (const engine of engines) cleanUps.add(() => engine.process.stop(5_000));
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: engines[0]?.url ?? '',
      NATS_URL: engines[1]?.url ?? '',
      DATA_DIR: join(work, 'data'),
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    // One after the other: the first applies the migrations.
    const a: LooplyNode = await startLooplyNode('looply-a', env, { rtmp: true });
    cleanUps.add(() => a.stop());
    const b: LooplyNode = await startLooplyNode('looply-b', env, { rtmp: false });
    cleanUps.add(() => b.stop());

    const host = await signUp(a.url, 'chat_host');
    const senders: Session[] = [];
    for (let i = 0; i < options.senders; i++) senders.push(await signUp(i % 2 ? b.url : a.url, `chat_sender_${i}`));
    const watchers: Session[] = [];
    for (let i = 0; i < Math.min(options.sockets, 20); i++) watchers.push(await signUp(a.url, `chat_viewer_${i}`));

    const stream = await startStream(a.url, host.access_token, 'Chat benchmark');
    const publisher = publishRtmp(`${stream.rtmp_url}/${stream.stream_key}`, { seconds: 3600 });
    cleanUps.add(() => publisher.kill());
    await waitForStatus(a.url, stream.stream_id, 'live');
    if (!(await hasChatRoute(a.url, stream.stream_id, host.access_token)))
      throw new Error('GET /v1/live/{id}/chat is not answered with 200: the stream room has not landed');

    const rooms: RoomSocket[] = [];
    cleanUps.add(async () => {
      for (const room of rooms) room.socket.close();
    });
    for (let i = 0; i < options.sockets; i++) {
      const node = i % 2 === 0 ? 'a' : 'b';
      const watcher = watchers[i % watchers.length] as Session;
      rooms.push(await joinRoom(node === 'a' ? a.url : b.url, node, watcher.access_token, stream.stream_id));
    }
    options.log(`chat: ${rooms.length} sockets in the room, ${senders.length} senders`);

    const steps = [];
    for (const rate of options.rates) {
      const tag = `r${rate}`;
      const cpuA = await cpuWindow(a.pid());
      const cpuB = await cpuWindow(b.pid());
      // The sockets' frames are parsed here: when this process is the bottleneck, its event loop shows it.
      const ownCpu = process.cpuUsage();
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const stepStarted = Date.now();
      const sent = await postAtRate({ a: a.url, b: b.url }, stream.stream_id, senders, {
        rate,
        seconds: options.seconds,
        tag,
      });
      const texts = [...sent.accepted.keys()];
      const everywhere = () => rooms.every((room) => texts.every((text) => room.received.has(text)));
      await until('every socket has every message', everywhere, options.deliveryMs + 5_000, 50).catch(() => {});
      const latencies: number[] = [];
      const crossNode: number[] = [];
      let delivered = 0;
      for (const room of rooms) {
        for (const [text, { sentAt, node }] of sent.accepted) {
          const at = room.received.get(text);
          if (at === undefined) continue;
          delivered += 1;
          latencies.push(at - sentAt);
          if (node !== room.node) crossNode.push(at - sentAt);
        }
      }
      loopDelay.disable();
      const own = process.cpuUsage(ownCpu);
      const expected = sent.accepted.size * rooms.length;
      const delivery = percentiles(latencies);
      const ok =
        sent.refused.size === 0 &&
        expected > 0 &&
        delivered === expected &&
        latencies.every((latency) => latency <= options.deliveryMs);
      const step = {
        target_messages_per_second: rate,
        accepted: sent.accepted.size,
        refused_by_status: Object.fromEntries(sent.refused),
        sent_messages_per_second: Math.round((10 * sent.accepted.size) / sent.sendSeconds) / 10,
        deliveries_expected: expected,
        deliveries: delivered,
        deliveries_per_second: Math.round(delivered / sent.sendSeconds),
        delivery_ms: delivery,
        cross_node_delivery_ms: percentiles(crossNode),
        node_a: await cpuA.stop(),
        node_b: await cpuB.stop(),
        load_generator: {
          cpu_percent_of_one_core: Math.round((own.user + own.system) / 1e4 / ((Date.now() - stepStarted) / 1000)),
          event_loop_delay_p99_ms: Math.round(loopDelay.percentile(99) / 1e6),
        },
        ok,
      };
      options.log(
        `chat ${rate}/s: ${ok ? 'ok' : 'FAILED'}, p95 ${delivery.p95} ms, ${delivered}/${expected} delivered`,
      );
      steps.push(step);
      if (!ok) break;
      for (const room of rooms) room.received.clear();
    }
    const passing = steps.filter((step) => step.ok);
    const best = passing.at(-1);
    return {
      rule: `every accepted message reaches every socket in the room (half on each node) within ${options.deliveryMs} ms of its POST; posts alternate the two nodes`,
      sockets: rooms.length,
      senders: senders.length,
      step_seconds: options.seconds,
      largest_passing_messages_per_second: best?.sent_messages_per_second ?? 0,
      deliveries_per_second_then: best?.deliveries_per_second ?? 0,
      steps,
    };
  } finally {
    await cleanUps.run();
  }
}
