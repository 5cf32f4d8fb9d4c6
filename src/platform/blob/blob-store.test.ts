import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../test/support/collect.ts';
import { openS3rverBucket, s3TestEndpointOptions, stopS3rver } from '../../../test/support/s3.ts';
import { AppError } from '../errors.ts';
import type { BlobStore } from './blob-store.ts';
import { createDirectoryBlobStore } from './directory-blob-store.ts';
import { createS3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.ts';

interface TestBlobStore {
  store: BlobStore;
  /** A scratch directory outside the store, for putFile sources. */
  scratch: string;
  dispose(): Promise<void>;
}

async function openDirectoryStore(): Promise<TestBlobStore & { root: string; base: string }> {
  const base = await mkdtemp(join(tmpdir(), 'looply-blob-'));
  const root = join(base, 'root');
  return {
    store: createDirectoryBlobStore(root),
    scratch: base,
    root,
    base,
    dispose: () => rm(base, { recursive: true, force: true }),
  };
}

async function openS3Store(options: S3BlobStoreOptions, dispose: () => Promise<void>): Promise<TestBlobStore> {
  const scratch = await mkdtemp(join(tmpdir(), 'looply-blob-s3-'));
  const store = createS3BlobStore(options);
  return {
    store,
    scratch,
    async dispose() {
      store.close();
      await rm(scratch, { recursive: true, force: true });
      await dispose();
    },
  };
}

/** A fresh s3rver bucket per test; with a key prefix, objects outside it sit in the bucket and must stay unseen. */
async function openS3rverStore(keyPrefix: string): Promise<TestBlobStore> {
  const options = await openS3rverBucket();
  if (keyPrefix !== '') {
    const neighbour = createS3BlobStore(options);
    for (const key of ['outside', `${keyPrefix.slice(0, -1)}-other/a`, keyPrefix.slice(0, -1)]) {
      await neighbour.put(key, Buffer.from('not yours'), 'text/plain');
    }
    neighbour.close();
  }
  return openS3Store({ ...options, keyPrefix }, async () => {});
}

/** Each test on the real endpoint works under its own random key prefix, deleted afterwards. */
async function openS3EndpointStore(options: S3BlobStoreOptions): Promise<TestBlobStore> {
  const cleaner = createS3BlobStore({ ...options, keyPrefix: '' });
  return openS3Store(options, async () => {
    await cleaner.deletePrefix(options.keyPrefix);
    cleaner.close();
  });
}

const s3Endpoint = s3TestEndpointOptions();
const variants: Array<{ name: string; open: () => Promise<TestBlobStore> }> = [
  { name: 'directory', open: openDirectoryStore },
  { name: 's3 (s3rver)', open: () => openS3rverStore('') },
  { name: 's3 (s3rver, key prefix)', open: () => openS3rverStore('tenant/') },
  ...(s3Endpoint ? [{ name: 's3 (S3_TEST_ENDPOINT)', open: () => openS3EndpointStore(s3Endpoint()) }] : []),
];

async function readAll(stream: Readable): Promise<string> {
  return Buffer.concat(await stream.toArray()).toString('utf8');
}

/** Yields some bytes, then fails: a client disconnecting halfway through an upload. */
function failingStream(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent++ < 3) this.push(Buffer.alloc(64 * 1024, 'x'));
      else this.destroy(new Error('client went away'));
    },
  });
}

const appError = (status: number, code: string) => expect.objectContaining({ name: 'AppError', status, code });

afterAll(stopS3rver);

