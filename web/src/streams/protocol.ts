/**
 * The stream room's shapes as docs/protocol (issue 12) fixes them: chat messages, and the `live_*` frames on the
 * `/v1/ws` socket. Hand-written until the room's routes are in the OpenAPI document; frames never will be.
 */
import type { UserRef } from '../api/types.ts';

export interface ChatMessage {
  id: string;
  text: string;
  created_at: string;
  author: UserRef;
}

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
