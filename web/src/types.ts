/** Shapes of the Looply HTTP API (v1) as the web client uses them. */

export interface User {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_url: string | null;
  is_private?: boolean;
  created_at: string;
}

export interface ProfileStats {
  followers: number;
  following: number;
  likes: number;
  videos: number;
}

export interface Relationship {
  following: boolean;
  followed_by: boolean;
  requested: boolean;
  blocked: boolean;
  friends: boolean;
}

/** `GET /v1/users/{username}`: the user with counts, and the viewer's relationship (not on their own profile). */
export interface Profile extends User {
  stats?: ProfileStats;
  relationship?: Relationship;
}

export interface AuthResponse {
  user: User;
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export type VideoStatus = 'uploading' | 'processing' | 'ready' | 'failed' | 'removed';
export type Visibility = 'public' | 'friends' | 'private';

export interface UserRef {
  id: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
}

export type VideoAuthor = UserRef;

export interface VideoStats {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves?: number;
}

export interface Video {
  id: string;
  status: VideoStatus;
  visibility?: Visibility;
  progress: number;
  error: { code: string; message: string } | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  author: VideoAuthor;
  caption: string;
  hashtags: string[];
  stats: VideoStats;
  /** What the signed-in viewer did to it; absent for visitors. */
  viewer?: { liked: boolean; saved: boolean };
  playback_urls: { hls: string } | null;
  thumbnails: { poster: string; preview?: string | null; sprite_vtt?: string | null } | null;
  allow_download?: boolean;
  download_url?: string | null;
  sound?: { id: string; title: string } | null;
  publish_at?: string | null;
  /** Why the ranked feed shows it ("because you watched #cats"), when it says. */
  recommendation_reason?: string | null;
  created_at: string;
}

export interface Page {
  cursor: string | null;
  has_more: boolean;
}

export interface VideoPage extends Page {
  videos: Video[];
}

export interface PrefetchHint {
  video_id: string;
  hls: string;
  poster: string | null;
}

export interface FeedPage extends VideoPage {
  prefetch_hints?: PrefetchHint[];
}

export interface UploadAccepted {
  video_id: string;
  status: 'processing' | 'uploading';
  upload_url: string | null;
  estimated_processing_time_seconds: number;
}

export type ViewSource = 'fyp' | 'following' | 'profile' | 'video' | 'tag' | 'search';

export interface ViewEvent {
  watch_time_ms: number;
  completion_rate: number;
  replay_count: number;
  source: ViewSource;
}

export interface Comment {
  id: string;
  video_id: string;
  parent_id: string | null;
  user: UserRef;
  content: string;
  mentions: string[];
  like_count: number;
  reply_count: number;
  viewer?: { liked: boolean };
  created_at: string;
}

export interface CommentPage extends Page {
  comments: Comment[];
}

export interface LikeState {
  liked: boolean;
  like_count: number;
}

export interface SaveState {
  saved: boolean;
  save_count: number;
}

export interface FollowState {
  following: boolean;
  requested: boolean;
}

export interface ShareResult {
  share_url: string;
  share_count: number;
}

export interface UserPage extends Page {
  users: UserRef[];
}

export interface Notification {
  id: string;
  type: string;
  actors: UserRef[];
  actor_count: number;
  video_id: string | null;
  comment_id: string | null;
  text: string | null;
  message: string;
  read: boolean;
  created_at: string;
  updated_at: string;
}

export interface NotificationPage extends Page {
  notifications: Notification[];
  unread_count: number;
}

export interface Message {
  id: string;
  conversation_id: string;
  sender: UserRef;
  text: string | null;
  video_id: string | null;
  video: Video | null;
  read_by: string[];
  created_at: string;
}

export interface Conversation {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
  members: UserRef[];
  last_message: Message | null;
  unread_count: number;
  created_at: string;
  updated_at: string;
}

export interface ConversationPage extends Page {
  conversations: Conversation[];
}

export interface MessagePage extends Page {
  messages: Message[];
}

export interface Sound {
  id: string;
  title: string;
  duration_ms: number | null;
  owner: UserRef | null;
  audio_url: string | null;
  video_count: number;
  source_video_id: string | null;
}

/** `GET /v1/hashtags/{name}` — its shape is settled by the search engineer; read defensively. */
export interface Hashtag {
  name: string;
  video_count?: number;
  view_count?: number;
  videos?: Video[];
  cursor?: string | null;
  has_more?: boolean;
}

export interface SearchResults {
  videos?: Video[];
  users?: UserRef[];
  hashtags?: { name: string; video_count?: number; view_count?: number }[];
  sounds?: { id: string; title: string; artist?: string; video_count?: number }[];
  cursor?: string | null;
  has_more?: boolean;
}
