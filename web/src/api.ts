/**
 * The Looply API client: typed calls generated from the OpenAPI document (openapi-fetch over api/schema.d.ts), with
 * bearer auth and one refresh-and-retry, errors as ApiError.
 */
import createClient from 'openapi-fetch';
import type { paths } from './api/schema.d.ts';
import type {
  AuthResponse,
  Body,
  ChatMessage,
  CoinPackage,
  CoinPurchase,
  Comment,
  CommentPage,
  Conversation,
  ConversationPage,
  FeedPage,
  FollowState,
  GiftCatalogue,
  GiftReceipt,
  Hashtag,
  LikeState,
  LiveStarted,
  LiveStream,
  LiveStreamPage,
  Message,
  MessagePage,
  NotificationPage,
  Profile,
  SaveState,
  SearchResults,
  ShareResult,
  Sound,
  Suggestions,
  Trending,
  UploadAccepted,
  User,
  UserPage,
  Video,
  VideoPage,
  Visibility,
  Wallet,
} from './api/types.ts';
import { getAccessToken, refreshAccessToken } from './auth.ts';

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

/** An error answer's body (parsed JSON, or text) as an ApiError, using the `{error: {code, message}}` envelope. */
function apiErrorOf(status: number, body: unknown): ApiError {
  const envelope = (typeof body === 'object' && body !== null ? body : null) as {
    error?: { code?: unknown; message?: unknown };
  } | null;
  const code = envelope?.error?.code;
  const message = envelope?.error?.message;
  if (typeof message === 'string' && message) {
    return new ApiError(status, typeof code === 'string' ? code : `HTTP_${status}`, message);
  }
  return new ApiError(status, `HTTP_${status}`, fallbackMessage(status));
}

/** Turn an error response's text into an ApiError (a proxy's error page is not JSON: then a message by status). */
export function toApiError(status: number, text: string): ApiError {
  try {
    return apiErrorOf(status, JSON.parse(text));
  } catch {
    return apiErrorOf(status, null);
  }
}

/** Parse a successful response's text; anything but JSON (say, the SPA's index.html) is an error. */
export function parseJson<T>(status: number, contentType: string | null, text: string): T {
  if (status === 204 || text === '') return undefined as T;
  if (contentType && !contentType.includes('json')) throw badResponse(status);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw badResponse(status);
  }
}

function badResponse(status: number): ApiError {
  return new ApiError(status, 'BAD_RESPONSE', 'Looply sent an unexpected response. Please try again.');
}

async function send(request: Request, token: string | null): Promise<Response> {
  request.headers.set('Accept', 'application/json');
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  else request.headers.delete('Authorization');
  try {
    return await fetch(request);
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
}

/**
 * The fetch of a call: 'optional' sends the token when signed in, 'required' fails fast for visitors, and a stale
 * token is refreshed once and the call sent again.
 */
function authedFetch(auth: AuthMode): (request: Request) => Promise<Response> {
  return async (request) => {
    const token = auth === 'none' ? null : await getAccessToken();
    if (auth === 'required' && !token) throw new ApiError(401, 'UNAUTHENTICATED', 'Please log in to continue.');
    const again = token ? request.clone() : null;
    const response = await send(request, token);
    if (response.status !== 401 || !again) return response;
    const err = toApiError(response.status, await response.clone().text());
    if (!REFRESHABLE.has(err.code)) return response;
    const fresh = await refreshAccessToken();
    if (fresh) return send(again, fresh);
    // Signed out (or refresh unreachable): what visitors may see is still worth showing.
    return auth === 'optional' ? send(again, null) : response;
  };
}

const client = createClient<paths>();
const fetchers: Record<AuthMode, (request: Request) => Promise<Response>> = {
  none: authedFetch('none'),
  optional: authedFetch('optional'),
  required: authedFetch('required'),
};

/** What a call of the generated client resolves to. */
type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call, or its ApiError. */
async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (err) {
    if (err instanceof ApiError || isAbort(err)) throw err;
    // A success whose body is not JSON: the SPA's index.html, say.
    throw badResponse(0);
  }
  const { data, error, response } = outcome;
  if (!response.ok) throw apiErrorOf(response.status, error);
  return data as T;
}

/** Options of one call: its auth mode and the rest of fetch's. */
const as = (auth: AuthMode, signal?: AbortSignal) => ({ fetch: fetchers[auth], signal });

// --- auth & users -------------------------------------------------------------------------------------------------

export function signup(body: Body<'/v1/auth/signup', 'post'>): Promise<AuthResponse> {
  return unwrap(client.POST('/v1/auth/signup', { body, ...as('none') }));
}

export function login(body: Body<'/v1/auth/login', 'post'>): Promise<AuthResponse> {
  return unwrap(client.POST('/v1/auth/login', { body, ...as('none') }));
}

