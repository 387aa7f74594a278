import { createHash } from 'node:crypto';
import type { HttpClient, QueryValue } from '../../../platform/http-client/index';
import { HttpStatusError } from '../../../platform/http-client/index';
import type { LwaTokenProvider } from './lwa';

/**
 * Usage plans from the API models (integration-contracts.md §2.7): tokens per second and burst.
 * The `x-amzn-RateLimit-Limit` header of each answer replaces the rate with the one Amazon applies
 * to this seller (Orders v0 uses dynamic plans, often higher).
 */
export const SP_API_RATES = {
  getOrders: { refillPerSecond: 0.0167, capacity: 20 },
  getOrderItems: { refillPerSecond: 0.5, capacity: 30 },
  getInventorySummaries: { refillPerSecond: 2, capacity: 2 },
} as const;

export type SpApiOperation = keyof typeof SP_API_RATES;

/**
 * One seller in one SP-API region: LWA access token on each request (refreshed once when Amazon
 * rejects it), a token bucket per operation shared by every replica, and the rate Amazon reports.
 * Throttling (429 QuotaExceeded, no Retry-After) is retried by the HTTP client with backoff that
 * starts at one refill interval.
 */
export class SpApiClient {
  private readonly rates = new Map<SpApiOperation, { capacity: number; refillPerSecond: number }>();
  private readonly seller: string;

  constructor(
    private readonly http: HttpClient,
    private readonly lwa: LwaTokenProvider,
    readonly region: string,
    refreshToken: string,
    private readonly rateOverrides: Partial<
      Record<SpApiOperation, { capacity: number; refillPerSecond: number }>
    > = {},
  ) {
    this.seller = createHash('sha256').update(refreshToken).digest('hex').slice(0, 12);
  }

  rate(operation: SpApiOperation) {
    return this.rates.get(operation) ?? this.rateOverrides[operation] ?? SP_API_RATES[operation];
  }

  async get<T>(
    operation: SpApiOperation,
    path: string,
    query: Record<string, QueryValue>,
    signal?: AbortSignal,
  ): Promise<T> {
    for (let refreshed = false; ; refreshed = true) {
      const token = await this.lwa.accessToken(signal);
      const bucket = this.rate(operation);
      const response = await this.http.request({
        url: path,
        query,
        operation,
        headers: { 'x-amz-access-token': token, 'x-amz-date': amzDate(new Date()) },
        limit: { key: `amazon:${this.region}:${this.seller}:${operation}`, bucket },
        acceptStatuses: [401, 403],
        signal,
      });
      const applied = Number(response.headers.get('x-amzn-ratelimit-limit'));
      if (Number.isFinite(applied) && applied > 0 && applied !== bucket.refillPerSecond) {
        this.rates.set(operation, { capacity: bucket.capacity, refillPerSecond: applied });
      }
      if (response.status === 401 || response.status === 403) {
        // An expired or revoked access token: exchange once more, then give up (wrong grant or role).
        this.lwa.invalidate(token);
        if (!refreshed) continue;
        throw new HttpStatusError(
          'amazon',
          operation,
          response.attempts,
          response.status,
          response.text.slice(0, 500),
          response.headers,
        );
      }
      return response.json<T>();
    }
  }
}

/** `x-amz-date`: `yyyyMMddTHHmmssZ`. */
export function amzDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** 429 from SP-API carries no Retry-After: wait at least one refill interval of the operation. */
export function spApiThrottleVerdict(rateOf: (path: string) => number) {
  return (response: { status: number; url: string }, attempt: number) => {
    if (response.status !== 429) return undefined;
    const interval = 1000 / rateOf(new URL(response.url).pathname);
    const ceiling = Math.min(60_000, interval * 2 ** (attempt - 1));
    // Full jitter above one interval: never sooner than the bucket can have a token again.
    return {
      retry: true,
      delayMs: Math.round(interval + Math.random() * ceiling),
      reason: 'QuotaExceeded',
      throttled: true,
    };
  };
}
