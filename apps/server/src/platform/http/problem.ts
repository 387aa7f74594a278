import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError, LockedError, RateLimitedError, UnavailableError } from '../errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Stable problem types; documented in docs/problems.md. */
export const PROBLEM_TYPES = {
  validation: '/problems/validation-failed',
  'not-found': '/problems/not-found',
  conflict: '/problems/conflict',
  unauthorized: '/problems/unauthorized',
  forbidden: '/problems/forbidden',
  unavailable: '/problems/service-unavailable',
  'feature-disabled': '/problems/feature-disabled',
  'rate-limited': '/problems/rate-limited',
  locked: '/problems/account-locked',
  maintenance: '/problems/maintenance',
  'payload-too-large': '/problems/payload-too-large',
  'bad-request': '/problems/bad-request',
  internal: '/problems/internal-error',
} as const;

const STATUS: Record<AppError['kind'], number> = {
  validation: 400,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  'feature-disabled': 404,
  'rate-limited': 429,
  locked: 423,
};

const TITLES: Record<AppError['kind'], string> = {
  validation: 'The request is not valid',
  'not-found': 'Not found',
  conflict: 'Conflict',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  unavailable: 'Service unavailable',
  'feature-disabled': 'Feature not available',
  'rate-limited': 'Too many requests',
  locked: 'Account locked',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: Omit<Problem, 'instance' | 'requestId'>,
) {
  return reply
    .code(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0], requestId: request.id }));
}

/** The one error handler: every error leaves as problem+json; 5xx details never leave the server. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const errors = error.validation.map((issue) => ({
      field:
        [
          context,
          ...String(issue.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.') || context,
      message: issue.message ?? 'is not valid',
    }));
    return sendProblem(reply, request, {
      type: PROBLEM_TYPES.validation,
      title: TITLES.validation,
      status: 400,
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    });
  }
  if (error instanceof AppError) {
    if (
      error instanceof UnavailableError ||
      error instanceof RateLimitedError ||
      error instanceof LockedError
    ) {
      reply.header('retry-after', String(error.retryAfterSeconds));
    }
    return sendProblem(reply, request, {
      type: PROBLEM_TYPES[error.kind],
      title: TITLES[error.kind],
      status: STATUS[error.kind],
      detail: error.message,
      ...('fields' in error && Array.isArray(error.fields) && error.fields.length > 0
        ? { errors: error.fields }
        : {}),
    });
  }
  const statusCode = (error as FastifyError).statusCode;
  if (!isResponseSerializationError(error) && statusCode && statusCode >= 400 && statusCode < 500) {
    // Fastify's own client errors (bad JSON, wrong content type, body too large) carry safe messages.
    return sendProblem(reply, request, {
      type: statusCode === 413 ? PROBLEM_TYPES['payload-too-large'] : PROBLEM_TYPES['bad-request'],
      title: statusCode === 413 ? 'Payload too large' : 'Bad request',
      status: statusCode,
      detail: error.message,
    });
  }
  if (isDatabaseUnavailable(error)) {
    request.log.error({ err: error }, 'database unavailable');
    reply.header('retry-after', '5');
    return sendProblem(reply, request, {
      type: PROBLEM_TYPES.unavailable,
      title: TITLES.unavailable,
      status: 503,
      detail: 'A dependency is unavailable. Try again shortly.',
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, request, {
    type: PROBLEM_TYPES.internal,
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
  });
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, request, {
    type: PROBLEM_TYPES['not-found'],
    title: TITLES['not-found'],
    status: 404,
    detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
  });
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08001',
  '08006',
]);

/** Connection-level failures anywhere in the cause chain (drizzle wraps the driver's error). */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: string }).code;
    const message = current instanceof Error ? current.message : '';
    if (code !== undefined && UNAVAILABLE_CODES.has(code)) return true;
    if (/timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(message))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
