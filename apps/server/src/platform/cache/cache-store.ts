import { LRUCache } from 'lru-cache';
import type { Redis } from '../redis';

/** Where cached entries live: Redis in server mode (shared by replicas), an LRU in embedded mode. */
export interface CacheStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  /** ttlSeconds null: no expiry. */
  set(key: string, value: string, ttlSeconds: number | null): Promise<void>;
  /** Sets only when absent; true when this call set it. */
  setIfAbsent(key: string, value: string): Promise<boolean>;
}

export class RedisCacheStore implements CacheStore {
  readonly kind = 'redis';
  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number | null): Promise<void> {
    if (ttlSeconds === null) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'EX', ttlSeconds);
  }

  async setIfAbsent(key: string, value: string): Promise<boolean> {
    return (await this.redis.set(key, value, 'NX')) === 'OK';
  }
}

/** Embedded mode: one process, so memory is shared by every request; bounded by size. */
export class MemoryCacheStore implements CacheStore {
  readonly kind = 'memory';
  private readonly entries: LRUCache<string, string>;

  constructor(options: { maxBytes?: number } = {}) {
    this.entries = new LRUCache<string, string>({
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (value, key) => value.length + key.length,
    });
  }

  async get(key: string): Promise<string | null> {
    return this.entries.get(key) ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number | null): Promise<void> {
    this.entries.set(key, value, ttlSeconds === null ? {} : { ttl: ttlSeconds * 1000 });
  }

  async setIfAbsent(key: string, value: string): Promise<boolean> {
    if (this.entries.has(key)) return false;
    this.entries.set(key, value);
    return true;
  }
}