export function getMe(signal?: AbortSignal): Promise<User> {
  return unwrap(client.GET('/v1/users/me', as('required', signal)));
}

export function updateMe(body: Body<'/v1/users/me', 'patch'>): Promise<User> {
  return unwrap(client.PATCH('/v1/users/me', { body, ...as('required') }));
}

/** PUT /v1/users/me/avatar: the server crops the picture to a square and answers the updated user. */
export function setAvatar(picture: File): Promise<User> {
  const form = new FormData();
  form.append('avatar', picture);
  // A multipart form the schema does not describe field by field: sent as it is.
  return unwrap(client.PUT('/v1/users/me/avatar', { body: form as never, ...as('required') }));
}

export function removeAvatar(): Promise<User> {
  return unwrap(client.DELETE('/v1/users/me/avatar', as('required')));
}

export function getUser(username: string, signal?: AbortSignal): Promise<Profile> {
  return unwrap(client.GET('/v1/users/{username}', { params: { path: { username } }, ...as('optional', signal) }));
}

export function getUserVideos(
  username: string,
  cursor: string | null,
  count: number,
  signal?: AbortSignal,
): Promise<VideoPage> {
  return unwrap(
    client.GET('/v1/users/{username}/videos', {
      params: { path: { username }, query: { cursor: cursor ?? undefined, count } },
      ...as('optional', signal),
    }),
  );
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
  const query = { cursor: cursor ?? undefined, count };
  if (kind === 'following') {
    return unwrap(client.GET('/v1/feed/following', { params: { query }, ...as('required', signal) }));
  }
  return unwrap(client.GET('/v1/feed/fyp', { params: { query: { ...query, mode } }, ...as('optional', signal) }));
}

export function getFeedPreferences(signal?: AbortSignal): Promise<{ personalized_feed: boolean }> {
  return unwrap(client.GET('/v1/feed/preferences', as('required', signal)));
}

export function setFeedPreferences(body: { personalized_feed: boolean }): Promise<{ personalized_feed: boolean }> {
  return unwrap(client.PATCH('/v1/feed/preferences', { body, ...as('required') }));
}

export function getVideo(id: string, signal?: AbortSignal): Promise<Video> {
  return unwrap(client.GET('/v1/videos/{id}', { params: { path: { id } }, ...as('optional', signal) }));
}

export function updateVideo(id: string, body: { caption?: string; visibility?: Visibility }): Promise<Video> {
  return unwrap(client.PATCH('/v1/videos/{id}', { params: { path: { id } }, body, ...as('required') }));
}

export async function deleteVideo(id: string): Promise<void> {
  await unwrap(client.DELETE('/v1/videos/{id}', { params: { path: { id } }, ...as('required') }));
}

/** POST /v1/videos/{id}/view; `keepalive` lets it outlive the page. */
export async function reportView(id: string, body: Body<'/v1/videos/{id}/view', 'post'>): Promise<void> {
  await unwrap(
    client.POST('/v1/videos/{id}/view', { params: { path: { id } }, body, keepalive: true, ...as('optional') }),
  );
}

// --- interactions -------------------------------------------------------------------------------------------------

export function setLiked(id: string, liked: boolean): Promise<LikeState> {
  const init = { params: { path: { id } }, ...as('required') };
  return unwrap(liked ? client.POST('/v1/videos/{id}/like', init) : client.DELETE('/v1/videos/{id}/like', init));
}

export function setSaved(id: string, saved: boolean): Promise<SaveState> {
  const init = { params: { path: { id } }, ...as('required') };
  return unwrap(saved ? client.POST('/v1/videos/{id}/save', init) : client.DELETE('/v1/videos/{id}/save', init));
}

export function shareVideo(id: string, channel: string): Promise<ShareResult> {
  return unwrap(
    client.POST('/v1/videos/{id}/share', { params: { path: { id } }, body: { channel }, ...as('optional') }),
  );
}

export function getComments(videoId: string, cursor: string | null, signal?: AbortSignal): Promise<CommentPage> {
  return unwrap(
    client.GET('/v1/videos/{id}/comments', {
      params: { path: { id: videoId }, query: { cursor: cursor ?? undefined, count: 20 } },
      ...as('optional', signal),
    }),
  );
}

export function getReplies(commentId: string, cursor: string | null, signal?: AbortSignal): Promise<CommentPage> {
  return unwrap(
    client.GET('/v1/comments/{id}/replies', {
      params: { path: { id: commentId }, query: { cursor: cursor ?? undefined, count: 20 } },
      ...as('optional', signal),
    }),
  );
}

