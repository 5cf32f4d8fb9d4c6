import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client, type S3BlobStoreOptions } from '../../src/platform/blob/s3-blob-store.ts';

/** s3rver answers to these fixed credentials. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const SERVER_SCRIPT = fileURLToPath(new URL('./s3rver-process.ts', import.meta.url));

type ServerProcess = ChildProcessByStdio<Writable, Readable, null>;
let running: Promise<{ child: ServerProcess; endpoint: string }> | undefined;

async function startServer(): Promise<{ child: ServerProcess; endpoint: string }> {
  // A child process, because s3rver needs the legacy OpenSSL provider (DES) that this process cannot load.
  const child = spawn(process.execPath, ['--openssl-legacy-provider', SERVER_SCRIPT], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before it listened`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{"port":')) resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return { child, endpoint: `http://127.0.0.1:${port}` };
}

/**
 * Options for a store in a fresh, empty bucket of the s3rver that this test process shares (started on first use
 * on a free loopback port, filesystem-backed in a temp directory). Call `stopS3rver` in an `afterAll`.
 */
export async function openS3rverBucket(): Promise<S3BlobStoreOptions> {
  running ??= startServer();
  const { endpoint } = await running;
  const options: S3BlobStoreOptions = {
    bucket: `looply-test-${randomBytes(6).toString('hex')}`,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    keyPrefix: '',
  };
  const client = createS3Client(options);
  try {
    await client.send(new CreateBucketCommand({ Bucket: options.bucket }));
  } finally {
    client.destroy();
  }
  return options;
}

/** Stops the shared s3rver, which removes its directory. */
export async function stopS3rver(): Promise<void> {
  const server = running;
  running = undefined;
  if (!server) return;
  const { child } = await server;
  const exited = once(child, 'exit');
  child.stdin.end();
  await exited;
}

/**
 * A real S3-compatible endpoint for the contract suite, when S3_TEST_ENDPOINT and S3_TEST_BUCKET are set
 * (S3_TEST_REGION, S3_TEST_ACCESS_KEY_ID / S3_TEST_SECRET_ACCESS_KEY, S3_TEST_FORCE_PATH_STYLE=off optional).
 * Each call gets its own random key prefix in that bucket, so tests neither see nor touch each other's objects.
 */
export function s3TestEndpointOptions(env = process.env): (() => S3BlobStoreOptions) | undefined {
  const endpoint = env.S3_TEST_ENDPOINT;
  const bucket = env.S3_TEST_BUCKET;
  if (!endpoint) return undefined;
  if (!bucket) throw new Error('S3_TEST_ENDPOINT is set but S3_TEST_BUCKET is not');
  const accessKeyId = env.S3_TEST_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_TEST_SECRET_ACCESS_KEY;
  return () => ({
    bucket,
    region: env.S3_TEST_REGION || 'us-east-1',
    endpoint,
    forcePathStyle: env.S3_TEST_FORCE_PATH_STYLE !== 'off',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    keyPrefix: `looply-test-${randomBytes(6).toString('hex')}/`,
  });
}
