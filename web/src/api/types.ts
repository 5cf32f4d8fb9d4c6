/**
 * The API's shapes as the web app uses them, named: each is read off the generated OpenAPI types (schema.d.ts), so
 * a change of a route's schema reaches the client as a type error, not as a surprise at run time.
 */
import type { paths } from './schema.d.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON a successful call answers (200, 201 or 202). */
export type Answer<P extends keyof paths, M extends Method> =
  NonNullable<paths[P][M]> extends {
    responses: infer R;
  }
    ? R extends { 200: infer A }
      ? Json<A>
      : R extends { 201: infer A }
        ? Json<A>
        : R extends { 202: infer A }
          ? Json<A>
          : never
    : never;

/** The JSON body a call takes. */
export type Body<P extends keyof paths, M extends Method> =
  NonNullable<paths[P][M]> extends {
    requestBody?: infer B;
  }
    ? Json<NonNullable<B>>
    : never;

export type AuthResponse = Answer<'/v1/auth/login', 'post'>;
export type User = Answer<'/v1/users/me', 'get'>;
export type Profile = Answer<'/v1/users/{username}', 'get'>;
export type FollowState = Answer<'/v1/users/{username}/follow', 'post'>;
export type UserPage = Answer<'/v1/users/{username}/followers', 'get'>;

/** A video as any call shows it; on the For You page it also says why it was recommended. */
export type Video = Answer<'/v1/videos/{id}', 'get'> & Partial<Pick<FeedVideo, 'recommendation_reason'>>;
export type VideoStatus = Video['status'];
export type Visibility = Video['visibility'];
export type UserRef = Video['author'];
export type VideoPage = Answer<'/v1/users/{username}/videos', 'get'>;
/** A page of either feed; For You pages also say in which mode they were made. */
export type FeedPage = Answer<'/v1/feed/following', 'get'> & Partial<Pick<Answer<'/v1/feed/fyp', 'get'>, 'mode'>>;
export type FeedVideo = Answer<'/v1/feed/fyp', 'get'>['videos'][number];
export type UploadAccepted = Answer<'/v1/videos', 'post'>;
export type ViewEvent = Body<'/v1/videos/{id}/view', 'post'>;
export type ViewSource = ViewEvent['source'];

export type Comment = Answer<'/v1/videos/{id}/comments', 'post'>;
export type CommentPage = Answer<'/v1/videos/{id}/comments', 'get'>;
export type LikeState = Answer<'/v1/videos/{id}/like', 'post'>;
export type SaveState = Answer<'/v1/videos/{id}/save', 'post'>;
export type ShareResult = Answer<'/v1/videos/{id}/share', 'post'>;

export type Notification = NotificationPage['notifications'][number];
export type NotificationPage = Answer<'/v1/notifications', 'get'>;
export type Conversation = Answer<'/v1/conversations/{id}', 'get'>;
export type ConversationPage = Answer<'/v1/conversations', 'get'>;
export type Message = Answer<'/v1/conversations/{id}/messages', 'post'>;
export type MessagePage = Answer<'/v1/conversations/{id}/messages', 'get'>;

export type Sound = Answer<'/v1/sounds/{id}', 'get'>;
export type Hashtag = Answer<'/v1/hashtags/{name}', 'get'>;
export type SearchResults = Answer<'/v1/search', 'get'>;
export type Suggestions = Answer<'/v1/search/suggest', 'get'>;
export type Trending = Answer<'/v1/trending', 'get'>;

export type LiveStream = Answer<'/v1/live/{id}', 'get'>;
export type LiveStreamPage = Answer<'/v1/live', 'get'>;
export type LiveStarted = Answer<'/v1/live/start', 'post'>;
export type GiftCatalogue = Answer<'/v1/gifts', 'get'>;
export type Gift = GiftCatalogue['gifts'][number];
export type GiftReceipt = Answer<'/v1/live/{id}/gifts', 'post'>;
export type ChatMessage = Answer<'/v1/live/{id}/chat', 'post'>['message'];
export type Wallet = Answer<'/v1/wallet', 'get'>;
export type CoinPackage = Answer<'/v1/wallet/packages', 'get'>['packages'][number];
export type CoinPurchase = Answer<'/v1/wallet/purchases', 'post'>;
