/** Fetch client for the Looply API: JSON in and out, bearer auth with one refresh-and-retry, errors as ApiError. */
import { getAccessToken, refreshAccessToken } from './auth.ts';
import type { AuthResponse, FeedPage, UploadAccepted, User, Video, VideoPage, ViewEvent } from './types.ts';

/** An API failure; `message` is written for a person and safe to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export const NETWORK_ERROR_MESSAGE = "Can't reach Looply right now. Check your connection and try again.";

/** 401 codes that mean "your access token is stale" — worth one refresh and retry. */
const REFRESHABLE = new Set(['TOKEN_EXPIRED', 'INVALID_TOKEN']);

type AuthMode = 'none' | 'optional' | 'required';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** 'optional' (default) sends the token when signed in; 'required' fails fast for visitors. */
  auth?: AuthMode;
  signal?: AbortSignal;
  keepalive?: boolean;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** A message for a person from anything thrown by this module (or elsewhere). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Please try again.';
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Please log in to continue.';
  if (status === 403) return "You don't have permission to do that.";
  if (status === 404) return "That doesn't exist (any more).";
  if (status === 413) return 'That file is too large.';
  if (status === 429) return 'Too many requests — please wait a moment and try again.';
  if (status >= 500) return 'Looply is having trouble right now. Please try again in a moment.';
  return `Something went wrong (HTTP ${status}).`;
}

/** Turn an error response's text into an ApiError, using the API's `{error: {code, message}}` envelope when present. */
export function toApiError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null;
    const code = body?.error?.code;
    const message = body?.error?.message;
    if (typeof message === 'string' && message) {
      return new ApiError(status, typeof code === 'string' ? code : `HTTP_${status}`, message);
    }
  } catch {
    // Not JSON (a proxy error page, for instance).
  }
  return new ApiError(status, `HTTP_${status}`, fallbackMessage(status));
}

/** Parse a successful response's text; anything but JSON (say, the SPA's index.html) is an error. */
export function parseJson<T>(status: number, contentType: string | null, text: string): T {
  if (status === 204 || text === '') return undefined as T;
  if (contentType && !contentType.includes('json')) {
    throw new ApiError(status, 'BAD_RESPONSE', 'Looply sent an unexpected response. Please try again.');
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(status, 'BAD_RESPONSE', 'Looply sent an unexpected response. Please try again.');
  }
}

async function send(path: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      keepalive: opts.keepalive,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const auth = opts.auth ?? 'optional';
  const token = auth === 'none' ? null : await getAccessToken();
  if (auth === 'required' && !token) throw new ApiError(401, 'UNAUTHENTICATED', 'Please log in to continue.');

  let res = await send(path, opts, token);
  if (res.status === 401 && token) {
    const err = toApiError(res.status, await res.text());
    if (!REFRESHABLE.has(err.code)) throw err;
    const fresh = await refreshAccessToken();
    if (fresh) res = await send(path, opts, fresh);
    // Signed out (or refresh unreachable): what visitors may see is still worth showing.
    else if (auth === 'optional') res = await send(path, opts, null);
    else throw err;
  }

  const text = await res.text();
  if (!res.ok) throw toApiError(res.status, text);
  return parseJson<T>(res.status, res.headers.get('Content-Type'), text);
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const seg = encodeURIComponent;

// --- auth & users -------------------------------------------------------------------------------------------------

export function signup(body: { username: string; password: string; email?: string }): Promise<AuthResponse> {
  return request('/v1/auth/signup', { method: 'POST', body, auth: 'none' });
}

export function login(body: { username: string; password: string }): Promise<AuthResponse> {
  return request('/v1/auth/login', { method: 'POST', body, auth: 'none' });
}

export function getMe(signal?: AbortSignal): Promise<User> {
  return request('/v1/users/me', { auth: 'required', signal });
}

export function updateMe(body: { display_name?: string; bio?: string }): Promise<User> {
  return request('/v1/users/me', { method: 'PATCH', body, auth: 'required' });
}

export function getUser(username: string, signal?: AbortSignal): Promise<User> {
  return request(`/v1/users/${seg(username)}`, { signal });
}

export function getUserVideos(
  username: string,
  cursor: string | null,
  count: number,
  signal?: AbortSignal,
): Promise<VideoPage> {
  return request(`/v1/users/${seg(username)}/videos${query({ cursor, count })}`, { signal });
}

// --- videos & feed ------------------------------------------------------------------------------------------------

export function getFeed(cursor: string | null, count: number, signal?: AbortSignal): Promise<FeedPage> {
  return request(`/v1/feed/fyp${query({ cursor, count })}`, { signal });
}

export function getVideo(id: string, signal?: AbortSignal): Promise<Video> {
  return request(`/v1/videos/${seg(id)}`, { signal });
}

/** Report a finished watch. Fire and forget; uses a beacon when the page is being hidden (beacons carry no auth). */
export function sendView(videoId: string, event: ViewEvent): void {
  const path = `/v1/videos/${seg(videoId)}/view`;
  if (document.visibilityState === 'hidden' && typeof navigator.sendBeacon === 'function') {
    try {
      if (navigator.sendBeacon(path, new Blob([JSON.stringify(event)], { type: 'application/json' }))) return;
    } catch {
      // Fall through to fetch with keepalive.
    }
  }
  request<void>(path, { method: 'POST', body: event, keepalive: true }).catch(() => {});
}

export interface UploadHandle {
  promise: Promise<UploadAccepted>;
  abort: () => void;
}

interface XhrResult {
  status: number;
  contentType: string | null;
  text: string;
}

/**
 * POST /v1/videos as multipart/form-data through XMLHttpRequest, for upload progress (fetch has none).
 * `onProgress` gets the uploaded fraction 0..1. A stale access token is refreshed once and the upload re-sent.
 */
export function uploadVideo(form: FormData, onProgress: (fraction: number) => void): UploadHandle {
  let xhr: XMLHttpRequest | null = null;
  let aborted = false;

  const attempt = (token: string): Promise<XhrResult> =>
    new Promise((resolve, reject) => {
      const req = new XMLHttpRequest();
      xhr = req;
      req.open('POST', '/v1/videos');
      req.setRequestHeader('Authorization', `Bearer ${token}`);
      req.setRequestHeader('Accept', 'application/json');
      req.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      req.onload = () =>
        resolve({ status: req.status, contentType: req.getResponseHeader('Content-Type'), text: req.responseText });
      req.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE));
      req.ontimeout = req.onerror;
      req.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
      req.send(form);
    });

  const run = async (): Promise<UploadAccepted> => {
    const token = await getAccessToken();
    if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'Please log in to upload.');
    if (aborted) throw new DOMException('Upload cancelled', 'AbortError');
    let res = await attempt(token);
    if (res.status === 401) {
      const err = toApiError(res.status, res.text);
      if (!REFRESHABLE.has(err.code)) throw err;
      const fresh = await refreshAccessToken();
      if (!fresh) throw err;
      if (aborted) throw new DOMException('Upload cancelled', 'AbortError');
      onProgress(0);
      res = await attempt(fresh);
    }
    if (res.status < 200 || res.status >= 300) throw toApiError(res.status, res.text);
    return parseJson<UploadAccepted>(res.status, res.contentType, res.text);
  };

  return {
    promise: run(),
    abort: () => {
      aborted = true;
      xhr?.abort();
    },
  };
}
