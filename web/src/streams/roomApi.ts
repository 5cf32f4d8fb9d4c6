/**
 * The stream room's REST calls (chat, moderation, slow mode) exactly as docs/protocol states them. The routes are
 * being built alongside this client, so the calls are hand-written; a 404 means "not on this server yet" as well as
 * "no such stream", and the pages treat both as chat being unavailable.
 */
import { callUntyped } from '../api.ts';
import type { ChatMessage, ModerationAction } from './protocol.ts';

const base = (streamId: string) => `/v1/live/${encodeURIComponent(streamId)}`;

export async function getChat(streamId: string, signal?: AbortSignal): Promise<ChatMessage[]> {
  return (await callUntyped<{ items: ChatMessage[] }>('GET', `${base(streamId)}/chat`, undefined, signal)).items;
}

export async function postChat(streamId: string, text: string): Promise<ChatMessage> {
  return (await callUntyped<{ message: ChatMessage }>('POST', `${base(streamId)}/chat`, { text })).message;
}

export async function deleteChat(streamId: string, messageId: string): Promise<void> {
  await callUntyped<void>('DELETE', `${base(streamId)}/chat/${encodeURIComponent(messageId)}`);
}

export async function moderate(streamId: string, userId: string, action: ModerationAction): Promise<void> {
  await callUntyped<void>('POST', `${base(streamId)}/moderation`, { user_id: userId, action });
}

export async function setSlowMode(streamId: string, seconds: number): Promise<number> {
  return (await callUntyped<{ seconds: number }>('PUT', `${base(streamId)}/slow-mode`, { seconds })).seconds;
}
