import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Cluster, prepareCluster } from '../support/cluster.ts';
import { type Frame, type LiveSocketClient, liveSocketFor } from '../support/live-socket.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { spawnLooply } from '../support/processes.ts';
import { distributedUrls } from '../support/services.ts';

const urls = distributedUrls();
const ready = Boolean(urls.databaseUrl && urls.redisUrl && urls.natsUrl);
const WAIT = { timeout: 20_000, interval: 100 };

/**
 * Two api nodes on one PostgreSQL + Redis + NATS: viewers of one stream on either node share its chat, its gifts,
 * its viewer count and its end; a third node killed mid-stream takes its viewers out of the count.
 */
describe.runIf(ready)('a live stream room across two api nodes', () => {
  let cluster: Cluster;
  let env: Record<string, string>;
  let first: TestLooply;
  let second: TestLooply;
  const sockets: LiveSocketClient[] = [];

  beforeAll(async () => {
    cluster = await prepareCluster('looply_live_room', urls, { LOOPLY_ROLES: 'api', RTMP_PORT: 'off' });
    env = cluster.env;
    first = await startTestLooply(env);
    second = await startTestLooply(env);
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await first?.stop();
    await second?.stop();
    await cluster?.cleanup();
  });

  async function onAir(hostName: string): Promise<{ streamId: string; host: Awaited<ReturnType<typeof signUp>> }> {
    const host = await signUp(first, hostName);
    const started = await first.api('/v1/live/start', {
      method: 'POST',
      json: { title: 'Two nodes' },
      token: host.access_token,
    });
    // On air the way an ingest node puts it there.
    await first.services.liveStreams.admitPublisher(started.body.stream_key);
    return { streamId: started.body.stream_id, host };
  }

  async function joined(nodeUrl: string, token: string, streamId: string): Promise<LiveSocketClient> {
    const socket = await liveSocketFor(nodeUrl, token);
    sockets.push(socket);
    socket.send({ type: 'live_join', stream_id: streamId });
    await socket.waitFor((frame) => frame.type === 'live_joined');
    return socket;
  }

  it('fans chat, gifts, viewer counts and the end out to viewers on both nodes', async () => {
    const { streamId, host } = await onAir('room_nodes_host');
    const near = await signUp(first, 'room_nodes_near');
    const far = await signUp(first, 'room_nodes_far');

    const nearSocket = await joined(first.url, near.access_token, streamId);
    const farSocket = await joined(second.url, far.access_token, streamId);
    const hostSocket = await joined(second.url, host.access_token, streamId);
    const isChat = (text: string) => (frame: Frame) => frame.type === 'live_chat' && frame.message.text === text;

    const said = await first.api(`/v1/live/${streamId}/chat`, {
      method: 'POST',
      json: { text: 'from the first node' },
      token: near.access_token,
    });
    expect(said.status).toBe(201);
    for (const socket of [farSocket, hostSocket, nearSocket]) await socket.waitFor(isChat('from the first node'));
    await second.api(`/v1/live/${streamId}/chat`, {
      method: 'POST',
      json: { text: 'from the second node' },
      token: far.access_token,
    });
    await nearSocket.waitFor(isChat('from the second node'));

    // The viewers on both nodes count (the host does not), in frames on either node and in the stream's details.
    for (const socket of [nearSocket, farSocket]) {
      await socket.waitFor((frame) => frame.type === 'live_viewers' && frame.now === 2, 20_000);
    }
    for (const node of [first, second]) {
      await vi.waitFor(async () => {
        expect((await node.api(`/v1/live/${streamId}`)).body.viewers).toEqual({ now: 2, peak: 2 });
      }, WAIT);
    }

    await first.api('/v1/wallet/purchases', {
      method: 'POST',
      json: { package_id: 'coins-70', idempotency_key: randomUUID() },
      token: near.access_token,
    });
    const gift = await first.api(`/v1/live/${streamId}/gifts`, {
      method: 'POST',
      json: { gift_id: 'rose', idempotency_key: randomUUID() },
      token: near.access_token,
    });
    expect(gift.status).toBe(200);
    for (const socket of [farSocket, hostSocket, nearSocket]) {
      const frame = await socket.waitFor((candidate) => candidate.type === 'live_gift');
      expect(frame).toMatchObject({ stream_id: streamId, gift_id: 'rose', from: { username: 'room_nodes_near' } });
    }

    // The far viewer leaves with their socket: the first node's viewers hear the count drop.
    // Frames from here on only: an earlier one may have counted 1 before the far viewer joined.
    const before = nearSocket.frames.length;
    farSocket.close();
    await nearSocket.waitFor(
      (frame) => nearSocket.frames.indexOf(frame) >= before && frame.type === 'live_viewers' && frame.now === 1,
      20_000,
    );

    const ended = await second.api(`/v1/live/${streamId}/end`, { method: 'POST', token: host.access_token });
    expect(ended.status).toBe(200);
    await nearSocket.waitFor((frame) => frame.type === 'live_ended' && frame.stream_id === streamId);
    expect(ended.body.stats).toMatchObject({
      peak_viewers: 2,
      unique_viewers: 2,
      chat_messages: 2,
      gifts: 1,
      coins: gift.body.coins_spent,
    });
    expect((await first.api(`/v1/live/${streamId}`)).body.stats).toEqual(ended.body.stats);
  }, 120_000);

  it('takes the viewers of a node that died out of the count', async () => {
    const { streamId } = await onAir('dying_node_host');
    const stays = await signUp(first, 'dying_node_stays');
    const goes = await signUp(first, 'dying_node_goes');
    const doomed = spawnLooply(['start', '--role', 'api'], { ...env, PORT: '0' });
    try {
      const listening = await doomed.waitForLog(/Looply is listening/, 60_000);
      const doomedUrl: string = JSON.parse(listening).url;
      const staysSocket = await joined(first.url, stays.access_token, streamId);
      await joined(doomedUrl, goes.access_token, streamId);
      await staysSocket.waitFor((frame) => frame.type === 'live_viewers' && frame.now === 2, 20_000);

      // No goodbye: the process is killed, its sockets and its presence just stop.
      await doomed.stop('SIGKILL');
      const after = staysSocket.frames.length;
      await staysSocket.waitFor(
        (frame) => staysSocket.frames.indexOf(frame) >= after && frame.type === 'live_viewers' && frame.now === 1,
        20_000,
      );
      await vi.waitFor(async () => {
        expect((await second.api(`/v1/live/${streamId}`)).body.viewers).toEqual({ now: 1, peak: 2 });
      }, WAIT);
    } finally {
      await doomed.stop('SIGKILL');
    }
  }, 120_000);
});
