/**
 * Errors the connector HTTP client raises. They say what happened to the request (status, how many
 * attempts, the service's own error text) without ever carrying credentials: URLs are reported
 * without their query string, headers are not reported at all.
 */
export class HttpClientError extends Error {
  constructor(
    message: string,
    readonly client: string,
    readonly operation: string,
    /** Attempts made, including the first. */
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'HttpClientError';
  }
}

/** The service answered with a status we do not accept (after any retries). */
export class HttpStatusError extends HttpClientError {
  constructor(
    client: string,
    operation: string,
    attempts: number,
    readonly status: number,
    /** The first 500 characters of the body: the service's own error message. */
    readonly bodySnippet: string,
    readonly headers: Headers,
  ) {
    super(
      `${client} ${operation} answered HTTP ${status}${bodySnippet ? `: ${bodySnippet.slice(0, 200)}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`,
      client,
      operation,
      attempts,
    );
    this.name = 'HttpStatusError';
  }
}

/** No answer in time, or the connection failed, on every attempt. */
export class HttpNetworkError extends HttpClientError {
  constructor(
    client: string,
    operation: string,
    attempts: number,
    readonly reason: 'timeout' | 'network',
    override readonly cause?: unknown,
  ) {
    super(
      `${client} ${operation}: ${reason === 'timeout' ? 'no answer in time' : 'connection failed'}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}${cause instanceof Error ? ` — ${cause.message}` : ''}`,
      client,
      operation,
      attempts,
    );
    this.name = 'HttpNetworkError';
  }
}

/** The service asked us to wait longer than the client is willing to (e.g. a daily quota spent). */
export class HttpRetryBudgetError extends HttpClientError {
  constructor(
    client: string,
    operation: string,
    attempts: number,
    readonly waitMs: number,
    readonly status: number,
  ) {
    super(
      `${client} ${operation}: the service asked to wait ${Math.ceil(waitMs / 1000)} s (HTTP ${status}), longer than this client waits; try again later`,
      client,
      operation,
      attempts,
    );
    this.name = 'HttpRetryBudgetError';
  }
}

/** The caller's signal aborted the request (shutdown, cancelled sync). */
export class HttpAbortedError extends HttpClientError {
  constructor(client: string, operation: string, attempts: number) {
    super(`${client} ${operation}: aborted`, client, operation, attempts);
    this.name = 'HttpAbortedError';
  }
}
