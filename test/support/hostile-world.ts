import { fabricatedReadyVideo } from './fabricated-video.ts';
import type { TestLooply } from './looply.ts';
import { type Account, signUpAll } from './social.ts';

/** Real objects for hostile requests to name: two accounts, a ready video, a comment, a conversation, a message. */
export interface HostileWorld {
  bea: Account;
  cal: Account;
  video: string;
  comment: string;
  conversation: string;
  message: string;
  /** A resumable upload still waiting for its bytes. */
  upload: string;
}

export async function buildHostileWorld(looply: TestLooply): Promise<HostileWorld> {
  const [bea, cal] = await signUpAll(looply, ['bea', 'cal'] as const);
  const video = await fabricatedReadyVideo(looply, bea.user.id, 'fuzzing #fuzz');
  const call = (path: string, account: Account, json: unknown) =>
    looply.api(path, { method: 'POST', token: account.access_token, json });
  const comment = (await call(`/v1/videos/${video}/comments`, cal, { content: 'hello @bea' })).body.id;
  const conversation = (await call('/v1/conversations', bea, { member_usernames: ['cal'] })).body.id;
  const message = (await call(`/v1/conversations/${conversation}/messages`, cal, { text: 'hi' })).body.id;
  const upload = (await call('/v1/videos', bea, { size: 1000, caption: 'pending' })).body.video_id;
  return { bea, cal, video, comment, conversation, message, upload };
}
