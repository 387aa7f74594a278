import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@sentia/db';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../context';
import { buildHttpApp } from '../../http-app';
import { allJobs } from '../../jobs';
import { BullmqJobWorker } from '../../platform/jobs/bullmq-queue';
import { connectRedis } from '../../platform/redis';
import { createTestContext } from '../../test-support/app-context';
import { signInAs, TEST_PASSWORD } from '../../test-support/auth';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';

describeWithServices({ postgres: true, redis: true }, 'queues on BullMQ: status and the admin board', () => {
  const prefix = `tq-${randomUUID().slice(0, 8)}`;
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  let testContext: ReturnType<typeof createTestContext>;
  let app: Awaited<ReturnType<typeof buildHttpApp>>;
  let worker: BullmqJobWorker<AppContext>;
  let workerConnection: ReturnType<typeof connectRedis>;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    testContext = createTestContext(database.handle, {
      redisUrl: testRedisUrl!,
      bullmqPrefix: prefix,
      env: { QUEUE_PREFIX: prefix },
    });
    await new Promise((resolve) => testContext.ctx.redis!.once('ready', resolve));
    workerConnection = connectRedis(testRedisUrl!, 'worker', 'queues-test-worker');
    worker = new BullmqJobWorker<AppContext>({
      connection: workerConnection,
      prefix,
      concurrency: 1,
      definitions: allJobs,
      ctx: testContext.ctx,
      logger: testContext.ctx.logger,
    });
    await worker.start();
    app = await buildHttpApp(testContext.ctx, { serveWeb: false });
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await workerConnection?.quit();
    await testContext?.close();
    await database?.drop();
  });

  it('reports workers connected and jobs completed in the last hour per queue', async () => {
    // A scheduled sync of a connector that is not configured completes at once (skipped).
    const queue = new Queue('sync', { connection: testContext.ctx.redis!, prefix });
    const job = await queue.add('sync.scheduled', { version: 1, payload: { connector: 'shopify' } });
    for (let i = 0; i < 50 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 100));
    await queue.close();
    const viewer = (await signInAs(app, testContext.ctx, 'viewer')).headers;
    const body = (await app.inject({ method: 'GET', url: '/api/queues/status', headers: viewer })).json();
    expect(body).toMatchObject({ kind: 'bullmq', state: 'ok', board: '/api/admin/queues' });
    const sync = body.queues.find((q: { queue: string }) => q.queue === 'sync');
    expect(sync).toMatchObject({ workers: 1, completedLastHour: 1 });
  });

  it('serves the queue board to admins only, with retry working through the CSRF-protected API', async () => {
    const admin = await signInAs(app, testContext.ctx, 'admin');
    const viewer = await signInAs(app, testContext.ctx, 'viewer');
    expect(
      (await app.inject({ method: 'GET', url: '/api/admin/queues', headers: viewer.headers })).statusCode,
    ).toBe(403);
    const page = await app.inject({ method: 'GET', url: '/api/admin/queues', headers: admin.headers });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<script src="sentia-csrf.js"></script></head>');
    const script = page.body.match(/src="(static\/js\/main[^"]+)"/)?.[1];
    expect(script).toBeTruthy();
    expect(
      (await app.inject({ method: 'GET', url: `/api/admin/queues/${script}`, headers: admin.headers }))
        .statusCode,
    ).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/admin/queues/${script}` })).statusCode).toBe(401);
    const csrf = await app.inject({
      method: 'GET',
      url: '/api/admin/queues/sentia-csrf.js',
      headers: admin.headers,
    });
    expect(csrf.body).toContain('X-CSRF-Token');

    const queues = (
      await app.inject({ method: 'GET', url: '/api/admin/queues/api/queues', headers: admin.headers })
    ).json();
    expect(queues.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'analytics',
      'imports',
      'maintenance',
      'sync',
    ]);
    // A job that fails for good, retried from the board.
    const queue = new Queue('sync', { connection: testContext.ctx.redis!, prefix });
    const failed = await queue.add('no.such.job', { version: 1, payload: {} }, { attempts: 1 });
    for (let i = 0; i < 50 && !(await failed.isFailed()); i++) await new Promise((r) => setTimeout(r, 100));
    // The board's UI signs in with the session cookie: writes need the CSRF header its script adds.
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email, password: TEST_PASSWORD },
    });
    const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
    const cookie = Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const firstFailure = (await queue.getJob(failed.id!))!.finishedOn!;
    const retryUrl = '/api/admin/queues/api/queues/sync/retry/failed';
    expect((await app.inject({ method: 'PUT', url: retryUrl, headers: { cookie } })).statusCode).toBe(403);
    const retry = await app.inject({
      method: 'PUT',
      url: retryUrl,
      headers: { cookie, 'x-csrf-token': cookies.sentia_csrf! },
    });
    expect(retry.statusCode).toBeLessThan(300);
    // The worker ran it again (and it failed again: no job has that name).
    const ranAgain = async () => ((await queue.getJob(failed.id!))?.finishedOn ?? 0) > firstFailure;
    for (let i = 0; i < 50 && !(await ranAgain()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await ranAgain()).toBe(true);
    // The board cleans jobs older than its 5-second grace period.
    await new Promise((r) => setTimeout(r, 5_200));
    const clean = await app.inject({
      method: 'PUT',
      url: '/api/admin/queues/api/queues/sync/clean/failed',
      headers: { cookie, 'x-csrf-token': cookies.sentia_csrf! },
    });
    expect(clean.statusCode).toBeLessThan(300);
    expect(await queue.getFailedCount()).toBe(0);
    await queue.close();
  });
});
