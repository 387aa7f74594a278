/**
 * Errors the application raises on purpose. They carry no HTTP in their names; the HTTP layer maps
 * each to a problem+json response with a stable `type` (see http/problem.ts).
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly kind:
    | 'validation'
    | 'not-found'
    | 'conflict'
    | 'unauthorized'
    | 'forbidden'
    | 'unavailable'
    | 'feature-disabled'
    | 'rate-limited'
    | 'locked';
}

export class ValidationError extends AppError {
  readonly kind = 'validation';
  constructor(
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  readonly kind = 'not-found';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  readonly kind = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class UnauthorizedError extends AppError {
  readonly kind = 'unauthorized';
  constructor(message = 'Sign in to continue.') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends AppError {
  readonly kind = 'forbidden';
  constructor(message = 'Your role does not allow this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A dependency (database, Redis, an external API) cannot serve the request now; retrying later may work. */
export class UnavailableError extends AppError {
  readonly kind = 'unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
    this.name = 'UnavailableError';
  }
}

export class FeatureDisabledError extends AppError {
  readonly kind = 'feature-disabled';
  constructor(feature: string) {
    super(`The ${feature} feature is switched off.`);
    this.name = 'FeatureDisabledError';
  }
}

/** Too many attempts: the caller may try again after `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  readonly kind = 'rate-limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** The account is locked after repeated failures, until `until`. */
export class LockedError extends AppError {
  readonly kind = 'locked';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'LockedError';
  }
}