describe.each(variants)('blob store contract: $name', ({ open }) => {
  let handle: TestBlobStore | undefined;
  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });
  const openStore = async () => {
    handle = await open();
    return handle.store;
  };

  it('answers a readiness ping', async () => {
    await expect((await openStore()).ping()).resolves.toBeUndefined();
  });

  it('stores a Buffer and reports it in stat', async () => {
    const store = await openStore();
    const info = await store.put('videos/v1/poster.jpg', Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(info).toMatchObject({ size: 10, contentType: 'image/jpeg' });
    expect(info.etag).not.toBe('');
    expect(info.modifiedAt).toBeInstanceOf(Date);
    expect(await store.stat('videos/v1/poster.jpg')).toEqual(info);
    expect(await readAll(await store.read('videos/v1/poster.jpg'))).toBe('jpeg bytes');
  });

  it('stores a stream', async () => {
    const store = await openStore();
    const chunks = ['#EXTM3U\n', '#EXT-X-VERSION:7\n', '#EXT-X-ENDLIST\n'];
    const info = await store.put('videos/v1/index.m3u8', Readable.from(chunks), 'application/vnd.apple.mpegurl');
    expect(info.size).toBe(chunks.join('').length);
    expect(await readAll(await store.read('videos/v1/index.m3u8'))).toBe(chunks.join(''));
    expect((await store.stat('videos/v1/index.m3u8'))?.contentType).toBe('application/vnd.apple.mpegurl');
  });

  it('reads inclusive byte ranges, clamping an end past the last byte', async () => {
    const store = await openStore();
    await store.put('seg/0.m4s', Buffer.from('0123456789'), 'video/iso.segment');
    expect(await readAll(await store.read('seg/0.m4s', { start: 0, end: 0 }))).toBe('0');
    expect(await readAll(await store.read('seg/0.m4s', { start: 3, end: 6 }))).toBe('3456');
    expect(await readAll(await store.read('seg/0.m4s', { start: 9, end: 9 }))).toBe('9');
    expect(await readAll(await store.read('seg/0.m4s', { start: 7, end: 1000 }))).toBe('789');
  });

  it('throws 404 BLOB_NOT_FOUND for a missing key and stat returns null', async () => {
    const store = await openStore();
    await expect(store.read('missing/key.mp4')).rejects.toThrow(AppError);
    await expect(store.read('missing/key.mp4')).rejects.toEqual(appError(404, 'BLOB_NOT_FOUND'));
    expect(await store.stat('missing/key.mp4')).toBeNull();
    await store.put('folder/inner.txt', Buffer.from('x'), 'text/plain');
    // A folder of keys is not itself an object.
    await expect(store.read('folder')).rejects.toEqual(appError(404, 'BLOB_NOT_FOUND'));
    expect(await store.stat('folder')).toBeNull();
    await expect(store.read('folder/inner.txt/deeper')).rejects.toEqual(appError(404, 'BLOB_NOT_FOUND'));
  });

  it('throws 416 RANGE_NOT_SATISFIABLE for a range outside the blob', async () => {
    const store = await openStore();
    await store.put('ten', Buffer.from('0123456789'), 'application/octet-stream');
    await store.put('empty', Buffer.alloc(0), 'application/octet-stream');
    const unsatisfiable = appError(416, 'RANGE_NOT_SATISFIABLE');
    await expect(store.read('ten', { start: 10, end: 20 })).rejects.toEqual(unsatisfiable);
    await expect(store.read('ten', { start: 5, end: 2 })).rejects.toEqual(unsatisfiable);
    await expect(store.read('empty', { start: 0, end: 0 })).rejects.toEqual(unsatisfiable);
    expect(await readAll(await store.read('empty'))).toBe('');
  });

  it('copies a local file in with putFile', async () => {
    const store = await openStore();
    const source = join(handle?.scratch ?? '', 'rendition.mp4');
    await writeFile(source, 'ffmpeg output');
    const info = await store.putFile('videos/v2/720p.mp4', source, 'video/mp4');
    expect(info).toMatchObject({ size: 13, contentType: 'video/mp4' });
    expect(await readAll(await store.read('videos/v2/720p.mp4'))).toBe('ffmpeg output');
  });

  it('overwrites an object with new bytes, content type and etag', async () => {
    const store = await openStore();
    const first = await store.put('doc', Buffer.from('v1'), 'text/plain');
    const second = await store.put('doc', Buffer.from('version 2'), 'application/json');
    expect(second.etag).not.toBe(first.etag);
    expect(await store.stat('doc')).toMatchObject({ size: 9, contentType: 'application/json', etag: second.etag });
    expect(await readAll(await store.read('doc'))).toBe('version 2');
  });

  it('deletes an object, and deleting a missing key is a no-op', async () => {
    const store = await openStore();
    await store.put('a/b.txt', Buffer.from('x'), 'text/plain');
    await store.delete('a/b.txt');
    expect(await store.stat('a/b.txt')).toBeNull();
    await expect(store.read('a/b.txt')).rejects.toEqual(appError(404, 'BLOB_NOT_FOUND'));
    await store.delete('a/b.txt');
    await store.delete('never/was');
    expect(await collect(store.list(''))).toEqual([]);
  });

  it('lists keys under a prefix in byte order, without any bookkeeping files', async () => {
    const store = await openStore();
    const keys = ['a0', 'a/b', 'a.x', 'a-c', 'b/c/d', 'a/a/z', 'ab', 'b/c-1'];
    for (const key of keys) await store.put(key, Buffer.from(key), 'text/plain');
    expect(await collect(store.list(''))).toEqual([...keys].sort());
    expect(await collect(store.list('a'))).toEqual(['a-c', 'a.x', 'a/a/z', 'a/b', 'a0', 'ab']);
    expect(await collect(store.list('a/'))).toEqual(['a/a/z', 'a/b']);
    expect(await collect(store.list('b/c'))).toEqual(['b/c-1', 'b/c/d']);
    expect(await collect(store.list('zzz/'))).toEqual([]);
    expect(await collect(store.list('a/b'))).toEqual(['a/b']);
  });

  it('deletes every key under a prefix', async () => {
    const store = await openStore();
    const keys = ['videos/a/1.m4s', 'videos/a/hls/index.m3u8', 'videos/ab/1.m4s', 'videos/b/1.m4s'];
    for (const key of keys) await store.put(key, Buffer.from(key), 'text/plain');
    await store.deletePrefix('videos/a/');
    expect(await collect(store.list('videos/'))).toEqual(['videos/ab/1.m4s', 'videos/b/1.m4s']);
    await store.deletePrefix('videos/a');
    expect(await collect(store.list(''))).toEqual(['videos/b/1.m4s']);
    await store.deletePrefix('videos/missing/');
    expect(await store.stat('videos/b/1.m4s')).not.toBeNull();
  });

  it('rejects invalid keys before touching storage', async () => {
    const store = await openStore();
    const invalid = ['../x', '/abs', 'a//b', 'Upper', '', 'a/./b', 'a/../b', 'trailing/', 'a b', '.hidden', 'a\\b'];
    for (const key of invalid) {
      await expect(store.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toThrow('invalid blob key');
      await expect(store.putFile(key, '/etc/hostname', 'text/plain'), key).rejects.toThrow('invalid blob key');
      await expect(store.stat(key), key).rejects.toThrow('invalid blob key');
      await expect(store.read(key), key).rejects.toThrow('invalid blob key');
      await expect(store.delete(key), key).rejects.toThrow('invalid blob key');
    }
    for (const prefix of ['../', '/abs/', 'a//', 'a/../', '..']) {
      await expect((async () => collect(store.list(prefix)))(), prefix).rejects.toThrow('invalid blob key');
      await expect(store.deletePrefix(prefix), prefix).rejects.toThrow('invalid blob key');
    }
    await expect(store.deletePrefix('')).rejects.toThrow();
    expect(await collect(store.list(''))).toEqual([]);
  });

  it('leaves no object under the key when the source stream fails', async () => {
    const store = await openStore();
    await expect(store.put('uploads/new.mp4', failingStream(), 'video/mp4')).rejects.toThrow('client went away');
    expect(await store.stat('uploads/new.mp4')).toBeNull();
    expect(await collect(store.list(''))).toEqual([]);

    await store.put('uploads/old.mp4', Buffer.from('complete'), 'video/mp4');
    await expect(store.put('uploads/old.mp4', failingStream(), 'video/webm')).rejects.toThrow('client went away');
    expect(await store.stat('uploads/old.mp4')).toMatchObject({ size: 8, contentType: 'video/mp4' });
    expect(await readAll(await store.read('uploads/old.mp4'))).toBe('complete');
  });
});

describe('directory blob store layout', () => {
  let opened: Awaited<ReturnType<typeof openDirectoryStore>> | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('keeps objects as plain files at their key path, with hidden sidecars and no leftovers', async () => {
    opened = await openDirectoryStore();
    const { store, root, base } = opened;
    await store.put('videos/v1/poster.jpg', Buffer.from('jpeg'), 'image/jpeg');
    await expect(store.put('videos/v1/broken.mp4', failingStream(), 'video/mp4')).rejects.toThrow();
    await expect(store.put('../escape', Buffer.from('x'), 'text/plain')).rejects.toThrow();
    expect((await readdir(join(root, 'videos/v1'))).sort()).toEqual(['.poster.jpg.meta.json', 'poster.jpg']);
    expect(await readdir(base)).toEqual(['root']);
    await store.delete('videos/v1/poster.jpg');
    expect(await readdir(join(root, 'videos/v1'))).toEqual([]);
  });
});
