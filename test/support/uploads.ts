import { readFile } from 'node:fs/promises';
import { expect, vi } from 'vitest';
import type { ApiClient, ApiResponse } from './api-client.ts';

export async function uploadVideo(
  looply: { api: ApiClient },
  token: string | undefined,
  file: string | Buffer,
  fields: Record<string, string> = {},
  fileName = 'clip.mp4',
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const bytes = typeof file === 'string' ? await readFile(file) : file;
  form.append('video', new Blob([new Uint8Array(bytes)], { type: 'video/mp4' }), fileName);
  return looply.api('/v1/videos', { method: 'POST', body: form, ...(token ? { token } : {}) });
}

/** Polls GET /v1/videos/{id} as `token` until the status leaves `processing`. */
export async function waitForProcessed(looply: { api: ApiClient }, id: string, token: string, timeout = 120_000) {
  let video: ApiResponse['body'];
  await vi.waitFor(
    async () => {
      const response = await looply.api(`/v1/videos/${id}`, { token });
      video = response.body;
      expect(['ready', 'failed']).toContain(video.status);
    },
    { timeout, interval: 250 },
  );
  return video;
}
