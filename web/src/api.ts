/** Fetch client for the Looply API: JSON in and out, bearer auth with one refresh-and-retry, errors as ApiError. */
import { getAccessToken, refreshAccessToken } from './auth.ts';
import type {
  AuthResponse,
  Comment,
  CommentPage,
  Conversation,
  ConversationPage,
  FeedPage,
  FollowState,
  Hashtag,
  LikeState,
  Message,
  MessagePage,
  NotificationPage,
  Profile,
  SaveState,
  SearchResults,
  ShareResult,
  Sound,
  UploadAccepted,
  User,
  UserPage,
  Video,
  VideoPage,
  Visibility,
} from './types.ts';

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

/** 401 codes that mean "your access token is stale" — worth one refresh and retry (a revoked session then signs out). */
const REFRESHABLE = new Set(['TOKEN_EXPIRED', 'INVALID_TOKEN', 'SESSION_REVOKED']);

type AuthMode = 'none' | 'optional' | 'required';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, except FormData, which goes as multipart/form-data. */
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
  const isForm = opts.body instanceof FormData;
  // The browser writes a form's Content-Type itself, with the boundary.
  if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
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

export function updateMe(body: { display_name?: string; bio?: string; is_private?: boolean }): Promise<User> {
  return request('/v1/users/me', { method: 'PATCH', body, auth: 'required' });
}

/** PUT /v1/users/me/avatar: the server crops the picture to a square and answers the updated user. */
export function setAvatar(picture: File): Promise<User> {
  const form = new FormData();
  form.append('avatar', picture);
  return request('/v1/users/me/avatar', { method: 'PUT', body: form, auth: 'required' });
}

export function removeAvatar(): Promise<User> {
  return request('/v1/users/me/avatar', { method: 'DELETE', auth: 'required' });
}

