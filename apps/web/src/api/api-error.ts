import type { ProblemDetails } from '@sentia/contracts';

export type ApiErrorKind = 'problem' | 'http' | 'network' | 'contract';

/**
 * Every failure of an API call, in one shape the error panel can render: a problem+json body when
 * the server sent one, otherwise a problem built from what we know (status, network, bad payload).
 */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly problem: ProblemDetails;
  /** From Retry-After on 423, 429 and 503 answers: how long until trying again can work. */
  readonly retryAfterSeconds: number | null;

  constructor(
    kind: ApiErrorKind,
    problem: ProblemDetails,
    extra: { retryAfterSeconds?: number | null } = {},
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = problem.status || null;
    this.problem = problem;
    this.retryAfterSeconds = extra.retryAfterSeconds ?? null;
  }

  /** Signed in, but the role does not allow it. */
  get notAllowed(): boolean {
    return this.status === 403;
  }

  /** 4xx other than 408/429 will fail the same way again, so they are not retried. */
  get retryable(): boolean {
    if (this.kind === 'contract') return false;
    if (this.status === null) return true;
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Turns any thrown value into the problem the error panel shows. */
export function toProblem(error: unknown): ProblemDetails {
  if (isApiError(error)) return error.problem;
  return {
    type: 'about:blank',
    title: 'Something went wrong',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
  };
}
