/**
 * Runs s3rver (a filesystem-backed S3 server) on a free loopback port for the S3 blob store tests; prints
 * `{"port":…}` on one line once it listens, and stops and removes its directory when its stdin closes.
 * Started by test/support/s3.ts with --openssl-legacy-provider: s3rver encrypts continuation tokens with DES.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

interface S3rverObject {
  key: string;
  content: { destroy(): void } | null;
  range?: { start: number; end: number };
}

interface S3rverListOptions {
  prefix?: string;
  startAfter?: string;
  delimiter?: string;
  maxKeys?: number;
}

/** The part of s3rver's FilesystemStore (lib/stores/filesystem.js) that `fixConformance` replaces. */
interface S3rverStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<S3rverObject | null>;
  listObjects(
    bucket: string,
    options: S3rverListOptions,
  ): Promise<{ objects: S3rverObject[]; commonPrefixes: string[]; isTruncated: boolean }>;
}

/**
 * s3rver 3.7.1 (and its fork @20minutes/s3rver 5.0.0) differs from S3 in two ways the contract suite catches:
 * it reads `Range: bytes=0-0` as `bytes=0-` (the end 0 is taken for "no end"), and it lists keys in directory-walk
 * order ('a/b' before 'a-c') where S3 lists in UTF-8 byte order, which also breaks its continuation tokens.
 * Both are corrected here, in the server, so the adapter is tested against S3's behaviour over real HTTP.
 */
function fixConformance(server: S3rver): void {
  const store = (server as unknown as { store: S3rverStore }).store;
  const getObject = store.getObject.bind(store);
  const listObjects = store.listObjects.bind(store);

  store.getObject = async (bucket, key, options) => {
    const object = await getObject(bucket, key, options);
    if (options?.start !== 0 || options.end !== 0 || !object?.content) return object;
    object.content.destroy();
    object.content = createReadStream(store.getResourcePath(bucket, key, 'object'), { start: 0, end: 0 });
    object.range = { start: 0, end: 0 };
    return object;
  };

  store.listObjects = async (bucket, options) => {
    if (options.delimiter) throw new Error('the s3rver listing fix does not handle a delimiter');
    const { objects } = await listObjects(bucket, { prefix: options.prefix ?? '' });
    const after = options.startAfter ?? '';
    const sorted = objects.filter((object) => object.key > after).sort((a, b) => (a.key < b.key ? -1 : 1));
    const maxKeys = options.maxKeys ?? Number.POSITIVE_INFINITY;
    return { objects: sorted.slice(0, maxKeys), commonPrefixes: [], isTruncated: sorted.length > maxKeys };
  };
}

const directory = await mkdtemp(join(tmpdir(), 'looply-s3rver-'));
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: process.env.S3RVER_LOG !== 'on' });
fixConformance(server);
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);

process.stdin.resume();
process.stdin.on('close', async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
  process.exit(0);
});
