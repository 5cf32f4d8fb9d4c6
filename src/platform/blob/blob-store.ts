import type { Readable } from 'node:stream';
import { AppError } from '../errors.ts';

export interface BlobInfo {
  size: number;
  contentType: string;
  modifiedAt: Date;
  etag: string;
}

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The blob store port: immutable-ish objects under string keys, read as streams with optional ranges.
 * Shaped after S3 so an S3 adapter can follow: keys are `a-z0-9/._-` paths, never built from user strings.
 */
export interface BlobStore {
  put(key: string, body: Readable | Buffer, contentType: string): Promise<BlobInfo>;
  /** Copies a local file into the store (the pipeline writes ffmpeg output to a temp dir, then stores it). */
  putFile(key: string, filePath: string, contentType: string): Promise<BlobInfo>;
  stat(key: string): Promise<BlobInfo | null>;
  /** Throws AppError 404 BLOB_NOT_FOUND when the key is absent. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  deletePrefix(prefix: string): Promise<void>;
  list(prefix: string): AsyncIterable<string>;
  /** Resolves when the store can take writes (for `/readyz`); rejects with what is wrong otherwise. */
  ping(): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export function assertBlobKey(key: string): void {
  if (key.length > 512 || !KEY_PATTERN.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
  }
}

/** The content type of a blob stored without one. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** A prefix is a key or the start of one; one ending in '/' names a folder. */
export function assertBlobPrefix(prefix: string): void {
  if (prefix === '') return;
  assertBlobKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}

/** What every adapter throws for a missing key. */
export function blobNotFound(key: string): AppError {
  return new AppError(404, 'BLOB_NOT_FOUND', `no blob at ${key}`, { key });
}

/** What every adapter throws for a range outside the blob; `size` when the store knows it. */
export function rangeNotSatisfiable(range: ByteRange, size?: number): AppError {
  const of = size === undefined ? '' : ` of a ${size}-byte blob`;
  return new AppError(
    416,
    'RANGE_NOT_SATISFIABLE',
    `bytes ${range.start}-${range.end}${of}`,
    size === undefined ? undefined : { size },
  );
}
