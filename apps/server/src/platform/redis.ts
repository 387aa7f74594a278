import { Redis } from 'ioredis';

export type { Redis };

/**
 * Redis connections. Request-path clients fail fast when Redis is away (no offline queue, bounded
 * retries per command) so an HTTP request never hangs; worker clients use
 * `maxRetriesPerRequest: null` as BullMQ requires, and wait for Redis to come back.
 */
export function connectRedis(url: string, purpose: 'requests' | 'worker', name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: false,
    enableOfflineQueue: purpose === 'worker',
    maxRetriesPerRequest: purpose === 'worker' ? null : 1,
    connectTimeout: 5_000,
    // Reconnect with capped exponential backoff: 100 ms, 200 ms, … up to 5 s.
    retryStrategy: (times) => Math.min(100 * 2 ** (times - 1), 5_000),
  });
}

export async function pingRedis(redis: Redis, timeoutMs = 2_000): Promise<number> {
  const started = performance.now();
  await withTimeout(redis.ping(), timeoutMs, 'Redis did not answer PING');
  return Math.round((performance.now() - started) * 100) / 100;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
