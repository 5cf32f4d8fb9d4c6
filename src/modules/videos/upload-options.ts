import { MAX_SCHEDULE_DAYS } from '../../config.ts';
import { badRequest } from '../../platform/errors.ts';

/** What an upload may choose besides its caption and effects. */
export interface UploadOptions {
  /** Whether people may download the video as an MP4; default true. */
  allowDownload?: boolean;
  /** A sound to play instead of the video's own audio. */
  soundId?: string | null;
  /** Publish at this time instead of as soon as it is ready. */
  publishAt?: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The multipart fields `allow_download`, `sound_id` and `scheduled_publish_at`; 400 with a code on a bad one. */
export function parseUploadOptions(fields: Readonly<Record<string, string | undefined>>, now = new Date()) {
  return {
    allowDownload: parseAllowDownload(fields.allow_download),
    soundId: parseSoundId(fields.sound_id),
    publishAt: parseScheduledPublishAt(fields.scheduled_publish_at, now),
  } satisfies UploadOptions;
}

function parseAllowDownload(raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return true;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw badRequest('INVALID_ALLOW_DOWNLOAD', 'allow_download must be true or false.');
}

function parseSoundId(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (!UUID.test(value)) throw badRequest('SOUND_NOT_FOUND', 'The sound chosen for this video does not exist.');
  return value.toLowerCase();
}

/** An ISO 8601 time with its offset, in the future and at most MAX_SCHEDULE_DAYS ahead. */
export function parseScheduledPublishAt(raw: string | undefined, now = new Date()): Date | null {
  const value = raw?.trim();
  if (!value) return null;
  const at = new Date(value);
  if (!ISO_TIME.test(value) || Number.isNaN(at.getTime())) {
    throw badRequest(
      'INVALID_SCHEDULE',
      'scheduled_publish_at must be an ISO 8601 time with its offset, e.g. 2030-01-31T18:00:00Z.',
    );
  }
  if (at.getTime() <= now.getTime())
    throw badRequest('INVALID_SCHEDULE', 'scheduled_publish_at must be in the future.');
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000) {
    throw badRequest('INVALID_SCHEDULE', `scheduled_publish_at may be at most ${MAX_SCHEDULE_DAYS} days ahead.`);
  }
  return at;
}
