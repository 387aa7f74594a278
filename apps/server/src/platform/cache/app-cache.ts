import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../logger';
import type { AppMetrics } from '../metrics/app-metrics';
import type { CacheStore } from './cache-store';

/**
 * Whose data an entry is. `user`: the response one caller received — never served to anyone else.
 * `shared`: data that depends only on the key (every input that changes the result must be in it,
 * including any restriction of what the caller may see).
 */
export type CacheScope = { userId: string } | 'shared';

export interface CacheEntrySpec {
  /** A short name per kind of data (`overview`, `overview.filters`), for keys and metrics. */
  namespace: string;
  /** Everything the result depends on (filters, dates, …); serialised with sorted keys. */
  key: unknown;
  scope: CacheScope;
  /** Defaults to the API cache lifetime (REDIS_CACHE_TTL). */
  ttlSeconds?: number;
}

export interface AppCacheOptions {
  /** Key prefix (QUEUE_PREFIX), so environments sharing a Redis never read each other's entries. */
  prefix: string;
  /** REDIS_CACHE_TTL: API responses (the spec's 5 minutes). */
  apiTtlSeconds: number;
  /** CACHE_COMPUTED_TTL: expensive computed data (the spec's 1 hour). */
  computedTtlSeconds: number;
  logger: Logger;
  metrics?: AppMetrics;
}

/**
 * Read-through cache with invalidation by data version: every key carries the current version, and
 * a sync, import, forecast or settings change bumps it, so entries computed before the change are
 * never read again (they expire on their own). The version is a random token rather than a counter:
 * if the cache evicts it (allkeys-lru), a new token is chosen and old entries are unreachable, never
 * resurrected. Concurrent misses for one key in this process share one computation (single flight).
 * The cache is an optimisation: when its store fails, requests are computed directly.
 */
export class AppCache {
  private readonly inflight = new Map<string, Promise<string>>();
  /**
   * Over Redis, a small copy in this process: an entry never changes under its key (the key holds the
   * data version), so a local copy is never stale by data — only the version is read from Redis on
   * each request, not the whole body. Local copies live at most LOCAL_TTL_MS beyond that.
   */
  private readonly local: LRUCache<string, string> | null;
  private lastWarning = 0;
  private versionRead: Promise<string> | null = null;
  /** The same filters come back on every read of a page: hash each key once, not per request. */
  private readonly digests = new LRUCache<string, string>({ max: 5_000 });

  constructor(
    private readonly store: CacheStore,
    private readonly options: AppCacheOptions,
  ) {
    this.local =
      store.kind === 'redis'
        ? new LRUCache<string, string>({
            maxSize: 32 * 1024 * 1024,
            sizeCalculation: (value, key) => value.length + key.length,
            ttl: LOCAL_TTL_MS,
          })
        : null;
  }

  get kind(): CacheStore['kind'] {
    return this.store.kind;
  }

  get apiTtlSeconds(): number {
    return this.options.apiTtlSeconds;
  }

  get computedTtlSeconds(): number {
    return this.options.computedTtlSeconds;
  }

  private get versionKey(): string {
    return `${this.options.prefix}:cache:data-version`;
  }

  /**
   * The current data version; a new one is chosen when none is stored yet. Requests that arrive
   * while a read of it is on its way to the store share that read (over Redis, each read was a
   * socket write — a third of a cached answer's cost under load); a bump in this process starts
   * afresh, and another replica's bump is seen by every read that begins after it completed.
   */
  dataVersion(): Promise<string> {
    if (this.versionRead) return this.versionRead;
    const read = this.readDataVersion().finally(() => {
      if (this.versionRead === read) this.versionRead = null;
    });
    this.versionRead = read;
    return read;
  }

  private async readDataVersion(): Promise<string> {
    const current = await this.store.get(this.versionKey);
    if (current) return current;
    await this.store.setIfAbsent(this.versionKey, newVersion());
    return (await this.store.get(this.versionKey)) ?? 'unversioned';
  }

  /** Makes every cached entry stale at once (see bumpDataVersion for the application-level call). */
  async bumpDataVersion(): Promise<string> {
    const version = newVersion();
    this.versionRead = null;
    await this.store.set(this.versionKey, version, null);
    // A read that began before the new version was stored must not answer anyone from now on.
    this.versionRead = null;
    return version;
  }

  /** The value for the entry, computed (once per process at a time) when absent. JSON round trip. */
  async getOrCompute<T>(spec: CacheEntrySpec, compute: () => Promise<T>): Promise<T> {
    const text = await this.getOrComputeText(spec, async () => JSON.stringify(await compute()));
    return JSON.parse(text) as T;
  }

  /** As getOrCompute, for values already serialised (HTTP bodies with their ETag). */
  async getOrComputeText(spec: CacheEntrySpec, compute: () => Promise<string>): Promise<string> {
    let key: string;
    try {
      key = await this.keyFor(spec);
      const local = this.local?.get(key);
      if (local !== undefined) {
        this.count(spec.namespace, 'hit');
        return local;
      }
      const hit = await this.store.get(key);
      if (hit !== null) {
        this.count(spec.namespace, 'hit');
        this.local?.set(key, hit, { ttl: this.localTtl(spec) });
        return hit;
      }
    } catch (error) {
      this.count(spec.namespace, 'bypass');
      this.warn(error);
      return compute();
    }
    this.count(spec.namespace, 'miss');
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = (async () => {
      const value = await compute();
      this.local?.set(key, value, { ttl: this.localTtl(spec) });
      await this.store
        .set(key, value, spec.ttlSeconds ?? this.options.apiTtlSeconds)
        .catch((error: unknown) => this.warn(error));
      return value;
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private localTtl(spec: CacheEntrySpec): number {
    return Math.min(LOCAL_TTL_MS, (spec.ttlSeconds ?? this.options.apiTtlSeconds) * 1000);
  }

  private async keyFor(spec: CacheEntrySpec): Promise<string> {
    const version = await this.dataVersion();
    const scope = spec.scope === 'shared' ? 'shared' : `user:${spec.scope.userId}`;
    const json = stableJson(spec.key);
    let digest = this.digests.get(json);
    if (digest === undefined) {
      digest = createHash('sha256').update(json).digest('base64url').slice(0, 32);
      this.digests.set(json, digest);
    }
    return `${this.options.prefix}:cache:${spec.namespace}:${version}:${scope}:${digest}`;
  }

  private count(namespace: string, outcome: 'hit' | 'miss' | 'bypass'): void {
    this.options.metrics?.cacheRequests.inc({ namespace, outcome });
  }

  /** At most one warning a minute: a Redis outage must not flood the logs from every request. */
  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.options.logger.warn({ err: error }, 'cache unavailable; computing without it');
  }
}

/** How long a replica keeps its own copy of a Redis entry (the entry's key pins its data version). */
const LOCAL_TTL_MS = 30_000;

function newVersion(): string {
  return `${Date.now().toString(36)}.${randomBytes(6).toString('base64url')}`;
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` name the same entry. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
