import type { FastifyRequest } from 'fastify';
import { AVATAR_LIMITS } from '../../config.ts';
import { AppError, badRequest } from '../../platform/errors.ts';

const MAX_MEGABYTES = AVATAR_LIMITS.maxBytes / (1024 * 1024);

/** The bytes of the `avatar` file of a multipart/form-data request, at most AVATAR_LIMITS.maxBytes. */
export async function readAvatarFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new AppError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the picture as multipart/form-data with a file field named "avatar".',
    );
  }
  const part = await request.file({ limits: { fileSize: AVATAR_LIMITS.maxBytes, files: 1, fields: 10 } });
  if (part?.fieldname !== 'avatar') {
    part?.file.resume();
    throw badRequest('AVATAR_REQUIRED', 'Attach the picture in a file field named "avatar".');
  }
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'AVATAR_TOO_LARGE', `A profile picture may be at most ${MAX_MEGABYTES} MB.`);
    }
    throw error;
  }
  if (bytes.length === 0) throw badRequest('EMPTY_FILE', 'The uploaded file is empty.');
  return bytes;
}
