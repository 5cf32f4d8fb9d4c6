/** What to tell a person whose chat message or moderation was refused, by the codes docs/protocol names. */
import { ApiError, errorMessage } from '../api.ts';

export function chatErrorMessage(err: unknown, slowModeSeconds: number): string {
  if (!(err instanceof ApiError)) return errorMessage(err);
  switch (err.code) {
    case 'SLOW_MODE':
      return slowModeSeconds > 0
        ? `Slow mode is on: one message every ${slowModeSeconds} s. Try again in a moment.`
        : 'Slow mode is on. Try again in a moment.';
    case 'MUTED_IN_STREAM':
      return 'You are muted in this stream.';
    case 'BANNED_FROM_STREAM':
      return 'You are banned from this stream.';
    case 'STREAM_NOT_LIVE':
      return 'This stream is not live any more.';
    case 'INVALID_CHAT_MESSAGE':
      return 'Messages are 1 to 200 characters.';
    case 'RATE_LIMITED':
      return 'You are sending messages too fast. Wait a moment.';
    case 'NOT_STREAM_MODERATOR':
      return 'Only the host and moderators can do that.';
    default:
      return err.status === 404 ? "Chat isn't available for this stream." : err.message;
  }
}
