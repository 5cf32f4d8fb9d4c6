import { readFile } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectMediaNotFound, fetchFully } from '../support/signed-media.ts';
import { type Account, signUpAll } from '../support/social.ts';
import { relationalStoreVariants, useVariantLooply } from '../support/variant-looply.ts';

const AVATAR_URL = /^\/media\/avatars\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.webp$/;

/** 600x300: a red band, a green middle square, a blue band; the centre crop must be all green. */
function bandedPng(): Promise<Buffer> {
  const band = (background: string) =>
    sharp({ create: { width: 150, height: 300, channels: 3, background } })
      .png()
      .toBuffer();
  return Promise.all([band('#ff0000'), band('#0000ff')]).then(([red, blue]) =>
    sharp({ create: { width: 600, height: 300, channels: 3, background: '#00ff00' } })
      .composite([
        { input: red, left: 0, top: 0 },
        { input: blue, left: 450, top: 0 },
      ])
      .png()
      .toBuffer(),
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of a few hundred bytes announcing 10,000 x 10,000 pixels: a decompression bomb's header. */
function hugeDimensionsPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(10_000, 0);
  header.writeUInt32BE(10_000, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(100))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function avatarForm(bytes: Buffer, part: { field?: string; filename?: string; type?: string } = {}): FormData {
  const form = new FormData();
  const file = new Blob([new Uint8Array(bytes)], { type: part.type ?? 'image/png' });
  form.append(part.field ?? 'avatar', file, part.filename ?? 'me.png');
  return form;
}

describe.each(relationalStoreVariants('avatars'))('profile pictures ($name)', (variant) => {
  const { looply, clip, call } = useVariantLooply(variant, { clip: true });
  let ada: Account;
  let bob: Account;

  beforeAll(async () => {
    [ada, bob] = await signUpAll(looply, ['ada', 'bob'] as const);
  });

  const putAvatar = (as: Account | undefined, body: BodyInit) =>
    looply.api('/v1/users/me/avatar', { method: 'PUT', body, ...(as ? { token: as.access_token } : {}) });

  /** The picture behind `avatarUrl`, checked to be a public, immutable 256x256 WebP. */
  async function servedAvatar(avatarUrl: string): Promise<Buffer> {
    const { response, body } = await fetchFully(new URL(avatarUrl, looply.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await sharp(body).metadata()).toMatchObject({ format: 'webp', width: 256, height: 256 });
    return body;
  }

  it('takes a PNG, crops its centre square to a 256x256 WebP served to everyone, and shows it on the profile', async () => {
    const saved = await putAvatar(ada, avatarForm(await bandedPng()));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: ada.user.id, username: 'ada' });
    expect(saved.body.avatar_url).toMatch(AVATAR_URL);
    expect(saved.body.avatar_url).toContain(`/avatars/${ada.user.id}/`);

    expect((await call('/v1/users/me', 'GET', ada)).body).toEqual(saved.body);
    expect((await call('/v1/users/ada')).body.avatar_url).toBe(saved.body.avatar_url);

    const picture = await servedAvatar(saved.body.avatar_url);
    const [red, green, blue] = (await sharp(picture).stats()).channels.map((channel) => channel.mean);
    expect(green).toBeGreaterThan(200);
    expect(red).toBeLessThan(40);
    expect(blue).toBeLessThan(40);
  });

  it('replaces it with the next upload, judged by its bytes, and stops serving the old picture', async () => {
    const first = (await putAvatar(bob, avatarForm(await bandedPng()))).body.avatar_url as string;
    // A JPEG announced as a text file named .png: the bytes decide, not the name or the content type.
    const jpeg = await sharp({ create: { width: 300, height: 500, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const second = await putAvatar(bob, avatarForm(jpeg, { filename: 'notes.png', type: 'text/plain' }));
    expect(second.status).toBe(200);
    expect(second.body.avatar_url).toMatch(AVATAR_URL);
    expect(second.body.avatar_url).not.toBe(first);
    await servedAvatar(second.body.avatar_url);
    await expectMediaNotFound(looply.url, first);
    expect((await call('/v1/users/bob')).body.avatar_url).toBe(second.body.avatar_url);
  });

  it('refuses what is not a JPEG, PNG or WebP picture, whatever it claims to be, and keeps the one it has', async () => {
    const [carl] = await signUpAll(looply, ['carl'] as const);
    const current = (await putAvatar(carl, avatarForm(await bandedPng()))).body.avatar_url as string;
    const gif = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff00ff' } })
      .gif()
      .toBuffer();
    const png = await bandedPng();
    const refused: Array<[string, FormData, number, string]> = [
      ['text', avatarForm(Buffer.from('just some words, not a picture')), 415, 'AVATAR_NOT_AN_IMAGE'],
      ['a video', avatarForm(await readFile(clip.file), { type: 'image/png' }), 415, 'AVATAR_NOT_AN_IMAGE'],
      ['a GIF', avatarForm(gif, { filename: 'me.jpg', type: 'image/jpeg' }), 415, 'AVATAR_NOT_AN_IMAGE'],
      [
        'an SVG',
        avatarForm(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'), {
          type: 'image/svg+xml',
        }),
        415,
        'AVATAR_NOT_AN_IMAGE',
      ],
      ['a cut-off PNG', avatarForm(png.subarray(0, 60)), 415, 'AVATAR_NOT_AN_IMAGE'],
      ['100 megapixels', avatarForm(hugeDimensionsPng()), 422, 'AVATAR_TOO_MANY_PIXELS'],
      ['an empty file', avatarForm(Buffer.alloc(0)), 400, 'EMPTY_FILE'],
      ['another field', avatarForm(png, { field: 'picture' }), 400, 'AVATAR_REQUIRED'],
    ];
    for (const [what, form, status, code] of refused) {
      const response = await putAvatar(carl, form);
      expect({ what, status: response.status, code: response.body.error?.code }).toEqual({ what, status, code });
      expect(typeof response.body.error.message).toBe('string');
    }
    const json = await looply.api('/v1/users/me/avatar', { method: 'PUT', token: carl.access_token, json: {} });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    expect((await call('/v1/users/me', 'GET', carl)).body.avatar_url).toBe(current);
    await servedAvatar(current);
  });

  it('refuses a file over 5 MB with 413 AVATAR_TOO_LARGE', async () => {
    const [dora] = await signUpAll(looply, ['dora'] as const);
    const png = await bandedPng();
    const oversized = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 + 1 - png.length)]);
    const response = await putAvatar(dora, avatarForm(oversized));
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('AVATAR_TOO_LARGE');
    expect((await call('/v1/users/me', 'GET', dora)).body.avatar_url).toBeNull();
  });

  it('needs an account to set or clear a picture', async () => {
    const put = await putAvatar(undefined, avatarForm(await bandedPng()));
    expect(put.status).toBe(401);
    expect(put.body.error.code).toBe('AUTH_REQUIRED');
    const cleared = await call('/v1/users/me/avatar', 'DELETE');
    expect(cleared.status).toBe(401);
    expect(cleared.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('clears it on DELETE: no avatar_url, the file gone, and clearing again is harmless', async () => {
    const [eve] = await signUpAll(looply, ['eve'] as const);
    const set = (await putAvatar(eve, avatarForm(await bandedPng()))).body.avatar_url as string;
    const cleared = await call('/v1/users/me/avatar', 'DELETE', eve);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ id: eve.user.id, avatar_url: null });
    expect((await call('/v1/users/eve')).body.avatar_url).toBeNull();
    await expectMediaNotFound(looply.url, set);
    const again = await call('/v1/users/me/avatar', 'DELETE', eve);
    expect(again.status).toBe(200);
    expect(again.body.avatar_url).toBeNull();
  });
});
