import { hkdfSync } from 'node:crypto';
import type { AppContext } from '../../../context';
import {
  HttpClient,
  type HttpClientOptions,
  MemoryRequestLimiter,
  prometheusHttpHooks,
  RedisRequestLimiter,
  type RequestLimiter,
} from '../../../platform/http-client/index';

const limiters = new WeakMap<object, RequestLimiter>();
const processLimiter = new MemoryRequestLimiter();

/**
 * The rate limiter connectors draw from: in Redis when the process has it (every replica shares
 * one quota per credential), else one per process (embedded mode is one process).
 */
export function connectorLimiter(ctx: Pick<AppContext, 'redis' | 'config'>): RequestLimiter {
  if (!ctx.redis) return processLimiter;
  let limiter = limiters.get(ctx.redis);
  if (!limiter) {
    limiter = new RedisRequestLimiter(ctx.redis, `${ctx.config.QUEUE_PREFIX}:http-limit:`);
    limiters.set(ctx.redis, limiter);
  }
  return limiter;
}

/**
 * Forgets the quota this process has counted for every credential (tests): without it, a test that
 * follows one which drained a bucket waits for the refill — a minute per token for Amazon's getOrders
 * at its documented default rate.
 */
export function clearProcessRateLimits(): void {
  processLimiter.clear();
}

/** An HttpClient for a connector: shared limiter, Prometheus metrics, retries logged. */
export function connectorHttpClient(
  ctx: Pick<AppContext, 'redis' | 'config' | 'logger'>,
  options: HttpClientOptions,
): HttpClient {
  const metrics = prometheusHttpHooks();
  const log = ctx.logger.child({ connector: options.name });
  return new HttpClient({
    limiter: connectorLimiter(ctx),
    ...options,
    hooks: {
      ...metrics,
      onRetry: (event) => {
        metrics.onRetry?.(event);
        log.warn(
          {
            operation: event.operation,
            attempt: event.attempt,
            delayMs: event.delayMs,
            reason: event.reason,
          },
          'retrying request',
        );
      },
      ...options.hooks,
    },
  });
}

/**
 * A stable secret for a sandbox connection (the simulator's webhook signing key), derived from the
 * credentials key so it differs per installation and never needs storing.
 */
export function sandboxSecret(ctx: Pick<AppContext, 'config'>, purpose: string): string {
  const key = ctx.config.CREDENTIALS_ENCRYPTION_KEY ?? 'sentia-sandbox';
  return Buffer.from(hkdfSync('sha256', key, 'sentia-sandbox', purpose, 24)).toString('base64url');
}
