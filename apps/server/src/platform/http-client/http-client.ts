import { HttpAbortedError, HttpNetworkError, HttpRetryBudgetError, HttpStatusError } from './errors';
import {
  backoffWithJitter,
  DEFAULT_RETRY_POLICY,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  sleep,
} from './retry-policy';
import type { BucketSpec, RequestLimiter } from './token-bucket';

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** An absolute URL, or a path joined to the client's `baseUrl`. */
  url: string;
  /** Appended to the URL; arrays are sent comma-separated (SP-API `MarketplaceIds=A,B`). */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** A string or form body is sent as is; anything else as JSON. */
  body?: string | URLSearchParams | object;
  /** Label for metrics, logs and errors, e.g. `getOrders`. Defaults to the method and path. */
  operation?: string;
  /** Per attempt; default the client's `timeoutMs`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * POST/PATCH are retried only when the caller says repeating them is harmless (a GraphQL query,
   * an OAuth token exchange). GET, HEAD, PUT and DELETE are idempotent by definition.
   */
  idempotent?: boolean;
  /** The rate-limit bucket this request draws from (overrides the client's default); false for none. */
  limit?: RequestLimit | false;
  /** Statuses returned to the caller instead of raised (e.g. 401 to refresh a token and retry). */
  acceptStatuses?: readonly number[];
}

export interface RequestLimit {
  key: string;
  bucket: BucketSpec;
  /** Tokens this request takes; default 1 (GraphQL: its query cost). */
  cost?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The URL without its query string (safe to log). */
  url: string;
  text: string;
  attempts: number;
  json<T = unknown>(): T;
}

/**
 * What a connector may decide about a response beyond the defaults (which retry 429, 408 and 5xx,
 * honouring Retry-After, and nothing else). Shopify's GraphQL API reports throttling inside a 200;
 * Amazon reports the applied rate in `x-amzn-RateLimit-Limit`.
 */
export interface ResponseVerdict {
  retry: boolean;
  /** Wait before the next attempt; else Retry-After, else backoff with jitter. */
  delayMs?: number;
  reason?: string;
  /** The service throttled us (as a 429 always is): the whole bucket pauses for the delay. */
  throttled?: boolean;
}

export interface RequestEvent {
  client: string;
  operation: string;
  method: string;
  attempt: number;
}

/** Observability hooks (metrics, logs). They must not throw; errors in them are swallowed. */
export interface HttpClientHooks {
  onResponse?(event: RequestEvent & { status: number; durationMs: number }): void;
  onNetworkError?(event: RequestEvent & { reason: 'timeout' | 'network'; durationMs: number }): void;
  onRetry?(event: RequestEvent & { delayMs: number; reason: string }): void;
  /** Time spent waiting for the client-side limiter before sending. */
  onRateLimitWait?(event: RequestEvent & { key: string; waitedMs: number }): void;
}

export interface HttpClientOptions {
  /** The service, for metrics, logs and errors: `shopify`, `amazon`, `unleashed`, `xero`. */
  name: string;
  baseUrl?: string;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Shared buckets (Redis in server mode, memory in embedded mode). */
  limiter?: RequestLimiter;
  /** The bucket requests draw from unless a request names its own. */
  defaultLimit?: RequestLimit;
  /** Sent with every request (user agent, accept); per-request headers win. */
  headers?: Record<string, string>;
  hooks?: HttpClientHooks;
  inspect?(response: HttpResponse, attempt: number): ResponseVerdict | undefined;
  /** Jitter source; tests pass a fixed one. */
  random?: () => number;
}

/**
 * The HTTP client every connector uses. Each attempt has a timeout; network errors, timeouts,
 * 408, 429 and 5xx are retried with exponential backoff and full jitter (Retry-After honoured, up to
 * `maxRetryAfterMs`), other 4xx are not; POST is retried only when marked idempotent. Before each
 * attempt the request takes a token from its rate-limit bucket, and a 429 blocks that bucket for the
 * wait the service asked for, so concurrent requests (and other replicas) back off together instead
 * of producing a 429 storm. Non-2xx answers that are not accepted raise `HttpStatusError`.
 */
