import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Fastify's own error codes → our codes, so a client sees one error shape for every failure. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: 'The request body is empty but JSON was announced.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The uploaded file is too large.' },
  FST_FILES_LIMIT: { status: 400, code: 'TOO_MANY_FILES', message: 'Send one video file per upload.' },
  FST_PARTS_LIMIT: { status: 400, code: 'TOO_MANY_FIELDS', message: 'The form has too many fields.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the video as multipart/form-data.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'This content type is not accepted here.',
  },
};

/**
 * The multipart parser (busboy) reports a form it cannot read as a plain Error without a code: a missing or unusable
 * boundary, or a body that ends before the form does. Those are the client's, so 400.
 */
const MALFORMED_MULTIPART = [
  /^Multipart: Boundary not found$/,
  /unexpected end of multipart data$/i,
  /^The needle cannot (be an empty|have a length bigger)/,
];

function isMalformedMultipart(error: FastifyError): boolean {
  return error.code === undefined && MALFORMED_MULTIPART.some((pattern) => pattern.test(error.message));
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status === 429 && error.details?.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(error.details.retryAfterSeconds));
      }
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (error.validation) {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `Invalid request: ${error.message}`));
    }
    if (isMalformedMultipart(error)) {
      return reply
        .status(400)
        .send(errorBody('MALFORMED_MULTIPART', 'The form could not be read: no boundary, or it ends too early.'));
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(errorBody('INTERNAL', 'Something went wrong on our side. Please try again.'));
  });
}
