/**
 * Resumable uploads: `POST /v1/videos` with the details creates the video and an empty tus upload; tus-js-client
 * then sends the file in chunks, resuming from the server's offset after a dropped connection or a pause.
 */
import * as tus from 'tus-js-client';
import type { UploadAccepted } from './api/types.ts';
import { type ApiError, startResumable, toApiError } from './api.ts';
import { getAccessToken, refreshAccessToken } from './auth.ts';

/** The answer to a resumable upload's details: where tus sends the bytes, and until when. */
export type ResumableUploadStarted = Extract<UploadAccepted, { status: 'uploading' }>;

/** Caption, hashtags and the upload fields of docs/api.md (trim, speed, filter, text, permissions, schedule, sound). */
export interface VideoDetails {
  caption: string;
  hashtags: string[];
  [field: string]: string | number | boolean | string[];
}

/** Big enough to keep the requests few, small enough that a dropped connection loses little. */
const CHUNK_BYTES = 5 * 1024 * 1024;
/** About a minute of retries before the upload waits for the network (or the Resume button). */
const RETRY_DELAYS_MS = [0, 1000, 3000, 5000, 10_000, 20_000, 20_000];

export async function startResumableUpload(details: VideoDetails, file: File): Promise<ResumableUploadStarted> {
  const started = await startResumable({ ...details, size: file.size, filename: file.name });
  if (started.status !== 'uploading') throw new Error('the server did not open a resumable upload');
  return started;
}

export interface TransferEvents {
  onProgress(fraction: number): void;
  /** The connection stayed down through every retry; the upload continues once the browser is back online. */
  onInterrupted(): void;
}

export interface ResumableTransfer {
  /** Resolves when every byte is stored; rejects with the server's ApiError, or an AbortError after cancel. */
  done: Promise<void>;
  pause(): void;
  resume(): void;
  /** Stops and deletes the upload on the server; its video goes away too. */
  cancel(): Promise<void>;
}

function isNetworkFailure(error: Error): boolean {
  return !(error instanceof tus.DetailedError) || !error.originalResponse;
}

export function sendFile(file: File, uploadUrl: string, events: TransferEvents): ResumableTransfer {
  let settle: { resolve: () => void; reject: (error: ApiError | DOMException) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let refreshing: Promise<string | null> | null = null;
  // Only a transfer waiting for the network restarts by itself; one the person paused waits for them.
  let state: 'sending' | 'paused' | 'offline' | 'ended' = 'sending';
  const start = () => {
    if (state === 'ended' || state === 'sending') return;
    state = 'sending';
    upload.start();
  };

  const upload = new tus.Upload(file, {
    uploadUrl,
    chunkSize: CHUNK_BYTES,
    retryDelays: RETRY_DELAYS_MS,
    storeFingerprintForResuming: false,
    // Each request asks for the token afresh: an upload can outlive an access token.
    async onBeforeRequest(req) {
      if (refreshing) {
        await refreshing;
        refreshing = null;
      }
      const token = await getAccessToken();
      if (token) req.setHeader('Authorization', `Bearer ${token}`);
    },
    onShouldRetry(error) {
      const status = error.originalResponse?.getStatus() ?? 0;
      if (status === 401) {
        refreshing ??= refreshAccessToken();
        return true;
      }
      // 409: our offset was stale (a chunk landed but its answer was lost); a retry asks the server again.
      return status === 0 || status >= 500 || status === 409 || status === 423;
    },
    onProgress(sent, total) {
      events.onProgress(total > 0 ? sent / total : 0);
    },
    onSuccess() {
      state = 'ended';
      settle?.resolve();
    },
    onError(error) {
      if (isNetworkFailure(error)) {
        state = 'offline';
        events.onInterrupted();
        window.addEventListener('online', () => state === 'offline' && start(), { once: true });
        return;
      }
      state = 'ended';
      const response = (error as tus.DetailedError).originalResponse;
      settle?.reject(toApiError(response?.getStatus() ?? 0, response?.getBody() ?? ''));
    },
  });
  upload.start();

  return {
    done,
    pause() {
      if (state !== 'sending') return;
      state = 'paused';
      void upload.abort();
    },
    resume: start,
    async cancel() {
      if (state === 'ended') return;
      state = 'ended';
      settle?.reject(new DOMException('Upload cancelled', 'AbortError'));
      await upload.abort(true);
    },
  };
}
