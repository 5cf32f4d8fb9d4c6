import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { BlobStore } from '../../platform/blob/blob-store.ts';

/** A new id per processing run, so no run ever writes over a key another run (or a CDN) already has. */
export function newRenditionId(): string {
  return randomBytes(8).toString('hex');
}

/** Where one run of one video keeps its files: `videos/<video id>/<rendition id>/`. */
export function renditionPrefix(videoId: string, renditionId: string): string {
  return `videos/${videoId}/${renditionId}/`;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.vtt': 'text/vtt',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const file of walk(dir)) files.push(relative(dir, file).split(sep).join('/'));
  return files.sort();
}

/** Copies the files into the blob store under `prefix`, reporting the share done after each. */
export async function storeFiles(
  blobs: BlobStore,
  dir: string,
  files: readonly string[],
  prefix: string,
  onProgress: (fraction: number) => void,
): Promise<void> {
  for (const [i, file] of files.entries()) {
    await blobs.putFile(`${prefix}${file}`, join(dir, file), contentTypeOf(file));
    onProgress((i + 1) / files.length);
  }
}

/**
 * Deletes every run's files under `<base>` except the run `keep`: what a worker that died mid-run left behind, or
 * the rendition a newer one replaced. `base` is `videos/<id>/` (runs are folders) or `sounds/<id>/` (runs are
 * `<rendition id>.m4a` files).
 */
export async function removeOtherRuns(blobs: BlobStore, base: string, keep: string | null): Promise<number> {
  const runs = new Set<string>();
  for await (const key of blobs.list(base)) {
    const run = key
      .slice(base.length)
      .split('/')[0]
      ?.replace(/\.m4a$/, '');
    if (run && run !== keep) runs.add(run);
  }
  for (const run of runs) await blobs.deletePrefix(`${base}${run}`);
  return runs.size;
}
