import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test-support/app-context';
import { AppCache, stableJson } from './app-cache';
import { type CacheStore, MemoryCacheStore } from './cache-store';

const cacheOver = (store: CacheStore) =>
  new AppCache(store, {
    prefix: 'unit',
    apiTtlSeconds: 300,
    computedTtlSeconds: 3600,
    logger: silentLogger(),
  });

describe('application cache', () => {
  it('keeps each user’s entries apart for the same key', async () => {
    const cache = cacheOver(new MemoryCacheStore());
    const spec = (userId: string) => ({ namespace: 'n', key: { q: 1 }, scope: { userId } });
    expect(await cache.getOrCompute(spec('alice'), async () => 'alice’s')).toBe('alice’s');
    expect(await cache.getOrCompute(spec('bob'), async () => 'bob’s')).toBe('bob’s');
    expect(await cache.getOrCompute(spec('alice'), async () => 'recomputed')).toBe('alice’s');
    expect(
      await cache.getOrCompute({ namespace: 'n', key: { q: 1 }, scope: 'shared' }, async () => 'shared'),
    ).toBe('shared');
  });

  it('treats keys with the same content in another order as the same entry', async () => {
    expect(stableJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      '{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}',
    );
    const cache = cacheOver(new MemoryCacheStore());
    await cache.getOrCompute({ namespace: 'n', key: { a: 1, b: 2 }, scope: 'shared' }, async () => 1);
    expect(
      await cache.getOrCompute({ namespace: 'n', key: { b: 2, a: 1 }, scope: 'shared' }, async () => 2),
    ).toBe(1);
  });

  it('serves nothing computed before a data version bump', async () => {
    const cache = cacheOver(new MemoryCacheStore());
    const spec = { namespace: 'n', key: 'k', scope: 'shared' as const };
    await cache.getOrCompute(spec, async () => 'before');
    const before = await cache.dataVersion();
    await cache.bumpDataVersion();
    expect(await cache.dataVersion()).not.toBe(before);
    expect(await cache.getOrCompute(spec, async () => 'after')).toBe('after');
  });

  it('never answers with a version read that began before a bump in this process', async () => {
    // Replies take a while to come back, as over a network: a read can be on its way during a bump.
    class SlowRepliesStore extends MemoryCacheStore {
      override async get(key: string): Promise<string | null> {
        const value = await super.get(key);
        await new Promise((r) => setTimeout(r, 20));
        return value;
      }
    }
    const cache = cacheOver(new SlowRepliesStore());
    const spec = { namespace: 'n', key: 'k', scope: 'shared' as const };
    await cache.getOrCompute(spec, async () => 'before');
    const readBefore = cache.dataVersion();
    const bumped = await cache.bumpDataVersion();
    expect(await cache.dataVersion()).toBe(bumped);
    expect(await cache.getOrCompute(spec, async () => 'after')).toBe('after');
    expect(await readBefore).not.toBe(bumped);
  });

  it('computes concurrent misses of one key once (single flight)', async () => {
    const cache = cacheOver(new MemoryCacheStore());
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const spec = { namespace: 'n', key: 'expensive', scope: 'shared' as const };
    const compute = async () => {
      runs += 1;
      await gate;
      return { figure: 42 };
    };
    const all = Promise.all(Array.from({ length: 20 }, () => cache.getOrCompute(spec, compute)));
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect((await all).every((v) => v.figure === 42)).toBe(true);
    expect(runs).toBe(1);
  });

  it('computes without the cache when its store fails, and never caches a failed computation', async () => {
    const broken: CacheStore = {
      kind: 'redis',
      get: async () => {
        throw new Error('connection refused');
      },
      set: async () => {
        throw new Error('connection refused');
      },
      setIfAbsent: async () => {
        throw new Error('connection refused');
      },
    };
    expect(
      await cacheOver(broken).getOrCompute({ namespace: 'n', key: 1, scope: 'shared' }, async () => 'direct'),
    ).toBe('direct');
    const cache = cacheOver(new MemoryCacheStore());
    const spec = { namespace: 'n', key: 2, scope: 'shared' as const };
    await expect(
      cache.getOrCompute(spec, async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    expect(await cache.getOrCompute(spec, async () => 'fine now')).toBe('fine now');
  });

  it('chooses a new data version when the stored one was evicted, so old entries never return', async () => {
    const entries = new Map<string, string>();
    const store: CacheStore = {
      kind: 'redis',
      get: async (key) => entries.get(key) ?? null,
      set: async (key, value) => {
        entries.set(key, value);
      },
      setIfAbsent: async (key, value) => {
        if (entries.has(key)) return false;
        entries.set(key, value);
        return true;
      },
    };
    const cache = cacheOver(store);
    const spec = { namespace: 'n', key: 'k', scope: 'shared' as const };
    await cache.getOrCompute(spec, async () => 'old');
    await cache.bumpDataVersion();
    await cache.getOrCompute(spec, async () => 'current');
    // allkeys-lru evicts the version key; a counter would restart at a value whose entries still exist.
    entries.delete('unit:cache:data-version');
    expect(await cache.getOrCompute(spec, async () => 'recomputed')).toBe('recomputed');
  });

  it('over Redis, reads only the data version once an entry is held locally, and never a stale entry', async () => {
    const entries = new Map<string, string>();
    const reads: string[] = [];
    const store: CacheStore = {
      kind: 'redis',
      get: async (key) => {
        reads.push(key.includes('data-version') ? 'version' : 'entry');
        return entries.get(key) ?? null;
      },
      set: async (key, value) => {
        entries.set(key, value);
      },
      setIfAbsent: async (key, value) => {
        if (entries.has(key)) return false;
        entries.set(key, value);
        return true;
      },
    };
    const replicaA = cacheOver(store);
    const replicaB = cacheOver(store);
    const spec = { namespace: 'n', key: 'summary', scope: { userId: 'u1' } };
    expect(await replicaA.getOrCompute(spec, async () => 'v1')).toBe('v1');
    reads.length = 0;
    expect(await replicaA.getOrCompute(spec, async () => 'recomputed')).toBe('v1');
    expect(reads).toEqual(['version']);
    // Another replica bumps the version: the local copy is keyed by the old one and is not used.
    await replicaB.bumpDataVersion();
    expect(await replicaA.getOrCompute(spec, async () => 'v2')).toBe('v2');
  });
});