export class HttpClient {
  readonly name: string;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.name = options.name;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
  }

  /** Sends the request (with retries) and returns the final response. */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const url = this.buildUrl(request);
    const safeUrl = url.split('?')[0]!;
    const operation = request.operation ?? `${method} ${new URL(safeUrl).pathname}`;
    const retriable = request.idempotent ?? isIdempotentMethod(method);
    const limit = request.limit === false ? undefined : (request.limit ?? this.options.defaultLimit);
    const { body, contentType } = encodeBody(request.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(contentType ? { 'content-type': contentType } : {}),
      ...this.options.headers,
      ...request.headers,
    };

    for (let attempt = 1; ; attempt++) {
      const event = { client: this.name, operation, method, attempt };
      if (request.signal?.aborted) throw new HttpAbortedError(this.name, operation, attempt - 1);
      if (limit && this.options.limiter) {
        const waitStarted = performance.now();
        await this.options.limiter
          .acquire(limit.key, limit.bucket, limit.cost ?? 1, request.signal)
          .catch((error: unknown) => {
            if (request.signal?.aborted) throw new HttpAbortedError(this.name, operation, attempt - 1);
            throw error;
          });
        const waitedMs = performance.now() - waitStarted;
        if (waitedMs >= 1) this.hook('onRateLimitWait', { ...event, key: limit.key, waitedMs });
      }

      const started = performance.now();
      let response: Response;
      let text: string;
      try {
        const timeout = AbortSignal.timeout(request.timeoutMs ?? this.options.timeoutMs ?? 30_000);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        response = await fetch(url, { method, headers, body, signal, redirect: 'follow' });
        text = await response.text();
      } catch (error) {
        if (request.signal?.aborted) throw new HttpAbortedError(this.name, operation, attempt);
        const reason = isTimeout(error) ? 'timeout' : 'network';
        const durationMs = performance.now() - started;
        this.hook('onNetworkError', { ...event, reason, durationMs });
        if (!retriable || attempt >= this.policy.maxAttempts) {
          throw new HttpNetworkError(this.name, operation, attempt, reason, error);
        }
        const delayMs = backoffWithJitter(this.policy, attempt, this.random);
        this.hook('onRetry', { ...event, delayMs, reason });
        await this.wait(delayMs, request.signal, operation, attempt);
        continue;
      }

      const durationMs = performance.now() - started;
      this.hook('onResponse', { ...event, status: response.status, durationMs });
      const result: HttpResponse = {
        status: response.status,
        headers: response.headers,
        url: safeUrl,
        text,
        attempts: attempt,
        json: <T>() => JSON.parse(text) as T,
      };

      const verdict = this.options.inspect?.(result, attempt) ?? defaultVerdict(result);
      if (!verdict.retry) {
        if (response.ok || request.acceptStatuses?.includes(response.status)) return result;
        throw new HttpStatusError(
          this.name,
          operation,
          attempt,
          response.status,
          text.slice(0, 500),
          response.headers,
        );
      }
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const delayMs = verdict.delayMs ?? retryAfter ?? backoffWithJitter(this.policy, attempt, this.random);
      if (delayMs > this.policy.maxRetryAfterMs) {
        throw new HttpRetryBudgetError(this.name, operation, attempt, delayMs, response.status);
      }
      // Throttled: everyone drawing from this bucket waits, not just this request.
      if ((response.status === 429 || verdict.throttled) && limit && this.options.limiter) {
        await this.options.limiter.penalize(limit.key, delayMs);
      }
      if (!retriable || attempt >= this.policy.maxAttempts) {
        throw new HttpStatusError(
          this.name,
          operation,
          attempt,
          response.status,
          text.slice(0, 500),
          response.headers,
        );
      }
      this.hook('onRetry', { ...event, delayMs, reason: verdict.reason ?? `HTTP ${response.status}` });
      await this.wait(delayMs, request.signal, operation, attempt);
    }
  }

  /** `request` and parse the JSON body. */
  async json<T>(request: HttpRequest): Promise<T> {
    return (await this.request(request)).json<T>();
  }

  private buildUrl(request: HttpRequest): string {
    const base = this.options.baseUrl;
    const url = /^https?:\/\//i.test(request.url)
      ? new URL(request.url)
      : new URL(request.url.replace(/^\//, ''), base?.endsWith('/') ? base : `${base}/`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined || value === null) continue;
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    return url.toString();
  }

  private async wait(ms: number, signal: AbortSignal | undefined, operation: string, attempt: number) {
    try {
      await sleep(ms, signal);
    } catch {
      throw new HttpAbortedError(this.name, operation, attempt);
    }
  }

  private hook<K extends keyof HttpClientHooks>(
    name: K,
    event: Parameters<NonNullable<HttpClientHooks[K]>>[0],
  ): void {
    try {
      (this.options.hooks?.[name] as ((e: typeof event) => void) | undefined)?.(event);
    } catch {
      // Observability must never break a sync.
    }
  }
}

function defaultVerdict(response: HttpResponse): ResponseVerdict {
  return { retry: isRetryableStatus(response.status) };
}

function encodeBody(body: HttpRequest['body']): { body?: string; contentType?: string } {
  if (body === undefined) return {};
  if (typeof body === 'string') return { body };
  if (body instanceof URLSearchParams) {
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === 'TimeoutError'
    : error instanceof Error && (error.name === 'TimeoutError' || /timeout/i.test(error.message));
}
