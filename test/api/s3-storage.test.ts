import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3BlobStore, type S3BlobStoreOptions } from '../../src/platform/blob/s3-blob-store.ts';
import { makeClipFactory } from '../support/clips.ts';
import { collect } from '../support/collect.ts';
import { signUp, startTestLooply, type TestLooply } from '../support/looply.ts';
import { openS3rverBucket, stopS3rver } from '../support/s3.ts';
import { fetchFully, playlistUris } from '../support/signed-media.ts';
import { uploadVideo, waitForProcessed } from '../support/uploads.ts';

describe('Looply on S3 (BLOB_STORE=s3, configuration only)', () => {
  let looply: TestLooply;
  let bucket: S3BlobStoreOptions;
  let clips: Awaited<ReturnType<typeof makeClipFactory>>;

  beforeAll(async () => {
    clips = await makeClipFactory();
    bucket = await openS3rverBucket();
    looply = await startTestLooply({
      MIN_VIDEO_SECONDS: '1',
      BLOB_STORE: 's3',
      S3_BUCKET: bucket.bucket,
      S3_ENDPOINT: bucket.endpoint as string,
      S3_ACCESS_KEY_ID: bucket.credentials?.accessKeyId as string,
      S3_SECRET_ACCESS_KEY: bucket.credentials?.secretAccessKey as string,
      S3_PREFIX: 'site',
    });
  });
  afterAll(async () => {
    await looply?.stop();
    await clips?.cleanup();
    await stopS3rver();
  });

  it('processes an upload into the bucket and plays it from there, master to segment, with ranges', async () => {
    const author = await signUp(looply, 's3author');
    const accepted = await uploadVideo(looply, author.access_token, await clips.clip({ seconds: 2 }));
    expect(accepted.status).toBe(202);
    const video = await waitForProcessed(looply, accepted.body.video_id, author.access_token);
    expect(video.status).toBe('ready');

    const masterUrl = new URL(video.playback_urls.hls, looply.url);
    const master = await fetchFully(masterUrl);
    expect(master.response.status).toBe(200);
    const [variantUrl] = playlistUris(master.body.toString(), masterUrl);
    const variant = await fetchFully(variantUrl as URL);
    expect(variant.response.status).toBe(200);
    const [segmentUrl] = playlistUris(variant.body.toString(), variantUrl as URL);
    const segment = await fetchFully(segmentUrl as URL);
    expect(segment.response.status).toBe(200);
    expect(segment.body.length).toBeGreaterThan(1000);
    const poster = await fetchFully(new URL(video.thumbnails.poster, looply.url));
    expect(poster.response.headers.get('content-type')).toBe('image/jpeg');

    const partial = await fetch(segmentUrl as URL, { headers: { range: 'bytes=10-19' } });
    expect(partial.status).toBe(206);
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(segment.body.subarray(10, 20));

    // The files are objects under S3_PREFIX in the bucket, and nothing was written to DATA_DIR's blob directory.
    const store = createS3BlobStore({ ...bucket, keyPrefix: 'site/' });
    try {
      const keys = await collect(store.list(`videos/${video.id}/`));
      expect(keys.some((key) => key.endsWith('/poster.jpg'))).toBe(true);
      expect(keys.some((key) => key.endsWith('.m3u8'))).toBe(true);
    } finally {
      store.close();
    }
    expect(await readdir(looply.dataDir)).not.toContain('blobs');
    expect(await readdir(join(looply.dataDir))).toContain('pglite');
    expect((await looply.api('/readyz')).body.checks.blobs).toBe('ok');
  });
});
