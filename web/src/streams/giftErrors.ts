/** What to tell a person whose gift or coin purchase was refused. */
import { ApiError, errorMessage } from '../api.ts';

export function giftErrorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return errorMessage(err);
  switch (err.code) {
    case 'INSUFFICIENT_COINS':
      return 'Not enough coins for that gift. Get more coins below.';
    case 'STREAM_NOT_LIVE':
      return 'This stream is not live any more.';
    case 'CANNOT_GIFT_SELF':
      return "You can't send gifts to yourself.";
    case 'PAYMENT_FAILED':
      return 'The payment did not go through. Nothing was charged.';
    default:
      return err.message;
  }
}
