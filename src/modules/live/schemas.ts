import { Type } from 'typebox';
import { LIVE_ROOM, TEXT_LIMITS } from '../../config.ts';
import { Nullable, UserSummarySchema, Uuid } from '../../http/schemas.ts';
import { VisibilitySchema } from '../videos/schemas.ts';
import { MAX_GIFT_QUANTITY } from '../wallet/catalogue.ts';
import { IdempotencyKey } from '../wallet/schemas.ts';

export const StartLiveBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.liveTitle }),
    visibility: Type.Optional(VisibilitySchema),
    replay: Type.Optional(
      Type.Boolean({ description: 'Keep a replay: when the stream ends it becomes your video (default false).' }),
    ),
  },
  { additionalProperties: false },
);

export const LiveStartedSchema = Type.Object({
  stream_id: Type.String(),
  rtmp_url: Nullable(Type.String(), {
    description: 'The server URL for OBS (Settings → Stream → Custom); null when no node takes RTMP.',
  }),
  stream_key: Type.String({ description: 'Secret, shown once: works for this stream only, until it ends or expires.' }),
  whip_or_ws_url: Nullable(Type.String(), {
    description:
      'Browser ingest: the WebSocket (ws:// or wss://) a browser sends MediaRecorder chunks to; null when no node takes ingest.',
  }),
  expires_at: Type.String({ description: 'The key must go live before this time.' }),
  share_url: Type.String(),
});

export const LiveStreamSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  visibility: VisibilitySchema,
  status: Type.Union([Type.Literal('idle'), Type.Literal('live'), Type.Literal('ended')]),
  host: Nullable(UserSummarySchema),
  viewers: Type.Object(
    { now: Type.Integer(), peak: Type.Integer() },
    {
      description:
        'From live presence across nodes (accounts in the stream room, the host not counted); now is 0 unless live.',
    },
  ),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  ended_at: Nullable(Type.String()),
  playback_url: Nullable(Type.String(), { description: 'The HLS master playlist; null until the stream goes live.' }),
  share_url: Type.String(),
  stats: Nullable(
    Type.Object({
      duration_seconds: Type.Integer(),
      peak_viewers: Type.Integer(),
      unique_viewers: Type.Integer({ description: 'Accounts that joined the room, the host not counted.' }),
      chat_messages: Type.Integer({ description: 'Sent, deleted ones included.' }),
      gifts: Type.Integer({ description: 'Gifts received, each of a quantity counted.' }),
      coins: Type.Integer({ description: 'Coins the gifts cost.' }),
    }),
    { description: 'Recorded when the stream ended; null before.' },
  ),
  replay_video_id: Nullable(Type.String(), {
    description: 'The video the replay became (processing until ready); null without a replay or until it ended.',
  }),
});

export const LiveStreamPageSchema = Type.Object({
  streams: Type.Array(LiveStreamSchema),
  cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
});

export const SendGiftBody = Type.Object(
  {
    gift_id: Type.String({ maxLength: 40 }),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_GIFT_QUANTITY })),
    idempotency_key: IdempotencyKey,
  },
  { additionalProperties: false },
);

export const GiftReceiptSchema = Type.Object({
  transaction_id: Type.String(),
  gift_id: Type.String(),
  quantity: Type.Integer(),
  coins_spent: Type.Integer(),
  diamonds_earned: Type.Integer(),
  balance: Type.Integer({ description: 'Your coins afterwards.' }),
  replayed: Type.Boolean({ description: 'This idempotency key was used before: nothing was charged again.' }),
});

export const HlsParams = Type.Object({
  id: Uuid,
  '*': Type.String({ maxLength: 64 }),
});

const SequenceNumber = Type.String({ pattern: '^[0-9]{1,9}$' });

/** LL-HLS delivery directives (RFC 8216bis 6.2.5): a blocking reload waits for segment `_HLS_msn`, part `_HLS_part`. */
export const HlsQuery = Type.Object({
  _HLS_msn: Type.Optional(SequenceNumber),
  _HLS_part: Type.Optional(SequenceNumber),
  _HLS_skip: Type.Optional(Type.String({ maxLength: 8 })),
});

export const ChatMessageSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  created_at: Type.String(),
  author: UserSummarySchema,
});

export const PostedChatSchema = Type.Object({ message: ChatMessageSchema });

export const ChatPageSchema = Type.Object({ items: Type.Array(ChatMessageSchema) });

export const PostChatBody = Type.Object(
  { text: Type.String({ maxLength: TEXT_LIMITS.liveChat }) },
  { additionalProperties: false },
);

export const ChatMessageParams = Type.Object({ id: Uuid, messageId: Uuid });

export const ModerationBody = Type.Object(
  {
    user_id: Uuid,
    action: Type.Union([
      Type.Literal('mute'),
      Type.Literal('unmute'),
      Type.Literal('ban'),
      Type.Literal('unban'),
      Type.Literal('add_moderator'),
      Type.Literal('remove_moderator'),
    ]),
  },
  { additionalProperties: false },
);

export const SlowModeSchema = Type.Object(
  {
    seconds: Type.Integer({
      minimum: 0,
      maximum: LIVE_ROOM.maxSlowModeSeconds,
      description: 'A viewer may write one message this often; 0 turns slow mode off.',
    }),
  },
  { additionalProperties: false },
);
