import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ShopifySimulator } from '../../apps/server/src/features/connectors/shopify/shopify-simulator';
import { scheduledSyncJob } from '../../apps/server/src/features/sync/jobs';
import { parsePassCursor } from '../../apps/server/src/features/sync/pass-cursor';
import { connectRedis } from '../../apps/server/src/platform/redis';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../../apps/server/src/test-support/services';
import { freePort, startProcess, waitFor } from '../../e2e/support/app-process';
import { type Cluster, createDatabase, signIn, startCluster } from './support/cluster';
import {
  afterOf,
  groundTruth,
  injectOutage,
  isOrdersQuery,
  markSandboxDataset,
  OUTAGE_STATUSES,
  placeOrders,
  STORES,
  startSandboxShopify,
  storedState,
  storeOf,
} from './support/shopify';

/**
 * Connector faults on the real processes (one web, two workers): the Shopify sandbox connection is
 * pointed at a simulator this test runs (SHOPIFY_SANDBOX_URL), faults are injected into it, and after
 * each drill the database is compared with the simulator's own orders — none missing, none doubled.
 * Fault windows are short in CI; RELIABILITY_FAULT_SECONDS=60 gives the full minute.
 */
const FAULT_SECONDS = Number(process.env.RELIABILITY_FAULT_SECONDS ?? 4);
/** The Shopify client's per-request timeout (shopify-connector.ts): a slower answer is a timeout. */
const SHOPIFY_TIMEOUT_MS = 30_000;
const WEBHOOK_SECRET = 'shpss_reliability_webhook_secret';

