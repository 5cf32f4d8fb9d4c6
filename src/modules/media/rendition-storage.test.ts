import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import { createDirectoryBlobStore } from '../../platform/blob/directory-blob-store.ts';
import { makeTempDir } from './media-test-support.ts';
import { newRenditionId, removeOtherRuns, renditionPrefix } from './rendition-storage.ts';

describe('rendition storage', () => {
  let dir = '';
  let remove = async () => {};
  let blobs: BlobStore;
  beforeAll(async () => {
    ({ dir, remove } = await makeTempDir());
    blobs = createDirectoryBlobStore(join(dir, 'blobs'));
  });
  afterAll(() => remove());

  const keys = async (prefix: string) => {
    const found: string[] = [];
    for await (const key of blobs.list(prefix)) found.push(key);
    return found;
  };

  it('names each run anew', () => {
    expect(newRenditionId()).toMatch(/^[0-9a-f]{16}$/);
    expect(newRenditionId()).not.toBe(newRenditionId());
    expect(renditionPrefix('v1', 'abc')).toBe('videos/v1/abc/');
  });

  it('removes every run but the one kept, for video folders and sound files', async () => {
    for (const key of ['videos/v1/aaaa/hls/master.m3u8', 'videos/v1/aaaa/poster.jpg', 'videos/v1/bbbb/poster.jpg']) {
      await blobs.put(key, Buffer.from('x'), 'text/plain');
    }
    await blobs.put('videos/v2/cccc/poster.jpg', Buffer.from('x'), 'text/plain');
    expect(await removeOtherRuns(blobs, 'videos/v1/', 'bbbb')).toBe(1);
    expect(await keys('videos/')).toEqual(['videos/v1/bbbb/poster.jpg', 'videos/v2/cccc/poster.jpg']);

    await blobs.put('sounds/s1/aaaa.m4a', Buffer.from('x'), 'audio/mp4');
    await blobs.put('sounds/s1/bbbb.m4a', Buffer.from('x'), 'audio/mp4');
    expect(await removeOtherRuns(blobs, 'sounds/s1/', 'aaaa')).toBe(1);
    expect(await keys('sounds/')).toEqual(['sounds/s1/aaaa.m4a']);
    expect(await removeOtherRuns(blobs, 'sounds/s1/', null)).toBe(1);
    expect(await keys('sounds/')).toEqual([]);
  });
});
