import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../contracts/common.js';
import { t } from '../i18n/index.js';
import { AppError } from '../platform/errors.js';
import { type FieldError, localizeIssue, RequestValidationError } from '../platform/validation.js';

/** Fastify's own body-parsing failures, mapped to Mandat's problem codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'unsupported_media_type' },
};

const GENERIC_CODES: Record<number, string> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
};

export function sendProblem(
  reply: FastifyReply,
  locale: Locale,
  status: number,
  code: string,
  params: Record<string, string | number> = {},
  errors?: FieldError[],
): FastifyReply {
  const title = t(locale, `errors.${code}`, params);
  return reply
    .status(status)
    .type('application/problem+json')
    .header('content-language', locale)
    .send({ type: `urn:mandat:problem:${code}`, title, status, detail: title, code, ...(errors ? { errors } : {}) });
}

/** Every error leaves as problem+json in the requester's language; never a stack trace. */
export function handleError(
  error: FastifyError | AppError | RequestValidationError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const locale = request.locale;
  if (error instanceof RequestValidationError) {
    return sendProblem(
      reply,
      locale,
      400,
      'validation',
      {},
      error.issues.map((i) => localizeIssue(locale, i)),
    );
  }
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    return sendProblem(reply, locale, error.status, error.code, error.params);
  }
  const known = 'code' in error && typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
  if (known) return sendProblem(reply, locale, known.status, known.code, { limit: request.server.initialConfig.bodyLimit ?? 0 });
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) return sendProblem(reply, locale, status, GENERIC_CODES[status] ?? 'bad_request');
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, locale, 500, 'internal', { ref: request.id });
}
