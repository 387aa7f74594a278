import { describe, expect, it } from 'vitest';
import { MemoryRequestLimiter } from './token-bucket';

describe('MemoryRequestLimiter', () => {
  const spec = { capacity: 3, refillPerSecond: 2 };

  it('lets a burst of `capacity` through, then one request per refill interval', async () => {
    const limiter = new MemoryRequestLimiter();
    const started = Date.now();
    for (let i = 0; i < 5; i++) await limiter.acquire('k', spec);
    // 3 at once, then 2 more at 2/s ≈ 1 s.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1_600);
  });

  it('keeps separate buckets per key', async () => {
    const limiter = new MemoryRequestLimiter();
    const started = Date.now();
    for (const key of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) await limiter.acquire(key, spec);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('blocks the bucket for the penalty', async () => {
    const limiter = new MemoryRequestLimiter();
    await limiter.penalize('k', 200);
    const started = Date.now();
    await limiter.acquire('k', spec);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('trusts the quota the service reports', async () => {
    const limiter = new MemoryRequestLimiter();
    await limiter.observe('k', { capacity: 1000, refillPerSecond: 500 }, 0);
    const started = Date.now();
    await limiter.acquire('k', { capacity: 1000, refillPerSecond: 500 }, 100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('lets a request costing more than the bucket go once the bucket is full', async () => {
    const limiter = new MemoryRequestLimiter();
    await limiter.acquire('k', { capacity: 10, refillPerSecond: 1000 }, 50);
    const started = Date.now();
    await limiter.acquire('k', { capacity: 10, refillPerSecond: 1000 }, 1);
    // The bucket went 40 tokens into debt: ~41 ms to get one back.
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('stops waiting when the signal aborts', async () => {
    const limiter = new MemoryRequestLimiter();
    await limiter.penalize('k', 10_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(limiter.acquire('k', spec, 1, controller.signal)).rejects.toThrow('stop');
  });
});