export function getUser(username: string, signal?: AbortSignal): Promise<Profile> {
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

export type FeedKind = 'fyp' | 'following';

export function getFeed(
  cursor: string | null,
  count: number,
  signal?: AbortSignal,
  kind: FeedKind = 'fyp',
  mode?: 'personalized' | 'latest',
): Promise<FeedPage> {
  const auth = kind === 'following' ? 'required' : 'optional';
  return request(`/v1/feed/${kind}${query({ cursor, count, mode })}`, { signal, auth });
}

export function getFeedPreferences(signal?: AbortSignal): Promise<{ personalized_feed: boolean }> {
  return request('/v1/feed/preferences', { signal, auth: 'required' });
}

export function setFeedPreferences(body: { personalized_feed: boolean }): Promise<{ personalized_feed: boolean }> {
  return request('/v1/feed/preferences', { method: 'PATCH', body, auth: 'required' });
}

export function getVideo(id: string, signal?: AbortSignal): Promise<Video> {
  return request(`/v1/videos/${seg(id)}`, { signal });
}

export function updateVideo(id: string, body: { caption?: string; visibility?: Visibility }): Promise<Video> {
  return request(`/v1/videos/${seg(id)}`, { method: 'PATCH', body, auth: 'required' });
}

export function deleteVideo(id: string): Promise<void> {
  return request(`/v1/videos/${seg(id)}`, { method: 'DELETE', auth: 'required' });
}

// --- interactions -------------------------------------------------------------------------------------------------

export function setLiked(id: string, liked: boolean): Promise<LikeState> {
  return request(`/v1/videos/${seg(id)}/like`, { method: liked ? 'POST' : 'DELETE', auth: 'required' });
}

export function setSaved(id: string, saved: boolean): Promise<SaveState> {
  return request(`/v1/videos/${seg(id)}/save`, { method: saved ? 'POST' : 'DELETE', auth: 'required' });
}

export function shareVideo(id: string, channel: string): Promise<ShareResult> {
  return request(`/v1/videos/${seg(id)}/share`, { method: 'POST', body: { channel } });
}

export function getComments(videoId: string, cursor: string | null, signal?: AbortSignal): Promise<CommentPage> {
  return request(`/v1/videos/${seg(videoId)}/comments${query({ cursor, count: 20 })}`, { signal });
}

export function getReplies(commentId: string, cursor: string | null, signal?: AbortSignal): Promise<CommentPage> {
  return request(`/v1/comments/${seg(commentId)}/replies${query({ cursor, count: 20 })}`, { signal });
}

export function postComment(videoId: string, content: string, parentId?: string | null): Promise<Comment> {
  const body = parentId ? { content, parent_id: parentId } : { content };
  return request(`/v1/videos/${seg(videoId)}/comments`, { method: 'POST', body, auth: 'required' });
}

export function deleteComment(commentId: string): Promise<void> {
  return request(`/v1/comments/${seg(commentId)}`, { method: 'DELETE', auth: 'required' });
}

export function setCommentLiked(commentId: string, liked: boolean): Promise<LikeState> {
  return request(`/v1/comments/${seg(commentId)}/like`, { method: liked ? 'POST' : 'DELETE', auth: 'required' });
}

export function getSaved(cursor: string | null, signal?: AbortSignal): Promise<VideoPage> {
  return request(`/v1/users/me/saved${query({ cursor, count: 18 })}`, { signal, auth: 'required' });
}

// --- follows ------------------------------------------------------------------------------------------------------

export function setFollowing(username: string, follow: boolean): Promise<FollowState> {
  return request(`/v1/users/${seg(username)}/follow`, { method: follow ? 'POST' : 'DELETE', auth: 'required' });
}

export function getFollowList(
  username: string,
  which: 'followers' | 'following',
  cursor: string | null,
  signal?: AbortSignal,
): Promise<UserPage> {
  return request(`/v1/users/${seg(username)}/${which}${query({ cursor, count: 30 })}`, { signal });
}

// --- discovery ----------------------------------------------------------------------------------------------------

export function getHashtag(name: string, cursor: string | null, signal?: AbortSignal): Promise<Hashtag> {
  return request(`/v1/hashtags/${seg(name)}${query({ cursor, count: 18 })}`, { signal });
}

export type SearchType = 'all' | 'videos' | 'users' | 'hashtags' | 'sounds';

export function search(
  q: string,
  type: SearchType,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<SearchResults> {
  return request(`/v1/search${query({ query: q, type, cursor })}`, { signal });
}

export function suggest(q: string, signal?: AbortSignal): Promise<unknown> {
  return request(`/v1/search/suggest${query({ query: q })}`, { signal });
}

export function getTrending(type: 'hashtags' | 'sounds' | 'videos', signal?: AbortSignal): Promise<unknown> {
  return request(`/v1/trending${query({ type, count: 20 })}`, { signal });
}

export function getSound(id: string, signal?: AbortSignal): Promise<Sound> {
  return request(`/v1/sounds/${seg(id)}`, { signal });
}

export function getSoundVideos(id: string, cursor: string | null, signal?: AbortSignal): Promise<VideoPage> {
  return request(`/v1/sounds/${seg(id)}/videos${query({ cursor, count: 18 })}`, { signal });
}

// --- inbox --------------------------------------------------------------------------------------------------------

export function getNotifications(cursor: string | null, signal?: AbortSignal): Promise<NotificationPage> {
  return request(`/v1/notifications${query({ cursor, count: 20 })}`, { signal, auth: 'required' });
}

export function getUnreadCount(signal?: AbortSignal): Promise<{ unread_count: number }> {
  return request('/v1/notifications/unread-count', { signal, auth: 'required' });
}

export function markNotificationsRead(upToId?: string): Promise<{ unread_count: number }> {
  return request('/v1/notifications/read', {
    method: 'POST',
    body: upToId ? { up_to_id: upToId } : {},
    auth: 'required',
  });
}

export function getConversations(cursor: string | null, signal?: AbortSignal): Promise<ConversationPage> {
  return request(`/v1/conversations${query({ cursor, count: 20 })}`, { signal, auth: 'required' });
}

export function getConversation(id: string, signal?: AbortSignal): Promise<Conversation> {
  return request(`/v1/conversations/${seg(id)}`, { signal, auth: 'required' });
}

export function startConversation(memberUsernames: string[]): Promise<Conversation> {
  return request('/v1/conversations', {
    method: 'POST',
    body: { member_usernames: memberUsernames },
    auth: 'required',
  });
}

export function getMessages(id: string, cursor: string | null, signal?: AbortSignal): Promise<MessagePage> {
  return request(`/v1/conversations/${seg(id)}/messages${query({ cursor, count: 30 })}`, { signal, auth: 'required' });
}

export function sendMessage(id: string, body: { text?: string; video_id?: string }): Promise<Message> {
  return request(`/v1/conversations/${seg(id)}/messages`, { method: 'POST', body, auth: 'required' });
}

export function markConversationRead(id: string, messageId: string): Promise<{ unread_count: number }> {
  return request(`/v1/conversations/${seg(id)}/read`, {
    method: 'POST',
    body: { message_id: messageId },
    auth: 'required',
  });
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
