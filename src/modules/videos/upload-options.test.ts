import { describe, expect, it } from 'vitest';
import { parseUploadOptions } from './upload-options.ts';

const now = new Date('2030-01-01T12:00:00Z');
const codeOf = (fields: Record<string, string>) => {
  try {
    parseUploadOptions(fields, now);
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('parseUploadOptions', () => {
  it('defaults to downloadable, no sound, published when ready', () => {
    expect(parseUploadOptions({}, now)).toEqual({ allowDownload: true, soundId: null, publishAt: null });
  });

  it('reads the fields', () => {
    expect(
      parseUploadOptions(
        {
          allow_download: 'false',
          sound_id: 'AAAAAAAA-0000-4000-8000-000000000000',
          scheduled_publish_at: '2030-01-02T08:30:00+01:00',
        },
        now,
      ),
    ).toEqual({
      allowDownload: false,
      soundId: 'aaaaaaaa-0000-4000-8000-000000000000',
      publishAt: new Date('2030-01-02T07:30:00Z'),
    });
  });

  it('refuses schedules in the past, too far ahead or without an offset', () => {
    expect(codeOf({ scheduled_publish_at: '2030-01-01T11:59:59Z' })).toBe('INVALID_SCHEDULE');
    expect(codeOf({ scheduled_publish_at: '2030-01-31T12:00:01Z' })).toBe('INVALID_SCHEDULE');
    expect(codeOf({ scheduled_publish_at: '2030-01-31T12:00:00Z' })).toBeNull();
    expect(codeOf({ scheduled_publish_at: '2030-01-02T10:00:00' })).toBe('INVALID_SCHEDULE');
    expect(codeOf({ scheduled_publish_at: '1893456000' })).toBe('INVALID_SCHEDULE');
    expect(codeOf({ allow_download: 'perhaps' })).toBe('INVALID_ALLOW_DOWNLOAD');
    expect(codeOf({ sound_id: '../../etc' })).toBe('SOUND_NOT_FOUND');
  });
});
