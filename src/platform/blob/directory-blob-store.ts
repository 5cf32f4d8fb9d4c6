import { randomUUID } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { createWriteStream } from 'node:fs';
import {
  access,
  constants,
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

// Key segments never start with '.', so dot-names (temp files, metadata sidecars) can't collide with keys.
const isHidden = (name: string) => name.startsWith('.');
const sidecarOf = (path: string) => join(dirname(path), `.${basename(path)}.meta.json`);
const tempNextTo = (path: string) => join(dirname(path), `.tmp-${randomUUID()}`);

function hasCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '');
}

/** Cheap and always consistent with the bytes on disk: the inode changes on every replacing rename. */
function etagOf(stats: Stats): string {
  return `${stats.ino.toString(36)}-${stats.size.toString(36)}-${Math.round(stats.mtimeMs * 1000).toString(36)}`;
}

async function contentTypeAt(path: string): Promise<string> {
  try {
    const meta = JSON.parse(await readFile(sidecarOf(path), 'utf8')) as { contentType?: unknown };
    return typeof meta.contentType === 'string' ? meta.contentType : DEFAULT_CONTENT_TYPE;
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return DEFAULT_CONTENT_TYPE;
    throw error;
  }
}

/** Streams keys under `dir` (whose keys start with `keyBase`) in the byte order S3 lists them in. */
async function* walk(dir: string, keyBase: string, namePrefix: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (hasCode(error, 'ENOENT', 'ENOTDIR')) return;
    throw error;
  }
  // A folder sorts as "name/", which is where its keys fall among its siblings ('-' < '.' < '/' < '0').
  const sortName = (entry: Dirent) => (entry.isDirectory() ? `${entry.name}/` : entry.name);
  const visible = entries
    .filter((entry) => !isHidden(entry.name) && entry.name.startsWith(namePrefix))
    .filter((entry) => entry.isFile() || entry.isDirectory())
    .sort((a, b) => (sortName(a) < sortName(b) ? -1 : 1));
  for (const entry of visible) {
    const key = keyBase + entry.name;
    if (entry.isDirectory()) yield* walk(join(dir, entry.name), `${key}/`, '');
    else yield key;
  }
}

/**
 * Objects are plain files under `rootDir` at their key path, each with a hidden JSON sidecar for its content type.
 * Writes land in a temp file beside the target and are renamed into place, so readers never see a partial object.
 */
export function createDirectoryBlobStore(rootDir: string): BlobStore {
  const pathOf = (key: string) => {
    assertBlobKey(key);
    return join(rootDir, key);
  };

  /** Both files are staged beside the target, then renamed: a failed write changes nothing under the key. */
  async function store(key: string, contentType: string, write: (tempPath: string) => Promise<void>) {
    const path = pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const dataTemp = tempNextTo(path);
    const metaTemp = tempNextTo(path);
    try {
      await write(dataTemp);
      await writeFile(metaTemp, JSON.stringify({ contentType }), { flag: 'wx', flush: true });
      const stats = await stat(dataTemp);
      // Sidecar first, so a new object never appears without its content type.
      await rename(metaTemp, sidecarOf(path));
      await rename(dataTemp, path);
      return { size: stats.size, contentType, modifiedAt: stats.mtime, etag: etagOf(stats) } satisfies BlobInfo;
    } catch (error) {
      await Promise.all([rm(dataTemp, { force: true }), rm(metaTemp, { force: true })]);
      throw error;
    }
  }

  return {
    async ping() {
      await mkdir(rootDir, { recursive: true });
      await access(rootDir, constants.W_OK);
    },

    async put(key, body, contentType) {
      return store(key, contentType, async (tempPath) => {
        if (Buffer.isBuffer(body)) await writeFile(tempPath, body, { flag: 'wx', flush: true });
        else await pipeline(body, createWriteStream(tempPath, { flags: 'wx', flush: true }));
      });
    },

    async putFile(key, filePath, contentType) {
      return store(key, contentType, async (tempPath) => {
        await copyFile(filePath, tempPath);
        const handle = await open(tempPath, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      });
    },

    async stat(key) {
      const path = pathOf(key);
      let stats: Stats;
      try {
        stats = await stat(path);
      } catch (error) {
        if (hasCode(error, 'ENOENT', 'ENOTDIR')) return null;
        throw error;
      }
      if (!stats.isFile()) return null;
      const contentType = await contentTypeAt(path);
      return { size: stats.size, contentType, modifiedAt: stats.mtime, etag: etagOf(stats) };
    },

    async read(key, range?: ByteRange): Promise<Readable> {
      const path = pathOf(key);
      // Size and stream come from one open file, so a concurrent overwrite can't make the range inconsistent.
      const handle = await open(path, 'r').catch((error: unknown) => {
        throw hasCode(error, 'ENOENT', 'ENOTDIR') ? blobNotFound(key) : error;
      });
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw blobNotFound(key);
        if (!range) return handle.createReadStream();
        const { start } = range;
        const end = Math.min(range.end, stats.size - 1);
        if (!Number.isSafeInteger(start) || !Number.isSafeInteger(range.end) || start < 0 || start > end) {
          throw rangeNotSatisfiable(range, stats.size);
        }
        return handle.createReadStream({ start, end });
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async delete(key) {
      const path = pathOf(key);
      try {
        await rm(path, { force: true });
      } catch (error) {
        // A folder of other keys sits at this path: there is no object to delete.
        if (!hasCode(error, 'ERR_FS_EISDIR', 'EISDIR', 'ENOTDIR')) throw error;
      }
      await rm(sidecarOf(path), { force: true });
    },

    async deletePrefix(prefix) {
      if (prefix === '') throw new Error('deletePrefix needs a non-empty prefix');
      assertBlobPrefix(prefix);
      if (prefix.endsWith('/')) {
        await rm(join(rootDir, prefix), { recursive: true, force: true });
        return;
      }
      // A partial name ('videos/ab') matches like an S3 prefix: every sibling entry starting with it.
      const dir = join(rootDir, dirname(prefix));
      const namePrefix = basename(prefix);
      const entries = await readdir(dir).catch((error: unknown) => {
        if (hasCode(error, 'ENOENT', 'ENOTDIR')) return [];
        throw error;
      });
      const matching = entries.filter((name) => !isHidden(name) && name.startsWith(namePrefix));
      for (const name of matching) {
        await rm(join(dir, name), { recursive: true, force: true });
        await rm(sidecarOf(join(dir, name)), { force: true });
      }
    },

    list(prefix) {
      assertBlobPrefix(prefix);
      if (prefix === '' || prefix.endsWith('/')) return walk(join(rootDir, prefix), prefix, '');
      const parent = dirname(prefix);
      const keyBase = parent === '.' ? '' : `${parent}/`;
      return walk(join(rootDir, parent), keyBase, basename(prefix));
    },
  };
}
