import { Type } from 'typebox';
import { TEXT_LIMITS } from '../../config.ts';
import { Nullable, UserSummarySchema, Uuid } from '../../http/schemas.ts';
import { VisibilitySchema } from '../videos/schemas.ts';
import { MAX_GIFT_QUANTITY } from '../wallet/catalogue.ts';
import { IdempotencyKey } from '../wallet/schemas.ts';

export const StartLiveBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.liveTitle }),
    visibility: Type.Optional(VisibilitySchema),
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
    { description: 'From live presence: 0 until chat and presence land.' },
  ),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  ended_at: Nullable(Type.String()),
  playback_url: Nullable(Type.String(), { description: 'The HLS master playlist; null until the stream goes live.' }),
  share_url: Type.String(),
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
