import sharp from 'sharp';
import { AVATAR_LIMITS } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';

type AvatarFormat = 'jpeg' | 'png' | 'webp';

/** Avatars are stored as WebP whatever came in. */
export const AVATAR_CONTENT_TYPE = 'image/webp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The format a file's first bytes announce. Only these three reach sharp, so libvips' other loaders (SVG with its
 * references, TIFF, HEIF …) never parse a stranger's file.
 */
function sniffFormat(bytes: Buffer): AvatarFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  const isRiff = bytes.subarray(0, 4).toString('latin1') === 'RIFF';
  if (isRiff && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

function notAnImage(): AppError {
  return new AppError(415, 'AVATAR_NOT_AN_IMAGE', 'A profile picture must be a JPEG, PNG or WebP image.');
}

/**
 * Decodes a JPEG, PNG or WebP (the first frame of an animated one), turns it upright, crops the centre square and
 * scales it to AVATAR_LIMITS.side. The WebP that comes out carries no metadata, so no location from a phone photo.
 */
export async function squareAvatar(bytes: Buffer): Promise<Buffer> {
  const announced = sniffFormat(bytes);
  if (!announced) throw notAnImage();
  // Metadata reads only the header, so no pixel limit here: a too-large picture gets its own code below.
  const metadata = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!metadata || metadata.format !== announced || !metadata.width || !metadata.height) throw notAnImage();
  if (metadata.width * metadata.height > AVATAR_LIMITS.maxInputPixels) {
    throw new AppError(
      422,
      'AVATAR_TOO_MANY_PIXELS',
      `This image is ${metadata.width}x${metadata.height} pixels; a profile picture may have at most ` +
        `${AVATAR_LIMITS.maxInputPixels / 1_000_000} megapixels.`,
    );
  }
  try {
    return await sharp(bytes, { limitInputPixels: AVATAR_LIMITS.maxInputPixels })
      .autoOrient()
      .resize(AVATAR_LIMITS.side, AVATAR_LIMITS.side, { fit: 'cover', position: 'centre' })
      .webp({ quality: 85 })
      .toBuffer();
  } catch {
    // The header was fine but the picture does not decode (truncated or corrupt).
    throw notAnImage();
  }
}
