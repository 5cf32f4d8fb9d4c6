import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createApiClient } from '../support/api-client.ts';
import { type Cluster, prepareCluster } from '../support/cluster.ts';
import { type LiveSocketClient, liveSocketFor } from '../support/live-socket.ts';
import { type LooplyProcess, spawnLooply } from '../support/processes.ts';
import { distributedUrls } from '../support/services.ts';

const urls = distributedUrls();
const ready = Boolean(urls.databaseUrl && urls.redisUrl && urls.natsUrl);

interface Node {
  process: LooplyProcess;
  url: string;
  api: ApiClient;
}

/**
 * Two api processes on one PostgreSQL + Redis + NATS. Only the second has the worker role, so every notification
 * is written there; each is delivered by whichever node holds the recipient's socket.
 */
describe.runIf(ready)('live updates across two api nodes', () => {
  let cluster: Cluster;
  let apiOnly: Node;
  let apiAndWorker: Node;
  const sockets: LiveSocketClient[] = [];

  async function start(role: string, env: Record<string, string>): Promise<Node> {
    const process = spawnLooply(['start', '--role', role], { ...env, PORT: '0' });
    const listening = await process.waitForLog(/Looply is listening/, 60_000);
    const url: string = JSON.parse(listening).url;
    return { process, url, api: createApiClient(url) };
  }

  beforeAll(async () => {
    cluster = await prepareCluster('looply_fanout', urls);
    // The first applies the migrations; the second starts once it is listening.
    apiOnly = await start('api', cluster.env);
    apiAndWorker = await start('api,worker', cluster.env);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([apiOnly?.process.stop(), apiAndWorker?.process.stop()]);
    await cluster?.cleanup();
  });

  const signUp = async (node: Node, username: string) => {
    const response = await node.api('/v1/auth/signup', {
      method: 'POST',
      json: { username, password: 'a long password' },
    });
    expect(response.status).toBe(201);
    return response.body as { user: { id: string }; access_token: string };
  };
  const connect = async (node: Node, token: string) => {
    const socket = await liveSocketFor(node.url, token);
    sockets.push(socket);
    return socket;
  };

  it('delivers notifications and messages to sockets on the other node', async () => {
    const ann = await signUp(apiOnly, 'ann');
    const bob = await signUp(apiAndWorker, 'bob');
    const annOnApiOnly = await connect(apiOnly, ann.access_token);
    const annOnWorkerNode = await connect(apiAndWorker, ann.access_token);
    const bobOnWorkerNode = await connect(apiAndWorker, bob.access_token);

    // A follow through the api-only node: the worker node writes the notification, ann's sockets on both get it.
    await apiOnly.api('/v1/users/ann/follow', { method: 'POST', token: bob.access_token });
    for (const socket of [annOnApiOnly, annOnWorkerNode]) {
      const frame = await socket.waitFor((f) => f.type === 'notification');
      expect(frame.notification.message).toBe('bob started following you');
    }

    // A message posted on one node reaches the recipient's socket on the other, and the sender's elsewhere.
    const conversation = await apiOnly.api('/v1/conversations', {
      method: 'POST',
      token: ann.access_token,
      json: { member_usernames: ['bob'] },
    });
    const sent = await apiOnly.api(`/v1/conversations/${conversation.body.id}/messages`, {
      method: 'POST',
      token: ann.access_token,
      json: { text: 'from the first node' },
    });
    expect(sent.status).toBe(201);
    for (const socket of [bobOnWorkerNode, annOnWorkerNode]) {
      expect((await socket.waitFor((f) => f.type === 'message')).message.id).toBe(sent.body.id);
    }
    const reply = await apiAndWorker.api(`/v1/conversations/${conversation.body.id}/messages`, {
      method: 'POST',
      token: bob.access_token,
      json: { text: 'answered from the second' },
    });
    const delivered = await annOnApiOnly.waitFor((f) => f.type === 'message' && f.message.id === reply.body.id);
    expect(delivered.message.text).toBe('answered from the second');
    expect(apiOnly.process.output()).not.toContain('worker started');
  });
});