export function postComment(videoId: string, content: string, parentId?: string | null): Promise<Comment> {
  const body = parentId ? { content, parent_id: parentId } : { content };
  return unwrap(
    client.POST('/v1/videos/{id}/comments', { params: { path: { id: videoId } }, body, ...as('required') }),
  );
}

export async function deleteComment(commentId: string): Promise<void> {
  await unwrap(client.DELETE('/v1/comments/{id}', { params: { path: { id: commentId } }, ...as('required') }));
}

export function setCommentLiked(commentId: string, liked: boolean): Promise<LikeState> {
  const init = { params: { path: { id: commentId } }, ...as('required') };
  return unwrap(liked ? client.POST('/v1/comments/{id}/like', init) : client.DELETE('/v1/comments/{id}/like', init));
}

export function getSaved(cursor: string | null, signal?: AbortSignal): Promise<VideoPage> {
  return unwrap(
    client.GET('/v1/users/me/saved', {
      params: { query: { cursor: cursor ?? undefined, count: 18 } },
      ...as('required', signal),
    }),
  );
}

// --- follows ------------------------------------------------------------------------------------------------------

export function setFollowing(username: string, follow: boolean): Promise<FollowState> {
  const init = { params: { path: { username } }, ...as('required') };
  return unwrap(
    follow ? client.POST('/v1/users/{username}/follow', init) : client.DELETE('/v1/users/{username}/follow', init),
  );
}

export function getFollowList(
  username: string,
  which: 'followers' | 'following',
  cursor: string | null,
  signal?: AbortSignal,
): Promise<UserPage> {
  const init = {
    params: { path: { username }, query: { cursor: cursor ?? undefined, count: 30 } },
    ...as('optional', signal),
  };
  return unwrap(
    which === 'followers'
      ? client.GET('/v1/users/{username}/followers', init)
      : client.GET('/v1/users/{username}/following', init),
  );
}

// --- discovery ----------------------------------------------------------------------------------------------------

export function getHashtag(name: string, cursor: string | null, signal?: AbortSignal): Promise<Hashtag> {
  return unwrap(
    client.GET('/v1/hashtags/{name}', {
      params: { path: { name }, query: { cursor: cursor ?? undefined, count: 18 } },
      ...as('optional', signal),
    }),
  );
}

export type SearchType = 'all' | 'videos' | 'users' | 'hashtags' | 'sounds';

