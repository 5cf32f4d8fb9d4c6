import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Keeps a file copy of a playlist the api serves (from its cache, where it lives since LL-HLS) for the static
 * baseline: polled every 100 ms, written whole and renamed into place, so a reader never sees half of it.
 */
export function mirrorPlaylist(url: string, file: string) {
  let stopped = false;
  const loop = (async () => {
    await mkdir(dirname(file), { recursive: true });
    let last = '';
    while (!stopped) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        const text = await response.text();
        if (response.status === 200 && text !== last) {
          await writeFile(`${file}.tmp`, text);
          await rename(`${file}.tmp`, file);
          last = text;
        }
      } catch {
        // The next poll tries again.
      }
      await sleep(100);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
