import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../../config.ts';
import {
  assertBlobKey,
  assertBlobPrefix,
  type BlobInfo,
  type BlobStore,
  type ByteRange,
  blobNotFound,
  DEFAULT_CONTENT_TYPE,
  rangeNotSatisfiable,
} from './blob-store.ts';

/** The most keys one ListObjectsV2 page returns and one DeleteObjects request accepts. */
const BATCH = 1000;

/** The bucket and how to reach it, as `BLOB_STORE=s3` configures it (config.ts). */
export type S3BlobStoreOptions = S3Settings;

export interface S3BlobStore extends BlobStore {
  readonly kind: 's3';
  close(): void;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** S3's InvalidRange error names the object's size in its `ActualObjectSize` element. */
function reportedSizeOf(error: unknown): number | undefined {
  const size = Number((error as { ActualObjectSize?: unknown } | null)?.ActualObjectSize);
  return Number.isSafeInteger(size) ? size : undefined;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}

/** S3 quotes ETags on the wire; the port's etag is an opaque token. */
const unquote = (etag: string | undefined) => (etag ?? '').replace(/^"(.*)"$/, '$1');

function infoFrom(head: HeadObjectCommandOutput): BlobInfo {
  return {
    size: head.ContentLength ?? 0,
    contentType: head.ContentType ?? DEFAULT_CONTENT_TYPE,
    modifiedAt: head.LastModified ?? new Date(),
    etag: unquote(head.ETag),
  };
}

/** The object's full size from `Content-Range: bytes 0-9/10`, when the answer is partial. */
function totalSizeOf(response: GetObjectCommandOutput): number | undefined {
  const total = response.ContentRange?.match(/\/(\d+)$/)?.[1];
  return total === undefined ? undefined : Number(total);
}

export function createS3Client(options: S3BlobStoreOptions): S3Client {
  return new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Checksums only where S3 demands them (DeleteObjects): S3-compatible services often reject the SDK's default ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Objects in an S3 bucket under `keyPrefix` + key. A put is one PutObject or a multipart upload that is aborted on
 * failure, so readers never see a partial object and a failed overwrite keeps the old one.
 * Needs s3:GetObject, PutObject, DeleteObject, AbortMultipartUpload and ListBucket (without ListBucket,
 * S3 answers 403 instead of 404 for a missing key).
 */
export function createS3BlobStore(options: S3BlobStoreOptions, client = createS3Client(options)): S3BlobStore {
  const Bucket = options.bucket;
  const objectKey = (key: string) => {
    assertBlobKey(key);
    return options.keyPrefix + key;
  };

  async function head(key: string): Promise<BlobInfo | null> {
    try {
      return infoFrom(await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) })));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function upload(key: string, body: Readable | Buffer, contentType: string): Promise<BlobInfo> {
    const Key = objectKey(key);
    let sourceError: unknown;
    if (!Buffer.isBuffer(body)) body.once('error', (error) => (sourceError = error));
    try {
      await new Upload({ client, params: { Bucket, Key, Body: body, ContentType: contentType } }).done();
    } catch (error) {
      // A failed source makes Upload abort the multipart upload; when that abort fails too, Upload throws the
      // abort's error. The source's says what went wrong (the parts left over are the bucket lifecycle's to remove).
      throw sourceError ?? error;
    }
    // Neither PutObject nor CompleteMultipartUpload answers with size and date: ask, so put and stat agree.
    const info = await head(key);
    if (!info) throw new Error(`blob ${key} vanished right after it was stored`);
    return info;
  }

  async function* keysUnder(prefix: string): AsyncGenerator<string> {
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix: options.keyPrefix + prefix, MaxKeys: BATCH, ContinuationToken }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) yield object.Key.slice(options.keyPrefix.length);
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  return {
    kind: 's3',

    put(key, body, contentType) {
      return upload(key, body, contentType);
    },

    async putFile(key, filePath, contentType) {
      assertBlobKey(key);
      return upload(key, createReadStream(filePath), contentType);
    },

    stat: head,

    async read(key, range?: ByteRange): Promise<Readable> {
      const Key = objectKey(key);
      if (range) {
        const { start, end } = range;
        if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end) {
          throw rangeNotSatisfiable(range);
        }
      }
      let response: GetObjectCommandOutput;
      try {
        response = await client.send(
          new GetObjectCommand({ Bucket, Key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
        );
      } catch (error) {
        if (isMissing(error)) throw blobNotFound(key);
        if (range && statusOf(error) === 416) throw rangeNotSatisfiable(range, reportedSizeOf(error));
        throw error;
      }
      if (!(response.Body instanceof Readable)) throw new Error(`S3 answered GetObject ${key} without a stream`);
      // Some S3-compatible servers answer a range on an empty object with 206 and no bytes instead of 416.
      if (range && (totalSizeOf(response) ?? response.ContentLength ?? 0) <= range.start) {
        response.Body.destroy();
        throw rangeNotSatisfiable(range, totalSizeOf(response) ?? 0);
      }
      return response.Body;
    },

    async delete(key) {
      // S3 answers 204 for a missing key too.
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },

    async deletePrefix(prefix) {
      if (prefix === '') throw new Error('deletePrefix needs a non-empty prefix');
      assertBlobPrefix(prefix);
      let batch: string[] = [];
      const flush = async () => {
        const Objects = batch.map((key) => ({ Key: options.keyPrefix + key }));
        batch = [];
        const result = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
        const failed = result.Errors ?? [];
        if (failed.length > 0) {
          const first = failed[0];
          throw new Error(`S3 kept ${failed.length} objects under ${prefix}: ${first?.Key} ${first?.Code}`);
        }
      };
      // Deleting behind the listing is safe: a continuation token marks a position, not a snapshot.
      for await (const key of keysUnder(prefix)) {
        batch.push(key);
        if (batch.length === BATCH) await flush();
      }
      if (batch.length > 0) await flush();
    },

    list(prefix) {
      assertBlobPrefix(prefix);
      return keysUnder(prefix);
    },

    async ping() {
      // HeadObject cannot tell a missing bucket from a missing key (a HEAD answer has no body); HeadBucket can.
      await client.send(new HeadBucketCommand({ Bucket }));
    },

    close() {
      client.destroy();
    },
  };
}
