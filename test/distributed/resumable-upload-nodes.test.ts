import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createApiClient } from '../support/api-client.ts';
import { type Cluster, prepareCluster } from '../support/cluster.ts';
import { type LooplyProcess, spawnLooply } from '../support/processes.ts';
import { distributedUrls } from '../support/services.ts';

const urls = distributedUrls();
const ready = Boolean(urls.databaseUrl && urls.redisUrl && urls.natsUrl);

const CHUNK = 8 * 1024;

interface Node {
  process: LooplyProcess;
  url: string;
  api: ApiClient;
}

function patchHeaders(token: string, offset: number): Record<string, string> {
  return {
    'tus-resumable': '1.0.0',
    authorization: `Bearer ${token}`,
    'upload-offset': String(offset),
    'content-type': 'application/offset+octet-stream',
  };
}

/**
 * A PATCH whose body arrives in two halves `pauseMs` apart, so that a PATCH sent to the other node at the same time
 * is still in flight. Resolves with the status.
 */
function slowPatch(url: string, token: string, offset: number, body: Buffer, pauseMs: number): Promise<number> {
  return new Promise((resolve) => {
    const request = httpRequest(url, {
      method: 'PATCH',
      headers: { ...patchHeaders(token, offset), 'content-length': String(body.length) },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    // The loser may be cut off mid-body (0): what counts is that it did not succeed too.
    request.on('error', () => resolve(0));
    const half = Math.floor(body.length / 2);
    request.write(body.subarray(0, half));
    void sleep(pauseMs).then(() => request.end(body.subarray(half)));
  });
}

function patch(url: string, token: string, offset: number, body: Buffer) {
  return fetch(url, { method: 'PATCH', headers: patchHeaders(token, offset), body: new Uint8Array(body) });
}

/**
 * Two api processes on one PostgreSQL + Redis + NATS and one DATA_DIR, with no routing of an upload's requests to
 * one node: the tus lock of each upload lives in Redis.
 */
describe.runIf(ready)('resumable uploads across two api nodes', () => {
  let cluster: Cluster;
  let nodes: [Node, Node];
  let token: string;

  async function start(env: Record<string, string>): Promise<Node> {
    const process = spawnLooply(['start', '--role', 'api'], { ...env, PORT: '0' });
    const listening = await process.waitForLog(/Looply is listening/, 60_000);
    const url: string = JSON.parse(listening).url;
    return { process, url, api: createApiClient(url) };
  }

  beforeAll(async () => {
    cluster = await prepareCluster('looply_tus_nodes', urls);
    // The first applies the migrations; the second starts once it is listening.
    const first = await start(cluster.env);
    nodes = [first, await start(cluster.env)];
    const signedUp = await first.api('/v1/auth/signup', {
      method: 'POST',
      json: { username: 'uploader', password: 'a long password' },
    });
    expect(signedUp.status).toBe(201);
    token = signedUp.body.access_token;
  });

  afterAll(async () => {
    await Promise.all(nodes?.map((node) => node.process.stop()) ?? []);
    await cluster?.cleanup();
  });

  const begin = async (size: number) => {
    const started = await nodes[0].api('/v1/videos', { method: 'POST', token, json: { caption: 'two nodes', size } });
    expect(started.status).toBe(202);
    const id: string = started.body.video_id;
    return { id, urlOn: (node: Node) => `${node.url}/v1/uploads/${id}` };
  };

  it('takes the chunks of one upload alternately through both nodes and finishes it', async () => {
    const bytes = randomBytes(CHUNK * 6 + 100);
    const upload = await begin(bytes.length);
    for (let offset = 0, turn = 0; offset < bytes.length; offset += CHUNK, turn++) {
      const chunk = bytes.subarray(offset, offset + CHUNK);
      const response = await patch(upload.urlOn(nodes[turn % 2] as Node), token, offset, chunk);
      expect(response.status).toBe(204);
      expect(response.headers.get('upload-offset')).toBe(String(offset + chunk.length));
    }
    for (const node of nodes) {
      const head = await fetch(upload.urlOn(node), {
        method: 'HEAD',
        headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` },
      });
      expect(head.status).toBe(200);
      expect(head.headers.get('upload-offset')).toBe(String(bytes.length));
    }
    const video = await nodes[1].api(`/v1/videos/${upload.id}`, { token });
    expect(video.body.status).not.toBe('uploading');
  });

  it('never lets two concurrent PATCHes at one offset on different nodes both succeed', async () => {
    for (let round = 0; round < 4; round++) {
      const upload = await begin(CHUNK * 4);
      const bodies = [randomBytes(CHUNK), randomBytes(CHUNK)];
      const statuses = await Promise.all(
        nodes.map((node, i) => slowPatch(upload.urlOn(node), token, 0, bodies[i] as Buffer, 300)),
      );
      expect(statuses.filter((status) => status === 204)).toHaveLength(1);
      const winner = bodies[statuses.indexOf(204)] as Buffer;
      const head = await fetch(upload.urlOn(nodes[round % 2] as Node), {
        method: 'HEAD',
        headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` },
      });
      expect(head.headers.get('upload-offset')).toBe(String(CHUNK));
      // The stored bytes are the winner's alone, not a mix of both requests.
      const stored = await readFile(join(cluster.env.DATA_DIR as string, 'uploads', upload.id));
      expect(stored.equals(winner)).toBe(true);
    }
  });
});
