import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServices, testRedisUrl } from '../../test-support/services';
import { connectRedis, type Redis } from '../redis';
import { RedisRequestLimiter } from './token-bucket';

describeWithServices({ redis: true }, 'RedisRequestLimiter (shared by replicas)', () => {
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    a = connectRedis(testRedisUrl!, 'requests', 'limiter-a');
    b = connectRedis(testRedisUrl!, 'requests', 'limiter-b');
    await Promise.all([a, b].map((r) => new Promise((resolve) => r.once('ready', resolve))));
  });
  afterAll(async () => {
    await a.quit();
    await b.quit();
  });

  it('two processes draw from one bucket: the combined rate stays within the limit', async () => {
    const prefix = `test-limit-${randomUUID()}:`;
    const one = new RedisRequestLimiter(a, prefix);
    const two = new RedisRequestLimiter(b, prefix);
    const spec = { capacity: 4, refillPerSecond: 10 };
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? one : two).acquire('shop', spec).then(() => times.push(Date.now() - started)),
      ),
    );
    // 4 at once, the other 8 at 10/s: the last one no earlier than ~800 ms.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(750);
    expect(times.filter((t) => t < 50)).toHaveLength(4);
  });

  it('a penalty set by one process holds the other', async () => {
    const prefix = `test-limit-${randomUUID()}:`;
    await new RedisRequestLimiter(a, prefix).penalize('shop', 300);
    const started = Date.now();
    await new RedisRequestLimiter(b, prefix).acquire('shop', { capacity: 5, refillPerSecond: 5 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('a reported quota is seen by the other process', async () => {
    const prefix = `test-limit-${randomUUID()}:`;
    const spec = { capacity: 1000, refillPerSecond: 1000 };
    await new RedisRequestLimiter(a, prefix).observe('gql', spec, 0);
    const started = Date.now();
    await new RedisRequestLimiter(b, prefix).acquire('gql', spec, 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });
});