export function search(
  q: string,
  type: SearchType,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<SearchResults> {
  return unwrap(
    client.GET('/v1/search', {
      params: { query: { query: q, type, cursor: cursor ?? undefined } },
      ...as('optional', signal),
    }),
  );
}

export function suggest(q: string, signal?: AbortSignal): Promise<Suggestions> {
  return unwrap(client.GET('/v1/search/suggest', { params: { query: { query: q } }, ...as('optional', signal) }));
}

export function getTrending(type: 'hashtags' | 'sounds' | 'videos', signal?: AbortSignal): Promise<Trending> {
  return unwrap(client.GET('/v1/trending', { params: { query: { type, count: 20 } }, ...as('optional', signal) }));
}

export function getSound(id: string, signal?: AbortSignal): Promise<Sound> {
  return unwrap(client.GET('/v1/sounds/{id}', { params: { path: { id } }, ...as('optional', signal) }));
}

export function getSoundVideos(id: string, cursor: string | null, signal?: AbortSignal): Promise<VideoPage> {
  return unwrap(
    client.GET('/v1/sounds/{id}/videos', {
      params: { path: { id }, query: { cursor: cursor ?? undefined, count: 18 } },
      ...as('optional', signal),
    }),
  );
}

// --- inbox --------------------------------------------------------------------------------------------------------

export function getNotifications(cursor: string | null, signal?: AbortSignal): Promise<NotificationPage> {
  return unwrap(
    client.GET('/v1/notifications', {
      params: { query: { cursor: cursor ?? undefined, count: 20 } },
      ...as('required', signal),
    }),
  );
}

export function getUnreadCount(signal?: AbortSignal): Promise<{ unread_count: number }> {
  return unwrap(client.GET('/v1/notifications/unread-count', as('required', signal)));
}

export function markNotificationsRead(upToId?: string): Promise<{ unread_count: number }> {
  const body = upToId ? { up_to_id: upToId } : {};
  return unwrap(client.POST('/v1/notifications/read', { body, ...as('required') }));
}

export function getConversations(cursor: string | null, signal?: AbortSignal): Promise<ConversationPage> {
  return unwrap(
    client.GET('/v1/conversations', {
      params: { query: { cursor: cursor ?? undefined, count: 20 } },
      ...as('required', signal),
    }),
  );
}

export function getConversation(id: string, signal?: AbortSignal): Promise<Conversation> {
  return unwrap(client.GET('/v1/conversations/{id}', { params: { path: { id } }, ...as('required', signal) }));
}

export function startConversation(memberUsernames: string[]): Promise<Conversation> {
  return unwrap(client.POST('/v1/conversations', { body: { member_usernames: memberUsernames }, ...as('required') }));
}

export function getMessages(id: string, cursor: string | null, signal?: AbortSignal): Promise<MessagePage> {
  return unwrap(
    client.GET('/v1/conversations/{id}/messages', {
      params: { path: { id }, query: { cursor: cursor ?? undefined, count: 30 } },
      ...as('required', signal),
    }),
  );
}

export function sendMessage(id: string, body: { text?: string; video_id?: string }): Promise<Message> {
  return unwrap(client.POST('/v1/conversations/{id}/messages', { params: { path: { id } }, body, ...as('required') }));
}

export function markConversationRead(id: string, messageId: string): Promise<{ unread_count: number }> {
  return unwrap(
    client.POST('/v1/conversations/{id}/read', {
      params: { path: { id } },
      body: { message_id: messageId },
      ...as('required'),
    }),
  );
}

/** POST /v1/videos as JSON: a resumable upload's details; the bytes follow through tus. */
export async function startResumable(body: Body<'/v1/videos', 'post'>) {
  return unwrap(client.POST('/v1/videos', { body, ...as('required') }));
}

// --- web push -----------------------------------------------------------------------------------------------------

export function getVapidPublicKey(): Promise<{ public_key: string }> {
  return unwrap(client.GET('/v1/push/vapid-public-key', as('optional')));
}

export async function registerPushSubscription(body: Body<'/v1/push/subscriptions', 'post'>): Promise<void> {
  await unwrap(client.POST('/v1/push/subscriptions', { body, ...as('required') }));
}

// --- live & wallet ------------------------------------------------------------------------------------------------

export function getLiveNow(signal?: AbortSignal): Promise<LiveStreamPage> {
  return unwrap(client.GET('/v1/live', { params: { query: { count: 50 } }, ...as('optional', signal) }));
}

export function getLiveStream(id: string, signal?: AbortSignal): Promise<LiveStream> {
  return unwrap(client.GET('/v1/live/{id}', { params: { path: { id } }, ...as('optional', signal) }));
}

export function startLive(body: Body<'/v1/live/start', 'post'>): Promise<LiveStarted> {
  return unwrap(client.POST('/v1/live/start', { body, ...as('required') }));
}

export function endLive(id: string): Promise<LiveStream> {
  return unwrap(client.POST('/v1/live/{id}/end', { params: { path: { id } }, ...as('required') }));
}

export function sendGift(id: string, body: Body<'/v1/live/{id}/gifts', 'post'>): Promise<GiftReceipt> {
  return unwrap(client.POST('/v1/live/{id}/gifts', { params: { path: { id } }, body, ...as('required') }));
}

export function getGifts(signal?: AbortSignal): Promise<GiftCatalogue> {
  return unwrap(client.GET('/v1/gifts', as('optional', signal)));
}

export function getWallet(signal?: AbortSignal): Promise<Wallet> {
  return unwrap(client.GET('/v1/wallet', as('required', signal)));
}

export async function getCoinPackages(signal?: AbortSignal): Promise<CoinPackage[]> {
  return (await unwrap(client.GET('/v1/wallet/packages', as('required', signal)))).packages;
}

export function buyCoins(body: Body<'/v1/wallet/purchases', 'post'>): Promise<CoinPurchase> {
  return unwrap(client.POST('/v1/wallet/purchases', { body, ...as('required') }));
}

// --- live rooms: chat, moderation, slow mode ------------------------------------------------------------------------

export async function getChat(id: string, signal?: AbortSignal): Promise<ChatMessage[]> {
  return (await unwrap(client.GET('/v1/live/{id}/chat', { params: { path: { id } }, ...as('required', signal) })))
    .items;
}

export async function postChat(id: string, text: string): Promise<ChatMessage> {
  const body = { text };
  return (await unwrap(client.POST('/v1/live/{id}/chat', { params: { path: { id } }, body, ...as('required') })))
    .message;
}

export async function deleteChat(id: string, messageId: string): Promise<void> {
  const path = { id, messageId };
  await unwrap(client.DELETE('/v1/live/{id}/chat/{messageId}', { params: { path }, ...as('required') }));
}

export async function moderate(id: string, body: Body<'/v1/live/{id}/moderation', 'post'>): Promise<void> {
  await unwrap(client.POST('/v1/live/{id}/moderation', { params: { path: { id } }, body, ...as('required') }));
}

export async function setSlowMode(id: string, seconds: number): Promise<number> {
  const body = { seconds };
  return (await unwrap(client.PUT('/v1/live/{id}/slow-mode', { params: { path: { id } }, body, ...as('required') })))
    .seconds;
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