describeWithServices({ postgres: true, redis: true }, 'connector faults: Shopify sync and webhooks', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let simulator: ShopifySimulator;
  let cluster: Cluster;
  let client: pg.Client;
  let web: string;
  let auth: Record<string, string>;

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${web}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await client.query<T>(text, values)).rows;
  const runStatus = async (runId: string) =>
    (await query<{ status: string }>('select status from sync_runs where id = $1', [runId]))[0]?.status;
  const syncNow = async () => {
    const { run } = (await api('POST', '/api/connections/shopify/sync', { mode: 'incremental' })) as {
      run: { id: string };
    };
    return run.id;
  };
  const expectDatabaseMatchesShopify = async () => {
    const { orders, duplicates } = await storedState(database.url);
    expect(duplicates).toEqual({ orders: 0, lines: 0 });
    expect(orders).toEqual(groundTruth(simulator));
    return orders.length;
  };
  const startedSync = (runId: string) => new RegExp(`"syncRunId":"${runId}".*"sync started"`);
  const workerRunning = (runId: string) => cluster.workers.find((w) => startedSync(runId).test(w.output()));

  beforeAll(async () => {
    database = await createDatabase(testDatabaseUrl!);
    await markSandboxDataset(database.url);
    simulator = await startSandboxShopify(await freePort());
    cluster = await startCluster({
      databaseUrl: database.url,
      redisUrl: testRedisUrl!,
      webs: 1,
      workers: 2,
      env: {
        SHOPIFY_SANDBOX_URL: simulator.server.url,
        SHOPIFY_API_SECRET: WEBHOOK_SECRET,
        // A SIGKILLed worker's jobs are taken over after 6–12 s rather than 30–60 s (production).
        WORKER_LOCK_MS: '6000',
      },
    });
    web = cluster.webs[0]!.url;
    auth = { authorization: `Bearer ${(await signIn(web)).accessToken}` };
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 180_000);

  afterAll(async () => {
    await client?.end();
    await cluster?.stop();
    await simulator?.stop();
    await database?.drop();
  });

  it('syncs every order of the sandbox stores once the sandbox is switched on (the schedule runs at once)', async () => {
    await api('PUT', '/api/connections/shopify/sandbox', { enabled: true });
    await waitFor(
      async () =>
        (await query("select 1 from sync_runs where connector = 'shopify' and status = 'succeeded'")).length >
        0,
      { what: 'the first Shopify sync', timeoutMs: 60_000 },
    );
    const count = await expectDatabaseMatchesShopify();
    console.log(`[reliability] first sandbox sync: ${count} orders, as the simulator holds`);
  });

  it('resumes a sync whose worker was SIGKILLed, on the other worker, from its cursor', async () => {
    placeOrders(simulator, STORES.UK, 600, 'K', '2025-07-01T08:00:00.000Z');
    // Slow pages, so the kill lands mid-sync.
    simulator.server.inject({ kind: 'delay', ms: 500 }, { times: 1_000, match: isOrdersQuery });
    const runId = await syncNow();
    const scope = `orders:${STORES.UK}`;
    const cursorAfter = async () =>
      parsePassCursor(
        (
          await query<{ cursor: string }>(
            "select cursor from sync_cursors where connector = 'shopify' and scope = $1",
            [scope],
          )
        )[0]?.cursor,
      )?.after;
    await waitFor(async () => (await cursorAfter()) && workerRunning(runId), {
      what: 'the sync to be part-way through the new orders',
      timeoutMs: 60_000,
      intervalMs: 50,
    });
    const victim = workerRunning(runId)!;
    victim.process.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;
    simulator.server.clearFaults();
    const cursorAtKill = await cursorAfter();
    const writtenAtKill = (await storedState(database.url)).orders.length;
    expect(writtenAtKill).toBeLessThan(groundTruth(simulator).length);

    await waitFor(async () => (await runStatus(runId)) === 'succeeded', {
      what: 'the interrupted sync to be taken over and finish',
      timeoutMs: 90_000,
    });
    const recoveredInMs = Date.now() - killedAt;
    const survivor = cluster.workers.find((w) => w !== victim)!;
    expect(survivor.output()).toMatch(startedSync(runId));
    const [job] = await query<{ attempts: number; status: string }>(
      'select attempts, status from job_runs where idempotency_key = $1',
      [`sync.run:${runId}`],
    );
    expect(job).toEqual({ attempts: 2, status: 'succeeded' });
    // Resumed, not restarted: the first page the survivor asked for is the one after the stored
    // cursor (requests the victim had in flight are answered, and logged, up to 500 ms later).
    const resumedReads = simulator.server
      .requests((r) => r.at > killedAt + 1_500 && isOrdersQuery(r) && storeOf(r) === STORES.UK)
      .map(afterOf);
    expect(resumedReads[0]).toBe(cursorAtKill);
    expect(resumedReads).not.toContain(null);
    const count = await expectDatabaseMatchesShopify();
    console.log(
      `[reliability] worker SIGKILL mid-sync: ${writtenAtKill} orders written before the kill, taken over and finished ${recoveredInMs} ms after it; ${count} orders, as the simulator holds`,
    );
    // Two workers again for the next drills.
    cluster.workers[cluster.workers.indexOf(victim)] = await startProcess(
      'services/workers/index.js',
      cluster.env,
      { waitForHealth: false },
    );
  });

  it(`rides out ${FAULT_SECONDS} s of 429s and 5xx after a timed-out request, and completes`, async () => {
    placeOrders(simulator, STORES.US, 300, 'F', '2025-07-02T08:00:00.000Z');
    const outage = injectOutage(simulator, { timeoutMs: SHOPIFY_TIMEOUT_MS, seconds: FAULT_SECONDS });
    const started = Date.now();
    const runId = await syncNow();
    await waitFor(async () => (await runStatus(runId)) === 'succeeded', {
      what: 'the sync to complete after the faults',
      timeoutMs: SHOPIFY_TIMEOUT_MS + FAULT_SECONDS * 1_000 + 150_000,
    });
    simulator.server.clearFaults();
    const answered = simulator.server.requests((r) => r.at >= started);
    const byStatus = Object.fromEntries(
      [200, ...OUTAGE_STATUSES].map((s) => [s, answered.filter((r) => r.status === s).length]),
    );
    const [job] = await query<{ attempts: number }>(
      'select attempts from job_runs where idempotency_key = $1',
      [`sync.run:${runId}`],
    );
    const count = await expectDatabaseMatchesShopify();
    expect(outage.faulted).toBeGreaterThan(0);
    console.log(
      `[reliability] timeout + ${FAULT_SECONDS} s of 429/5xx: ${outage.faulted} faulted answers ${JSON.stringify(byStatus)}, completed in ${Date.now() - started} ms after ${job?.attempts} job attempt(s); ${count} orders, as the simulator holds`,
    );
  });

  it('processes a webhook delivered three times and out of order exactly once, keeping the newest', async () => {
    const deliver = (topic: string, domain: string, body: string, webhookId: string) =>
      simulator.sendWebhook(`${web}/api/webhooks/shopify`, {
        topic,
        domain,
        body,
        secret: WEBHOOK_SECRET,
        webhookId,
      });
    const [created] = placeOrders(simulator, STORES.EU, 1, 'W', '2025-07-03T08:00:00.000Z');
    const existing = [...simulator.shop(STORES.UK).orders.values()].find(
      (o) => o.order.status === 'shipped',
    )!;
    const id = existing.order.externalId;
    // Shopify's versions of one order: a refund, then a cancellation. Deliveries carry the order as it was.
    simulator.updateOrder(
      STORES.UK,
      id,
      (o) => ({
        ...o,
        refunds: [
          {
            externalId: `${id}-RW`,
            refundedAt: '2025-07-03T09:00:00.000Z',
            amountMinor: 250,
            reason: 'damaged',
          },
        ],
      }),
      '2025-07-03T09:00:00.000Z',
    );
    const refunded = JSON.stringify(simulator.restOrder(STORES.UK, id));
    simulator.updateOrder(STORES.UK, id, (o) => ({ ...o, status: 'cancelled' }), '2025-07-03T10:00:00.000Z');
    const cancelled = JSON.stringify(simulator.restOrder(STORES.UK, id));
    const deliveries = [
      {
        id: randomUUID(),
        topic: 'orders/create',
        domain: STORES.EU,
        body: JSON.stringify(simulator.restOrder(STORES.EU, created!)),
      },
      { id: randomUUID(), topic: 'orders/updated', domain: STORES.UK, body: cancelled },
      { id: randomUUID(), topic: 'orders/updated', domain: STORES.UK, body: refunded },
    ];
    const processed = (deliveryId: string) =>
      query<{ status: string }>(
        "select status from webhook_receipts where provider = 'shopify' and delivery_id = $1",
        [deliveryId],
      ).then((rows) => rows[0]?.status === 'processed');
    const answers: string[] = [];
    // The newer version first, each three times (Shopify retries); the older one only after it is stored.
    for (const delivery of deliveries) {
      for (let i = 0; i < 3; i += 1) {
        const response = await deliver(delivery.topic, delivery.domain, delivery.body, delivery.id);
        expect(response.status).toBe(200);
        answers.push(((await response.json()) as { status: string }).status);
      }
      await waitFor(() => processed(delivery.id), {
        what: `delivery ${delivery.topic} processed`,
        timeoutMs: 30_000,
      });
    }
    expect(answers).toEqual(Array.from({ length: 3 }, () => ['accepted', 'duplicate', 'duplicate']).flat());
    const jobs = await query<{ idempotency_key: string; attempts: number; result: { detail: string } }>(
      "select idempotency_key, attempts, result from job_runs where name = 'webhooks.shopify' order by started_at",
    );
    expect(jobs.map((j) => j.attempts)).toEqual([1, 1, 1]);
    expect(jobs[2]!.result.detail).toMatch(/newer version is already stored/);
    const receipts = await query<{ n: number }>(
      "select count(*)::int as n from webhook_receipts where provider = 'shopify'",
    );
    expect(receipts[0]!.n).toBe(3);
    await expectDatabaseMatchesShopify();
  });

  it('runs a scheduled sync once per period, not once per worker', async () => {
    const PERIOD_MS = 1_500;
    const redis = connectRedis(testRedisUrl!, 'requests', 'reliability-test');
    const queue = new Queue('sync', { connection: redis, prefix: cluster.env.QUEUE_PREFIX! });
    const scheduled = () =>
      cluster.workers
        .map((w) => (w.output().match(/"job":"sync\.scheduled".*"job succeeded"/g) ?? []).length)
        .reduce((a, b) => a + b, 0);
    const before = scheduled();
    const runsBefore = await query<{ n: number }>(
      "select count(*)::int as n from sync_runs where connector = 'shopify' and trigger = 'schedule'",
    );
    // The connector's scheduler (15 min), its period shortened as the integration test does.
    const every = await queue.getJobScheduler('sync.scheduled:shopify');
    expect(every?.every).toBe(15 * 60_000);
    await queue.upsertJobScheduler(
      'sync.scheduled:shopify',
      { every: PERIOD_MS },
      {
        name: scheduledSyncJob.name,
        data: { version: scheduledSyncJob.version, payload: { connector: 'shopify' } },
        opts: { attempts: scheduledSyncJob.attempts },
      },
    );
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 3 * PERIOD_MS + 500));
    await queue.removeJobScheduler('sync.scheduled:shopify');
    const elapsed = Date.now() - started;
    await waitFor(
      async () => {
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0);
      },
      { what: 'the scheduled jobs to drain', timeoutMs: 30_000 },
    );
    await new Promise((r) => setTimeout(r, 500));
    const completed = (await queue.getJobs(['completed'])).filter(
      (j) => j.name === 'sync.scheduled' && j.timestamp >= started - PERIOD_MS,
    );
    const ran = scheduled() - before;
    const runs = await query<{ n: number }>(
      "select count(*)::int as n from sync_runs where connector = 'shopify' and trigger = 'schedule'",
    );
    await queue.close();
    await redis.quit();
    // One job per period (not one per worker per period), each run by exactly one of the workers.
    expect(completed.length).toBeGreaterThanOrEqual(Math.floor(elapsed / PERIOD_MS) - 1);
    expect(completed.length).toBeLessThanOrEqual(Math.ceil(elapsed / PERIOD_MS) + 1);
    expect(ran).toBe(completed.length);
    expect(runs[0]!.n - runsBefore[0]!.n).toBeLessThanOrEqual(completed.length);
    console.log(
      `[reliability] scheduled sync every ${PERIOD_MS} ms for ${elapsed} ms over two workers: ${completed.length} jobs, ${ran} runs in the worker logs`,
    );
    await expectDatabaseMatchesShopify();
  });
});
