import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { parsePassCursor } from '../../sync/pass-cursor';
import { clearProcessRateLimits } from '../common/http';
import { resetSyncedData } from '../shopify/shopify-test-kit';
import type { AmazonSimulator } from './amazon-simulator';
import {
  amazonFor,
  amazonOrders,
  seedCatalogue,
  startTestAmazon,
  syncAmazon,
  testSettings,
  UK_MARKETPLACE,
} from './amazon-test-kit';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let ctx: AppContext;
let simulator: AmazonSimulator;
const SCOPE = `orders:eu:${UK_MARKETPLACE}`;

beforeAll(async () => {
  simulator = await startTestAmazon({ ordersPageSize: 50, inventoryPageSize: 3, inventoryTokenTtlMs: 200 });
  database = await createPgliteTestDatabase();
});
afterAll(async () => {
  await simulator?.stop();
  await database?.close();
});
beforeEach(async () => {
  await resetSyncedData(database.db);
  await seedCatalogue(database.db);
  testContext = createTestContext(database);
  ctx = testContext.ctx;
  // Every test starts with Amazon's quota unspent, whatever the one before it used.
  clearProcessRateLimits();
  simulator.server.clearFaults();
  simulator.server.log.length = 0;
});
afterEach(async () => {
  await testContext.inProcessJobs?.whenIdle();
  await testContext.close();
});

const ukOnly = () => amazonFor(testSettings(simulator, { marketplaces: [UK_MARKETPLACE] }));
const getOrders = (r: { path: string }) => r.path.endsWith('/orders/v0/orders');

async function orderReads(runId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select coalesce((detail->'entities'->'order'->>'read')::int, 0) as n from sync_runs where id = ${runId}`,
  );
  return row!.n;
}

async function cursorOf(scope: string) {
  const [row] = await queryRows<{ cursor: string }>(
    ctx.db,
    sql`select cursor from sync_cursors where connector = 'amazon' and scope = ${scope}`,
  );
  return parsePassCursor(row?.cursor);
}

/** Runs until `stopWhen` says so, then "kills the worker": the run stays running with a stale heartbeat. */
async function crashDuring(stopWhen: (done: number) => boolean): Promise<string> {
  const controller = new AbortController();
  const runId = randomUUID();
  await expect(
    syncAmazon(ctx, ukOnly(), 'full', {
      runId,
      signal: controller.signal,
      reportProgress: async (p) => {
        if (stopWhen(p.done ?? 0)) controller.abort(new Error('worker killed'));
      },
    }),
  ).rejects.toThrow();
  await ctx.db.execute(
    sql`update sync_runs set status = 'running', finished_at = null, error = null,
          heartbeat_at = now() - interval '10 minutes' where id = ${runId}`,
  );
  return runId;
}

describe('Amazon sync: crash, resume, incremental, repeats', () => {
  it('resumes an interrupted orders pass from its NextToken: no order missing, none fetched twice', async () => {
    const total = simulator.marketplace(UK_MARKETPLACE).orders.size;
    expect(total).toBeGreaterThan(100);
    // Dies once two pages of orders are in (1 marketplace payload + 100 orders).
    const crashed = await crashDuring((done) => done >= 101);
    const cursor = await cursorOf(SCOPE);
    expect(cursor?.after).toBeTruthy();
    simulator.server.log.length = 0;
    const resumed = await syncAmazon(ctx, ukOnly(), 'incremental');
    expect(resumed).toMatchObject({ status: 'succeeded', resumedFrom: crashed });
    const first = simulator.server.requests(getOrders)[0]!;
    expect(first.query.get('NextToken')).toBe(cursor!.after);
    const stored = await amazonOrders(ctx.db);
    expect(stored).toHaveLength(total);
    expect((await orderReads(crashed)) + (await orderReads(resumed.runId))).toBe(total);
  });

  it('starts the inventory listing again when the interrupted run’s nextToken has expired', async () => {
    // Dies after the first inventory page (1 marketplace + all orders + 3 summaries).
    const total = simulator.marketplace(UK_MARKETPLACE).orders.size;
    await crashDuring((done) => done >= 1 + total + 3);
    expect((await cursorOf(`inventory:eu:${UK_MARKETPLACE}`))?.after).toBeTruthy();
    await new Promise((r) => setTimeout(r, 250)); // the token lives 200 ms here (30 s at Amazon)
    simulator.server.log.length = 0;
    await syncAmazon(ctx, ukOnly(), 'incremental');
    const inventory = simulator.server.requests((r) => r.path.endsWith('/summaries'));
    expect(inventory[0]!.status).toBe(400);
    expect(inventory[1]!.query.get('nextToken')).toBeNull();
    const [stock] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from stock_levels where source = 'amazon'`,
    );
    expect(stock!.n).toBe(9);
  });

  it('an incremental run fetches items only for orders Amazon changed since the last run', async () => {
    await syncAmazon(ctx, ukOnly(), 'full');
    const orders = simulator.marketplace(UK_MARKETPLACE).orders;
    const [a, b] = [...orders.keys()];
    const originals = [a!, b!].map((id) => [id, { ...orders.get(id)! }] as const);
    orders.get(a!)!.order = { ...orders.get(a!)!.order, status: 'cancelled' };
    orders.get(a!)!.updatedAt = '2025-07-01T08:00:00.000Z';
    orders.get(b!)!.updatedAt = '2025-07-01T08:00:00.000Z';
    try {
      simulator.server.log.length = 0;
      const result = await syncAmazon(ctx, ukOnly(), 'incremental');
      expect(await orderReads(result.runId)).toBe(2);
      // One getOrderItems call per changed order; unchanged orders in the overlap are not fetched.
      expect(
        simulator.server
          .requests((r) => r.path.endsWith('/orderItems'))
          .map((r) => r.path)
          .sort(),
      ).toEqual([a!, b!].map((id) => `/regions/eu/orders/v0/orders/${id}/orderItems`).sort());
      const stored = new Map((await amazonOrders(ctx.db)).map((o) => [o.external_id, o]));
      expect(stored.get(a!)?.status).toBe('cancelled');
    } finally {
      for (const [id, entry] of originals) orders.set(id, entry);
    }
  });

  it('running it twice, or two at once, creates no duplicate', async () => {
    const total = simulator.marketplace(UK_MARKETPLACE).orders.size;
    const [one, two] = await Promise.all([
      syncAmazon(ctx, ukOnly(), 'full'),
      syncAmazon(ctx, ukOnly(), 'full'),
    ]);
    expect([one.status, two.status].sort()).toEqual(['skipped', 'succeeded']);
    const again = await syncAmazon(ctx, ukOnly(), 'full');
    expect(await orderReads(again.runId)).toBe(0); // nothing changed: no items fetched again
    expect(await amazonOrders(ctx.db)).toHaveLength(total);
  });
});
