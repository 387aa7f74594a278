import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@sentia/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp } from '../../http-app';
import { replyFromCache } from '../../platform/cache/cached-reply';
import { bumpDataVersion } from '../../platform/cache/data-version';
import type { AppEvent } from '../../platform/events/event-bus';
import { callerOf } from '../../platform/http/access-control';
import { connectRedis } from '../../platform/redis';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';
import type { Principal } from '../identity/principal';

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeWithServices({ postgres: true, redis: true }, 'operations shared by replicas through Redis', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  const prefix = `ops-${randomUUID().slice(0, 8)}`;
  let replicaA: ReturnType<typeof createTestContext>;
  let replicaB: ReturnType<typeof createTestContext>;
  let appA: Awaited<ReturnType<typeof buildHttpApp>>;
  let appB: Awaited<ReturnType<typeof buildHttpApp>>;
  let computed: string[];

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    replicaA = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
    replicaB = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
    computed = [];
    const mount = async (test: ReturnType<typeof createTestContext>, name: string) => {
      const app = await buildHttpApp(test.ctx, { serveWeb: false });
      app.get('/api/test/mine', { config: { access: 'read:overview' } }, async (request, reply) => {
        const caller = callerOf<Principal>(request);
        return replyFromCache(
          reply,
          test.ctx.cache,
          { namespace: 'test.mine', key: {}, scope: { userId: caller.userId } },
          z.object({ email: z.string(), servedBy: z.string() }),
          async () => {
            computed.push(`${name}:${caller.email}`);
            return { email: caller.email, servedBy: name };
          },
        );
      });
      app.get(
        '/api/test/forecasts',
        { config: { access: 'read:overview', feature: 'forecasting' } },
        async () => ({
          ok: true,
        }),
      );
      return app;
    };
    appA = await mount(replicaA, 'A');
    appB = await mount(replicaB, 'B');
  });

  afterAll(async () => {
    await appA?.close();
    await appB?.close();
    await replicaA?.close();
    await replicaB?.close();
    await database?.drop();
  });

  it('shares cached answers between replicas per user, never across users, until the data version moves', async () => {
    const alice = await signInAs(appA, replicaA.ctx, 'viewer');
    const bob = await signInAs(appA, replicaA.ctx, 'viewer');
    const ask = async (app: typeof appA, who: typeof alice) =>
      (await app.inject({ method: 'GET', url: '/api/test/mine', headers: who.headers })).json();
    expect(await ask(appA, alice)).toEqual({ email: alice.email, servedBy: 'A' });
    // Replica B answers Alice from the entry A stored in Redis, and Bob with his own.
    expect(await ask(appB, alice)).toEqual({ email: alice.email, servedBy: 'A' });
    expect(await ask(appB, bob)).toEqual({ email: bob.email, servedBy: 'B' });
    expect(await ask(appA, bob)).toEqual({ email: bob.email, servedBy: 'B' });
    expect(computed).toEqual([`A:${alice.email}`, `B:${bob.email}`]);

    const redis = connectRedis(testRedisUrl!, 'worker', 'sentia-test-inspect');
    try {
      const keys = await redis.keys(`${prefix}:cache:test.mine:*`);
      expect(keys).toHaveLength(2);
      expect(keys.every((k) => k.includes(':user:'))).toBe(true);
      const ttl = await redis.ttl(keys[0]!);
      expect(ttl).toBeGreaterThan(290);
      expect(ttl).toBeLessThanOrEqual(300);
    } finally {
      await redis.quit();
    }

    // An import finishing on another process (here replica B) invalidates what every replica serves.
    await bumpDataVersion(replicaB.ctx, 'imports.test');
    expect(await ask(appA, alice)).toEqual({ email: alice.email, servedBy: 'A' });
    expect(computed).toEqual([`A:${alice.email}`, `B:${bob.email}`, `A:${alice.email}`]);
  });

  it('delivers events published by one process to subscribers of another, and replays after an id', async () => {
    const received: AppEvent[] = [];
    const stop = replicaA.ctx.events.subscribe((e) => received.push(e));
    // The subscriber connects lazily; give it a moment to subscribe before publishing.
    await new Promise((r) => setTimeout(r, 200));
    const first = await replicaB.ctx.events.publish({ type: 'job.progress', data: { percent: 10 } });
    const second = await replicaB.ctx.events.publish({
      type: 'job.completed',
      data: { job: 'sync.shopify' },
    });
    await until(() => received.length >= 2);
    expect(received.map((e) => [e.type, e.id])).toEqual([
      ['job.progress', first!.id],
      ['job.completed', second!.id],
    ]);
    const replay = await replicaA.ctx.events.since(first!.id);
    expect(replay.complete).toBe(true);
    expect(replay.events.map((e) => e.id)).toEqual([second!.id]);
    stop();
  });

  it('a subscriber whose connection dropped receives what was published meanwhile, once and in order', async () => {
    const received: AppEvent[] = [];
    const stop = replicaA.ctx.events.subscribe((e) => received.push(e));
    const before = await replicaB.ctx.events.publish({ type: 'test.before' });
    await until(() => received.some((e) => e.id === before!.id));
    // Cut replica A's subscriber connection; ioredis reconnects and re-subscribes by itself.
    const subscriber = (replicaA.ctx.events as unknown as { subscriber: { stream: { destroy(): void } } })
      .subscriber;
    subscriber.stream.destroy();
    const during = await replicaB.ctx.events.publish({ type: 'test.during' });
    await until(() => received.some((e) => e.id === during!.id), 5_000);
    const after = await replicaB.ctx.events.publish({ type: 'test.after' });
    await until(() => received.some((e) => e.id === after!.id));
    const types = received.map((e) => e.type).filter((t) => t.startsWith('test.'));
    expect(types).toEqual(['test.before', 'test.during', 'test.after']);
    stop();
  });

  it('applies a feature flag switched on one replica on the other at once', async () => {
    const admin = await signInAs(appA, replicaA.ctx, 'admin');
    const viewer = await signInAs(appB, replicaB.ctx, 'viewer');
    expect(
      (await appB.inject({ method: 'GET', url: '/api/test/forecasts', headers: viewer.headers })).statusCode,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const off = await appA.inject({
      method: 'PUT',
      url: '/api/admin/feature-flags/forecasting',
      headers: admin.headers,
      payload: { enabled: false },
    });
    expect(off.statusCode).toBe(200);
    // Well within FLAGS_REFRESH_MS: replica B heard flags.changed over Redis and re-read the flags.
    const started = Date.now();
    await until(
      async () =>
        (await appB.inject({ method: 'GET', url: '/api/test/forecasts', headers: viewer.headers }))
          .statusCode === 404,
      1_500,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    await appA.inject({
      method: 'PUT',
      url: '/api/admin/feature-flags/forecasting',
      headers: admin.headers,
      payload: { enabled: null },
    });
  });

  it('reports the BullMQ queues in the metrics and /api/queues/status', async () => {
    const admin = await signInAs(appA, replicaA.ctx, 'admin');
    const status = await appA.inject({ method: 'GET', url: '/api/queues/status', headers: admin.headers });
    expect(status.json()).toMatchObject({ kind: 'bullmq', state: 'ok' });
    expect(status.json().queues.map((q: { queue: string }) => q.queue)).toEqual([
      'analytics',
      'sync',
      'imports',
      'maintenance',
    ]);
    const metrics = (await appA.inject({ method: 'GET', url: '/api/metrics' })).body;
    expect(metrics).toContain('queue_jobs{queue="imports",state="waiting"} 0');
    expect(metrics).toMatch(/db_pool_max 5/);
  });
});
