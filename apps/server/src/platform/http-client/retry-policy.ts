/**
 * When and how long to wait before trying a request again: exponential backoff with full jitter
 * ("sleep = random(0, min(cap, base · 2^(attempt−1)))", AWS Architecture Blog), unless the service
 * says how long (`Retry-After`, or a service-specific rule supplied by the connector).
 */
export interface RetryPolicy {
  /** Total attempts including the first. Default 5. */
  maxAttempts: number;
  /** Backoff base. Default 500 ms. */
  baseDelayMs: number;
  /** Backoff cap for one wait. Default 30 s. */
  maxDelayMs: number;
  /**
   * The longest wait a service may ask for (Retry-After) before the client gives up instead:
   * a sync is better failed and rescheduled than parked for an hour. Default 120 s.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Statuses worth another attempt: throttling and server-side failures (never other 4xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505);
}

/** Full-jitter exponential backoff for attempt `attempt` (1 = the wait after the first failure). */
export function backoffWithJitter(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` in milliseconds: delta-seconds (Shopify sends fractional seconds such as "2.0")
 * or an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Whether an HTTP method may be sent twice without changing the outcome (RFC 9110 §9.2.2). */
export function isIdempotentMethod(method: string): boolean {
  return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
