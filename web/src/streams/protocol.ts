/**
 * The `live_*` frames of a stream's room on the `/v1/ws` socket (docs/api.md, Stream room): the OpenAPI document
 * has the REST calls, not the socket's frames, so these are written out here.
 */
import type { ChatMessage } from '../api/types.ts';

export type { ChatMessage };

export type RoomRole = 'host' | 'moderator' | 'viewer';

export interface GiftFrame {
  type: 'live_gift';
  stream_id: string;
  gift_id: string;
  quantity: number;
  from: { id: string; username: string; display_name: string } | null;
}

export type ModerationAction = 'mute' | 'unmute' | 'ban' | 'unban' | 'add_moderator' | 'remove_moderator';

export type StreamRoomFrame =
  | {
      type: 'live_joined';
      stream_id: string;
      viewers: { now: number; peak: number };
      chat: ChatMessage[];
      slow_mode_seconds: number;
      you: { role: RoomRole; muted: boolean };
    }
  | { type: 'live_error'; stream_id: string; code: 'STREAM_NOT_FOUND' | 'BANNED_FROM_STREAM' | 'TOO_MANY_ROOMS' }
  | { type: 'live_chat'; stream_id: string; message: ChatMessage }
  | { type: 'live_chat_deleted'; stream_id: string; message_id: string }
  | { type: 'live_viewers'; stream_id: string; now: number; peak: number }
  | GiftFrame
  | { type: 'live_slow_mode'; stream_id: string; seconds: number }
  | { type: 'live_ended'; stream_id: string }
  | {
      type: 'live_moderation';
      stream_id: string;
      action: 'muted' | 'unmuted' | 'banned' | 'unbanned';
    };
