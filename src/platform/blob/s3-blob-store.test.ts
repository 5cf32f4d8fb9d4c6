import { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../test/support/collect.ts';
import { openS3rverBucket, stopS3rver } from '../../../test/support/s3.ts';
import { createS3BlobStore, type S3BlobStore } from './s3-blob-store.ts';

const MIB = 1024 * 1024;

/** `mebibytes` of 'x' in 1 MiB chunks, then an error when `fail` is set: bigger than one 5 MiB part of an upload. */
function largeStream(mebibytes: number, fail = false): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent++ < mebibytes) this.push(Buffer.alloc(MIB, 'x'));
      else if (fail) this.destroy(new Error('client went away'));
      else this.push(null);
    },
  });
}

describe('S3 blob store beyond the contract', () => {
  let store: S3BlobStore | undefined;
  afterEach(() => {
    store?.close();
    store = undefined;
  });
  afterAll(stopS3rver);

  it('lists and deletes more keys than one S3 page holds', async () => {
    const opened = createS3BlobStore({ ...(await openS3rverBucket()), keyPrefix: 'site/' });
    store = opened;
    const keys = Array.from({ length: 1003 }, (_, index) => `many/${String(index).padStart(4, '0')}`);
    for (let start = 0; start < keys.length; start += 50) {
      await Promise.all(keys.slice(start, start + 50).map((key) => opened.put(key, Buffer.from(key), 'text/plain')));
    }
    await opened.put('many-kept', Buffer.from('x'), 'text/plain');

    expect(await collect(opened.list('many/'))).toEqual(keys);
    await opened.deletePrefix('many/');
    expect(await collect(opened.list(''))).toEqual(['many-kept']);
  });

  it('stores a stream larger than one part as a multipart upload', async () => {
    store = createS3BlobStore(await openS3rverBucket());
    const info = await store.put('videos/v1/720p.mp4', largeStream(12), 'video/mp4');
    expect(info).toMatchObject({ size: 12 * MIB, contentType: 'video/mp4' });
    const bytes = Buffer.concat(
      await (await store.read('videos/v1/720p.mp4', { start: 6 * MIB - 1, end: 6 * MIB })).toArray(),
    );
    expect(bytes.toString()).toBe('xx');
  });

  it('leaves no object when a multipart upload fails halfway', async () => {
    const opened = createS3BlobStore(await openS3rverBucket());
    store = opened;
    await expect(opened.put('videos/v1/720p.mp4', largeStream(12, true), 'video/mp4')).rejects.toThrow(
      'client went away',
    );
    expect(await opened.stat('videos/v1/720p.mp4')).toBeNull();
  });

  it('fails its readiness ping when the bucket does not exist', async () => {
    const opened = createS3BlobStore({ ...(await openS3rverBucket()), bucket: 'looply-no-such-bucket' });
    store = opened;
    await expect(opened.ping()).rejects.toThrow();
  });

  it('reports the etag without the quotes S3 puts around it', async () => {
    store = createS3BlobStore(await openS3rverBucket());
    const info = await store.put('doc', Buffer.from('hello'), 'text/plain');
    // s3rver's ETag is the MD5 of the bytes, as S3's is for a single-part upload.
    expect(info.etag).toBe('5d41402abc4b2a76b9719d911017c592');
    expect((await store.stat('doc'))?.etag).toBe(info.etag);
  });
});
