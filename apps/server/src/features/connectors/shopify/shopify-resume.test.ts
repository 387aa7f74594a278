import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { parsePassCursor } from '../../sync/pass-cursor';
import type { ShopifySimulator } from './shopify-simulator';
import {
  connectorFor,
  resetSyncedData,
  startTestShopify,
  storedOrders,
  sync,
  testStores,
} from './shopify-test-kit';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let ctx: AppContext;
let simulator: ShopifySimulator;
const UK = 'sentia-uk-sandbox.myshopify.com';
const ORDERS_SCOPE = `orders:${UK}`;

beforeAll(async () => {
  simulator = await startTestShopify();
  database = await createPgliteTestDatabase();
});
afterAll(async () => {
  await simulator?.stop();
  await database?.close();
});
beforeEach(async () => {
  await resetSyncedData(database.db);
  testContext = createTestContext(database);
  ctx = testContext.ctx;
  simulator.server.clearFaults();
  simulator.server.log.length = 0;
});
afterEach(async () => {
  await testContext.inProcessJobs?.whenIdle();
  await testContext.close();
});

const connector = () => connectorFor(testStores(simulator, { regions: ['UK'] }));
const isOrders = (r: { body: string }) => r.body.includes('query Orders(');
const after = (r: { body: string }) => JSON.parse(r.body).variables.after as string | null;

async function orderReads(runId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select coalesce((detail->'entities'->'order'->>'read')::int, 0) as n from sync_runs where id = ${runId}`,
  );
  return row!.n;
}

async function storedCursor() {
  const [row] = await queryRows<{ cursor: string }>(
    ctx.db,
    sql`select cursor from sync_cursors where connector = 'shopify' and scope = ${ORDERS_SCOPE}`,
  );
  return parsePassCursor(row?.cursor);
}

describe('Shopify sync: crash, resume, incremental, repeats', () => {
  it('resumes after a worker dies mid-run from the stored cursor: no order missing, none read twice', async () => {
    const total = simulator.shop(UK).orders.size;
    expect(total).toBeGreaterThan(250);
    // The worker "dies" once two pages of orders are written (shop 1 + variants 9 + 200 orders read).
    const controller = new AbortController();
    const crashed = randomUUID();
    await expect(
      sync(ctx, connector(), 'full', {
        runId: crashed,
        signal: controller.signal,
        reportProgress: async (p) => {
          if ((p.done ?? 0) >= 210) controller.abort(new Error('worker killed'));
        },
      }),
    ).rejects.toThrow();
    // A killed process marks nothing: its run stays "running" with a heartbeat that goes stale.
    await ctx.db.execute(
      sql`update sync_runs set status = 'running', finished_at = null, error = null,
            heartbeat_at = now() - interval '10 minutes' where id = ${crashed}`,
    );
    await ctx.db.execute(sql`update connector_states set consecutive_failures = 0`);
    const cursor = await storedCursor();
    expect(cursor?.after).toBeTruthy();
    expect((await storedOrders(ctx.db)).length).toBe(200);

    simulator.server.log.length = 0;
    const resumed = await sync(ctx, connector(), 'incremental');
    expect(resumed).toMatchObject({ status: 'succeeded', resumedFrom: crashed });
    // The next run continued the interrupted pass from its cursor rather than starting over.
    expect(after(simulator.server.requests(isOrders)[0]!)).toBe(cursor!.after);
    const stored = await storedOrders(ctx.db);
    expect(stored).toHaveLength(total);
    expect(new Set(stored.map((o) => o.external_id)).size).toBe(total);
    expect((await orderReads(crashed)) + (await orderReads(resumed.runId))).toBe(total);
    const [interrupted] = await queryRows<{ status: string; error: string }>(
      ctx.db,
      sql`select status, error from sync_runs where id = ${crashed}`,
    );
    expect(interrupted).toMatchObject({ status: 'failed' });
    expect(interrupted!.error).toMatch(/interrupted/);
  });

  it('an incremental run reads only orders changed since the last one', async () => {
    await sync(ctx, connector(), 'full');
    const before = await storedCursor();
    expect(before?.after).toBeNull();
    const orders = simulator.shop(UK).orders;
    const [a, b] = [...orders.values()].slice(0, 2).map((o) => o.order.externalId);
    const originals = [a!, b!].map((id) => [id, { ...orders.get(id)! }] as const);
    const changedAt = '2025-07-01T09:00:00.000Z';
    simulator.updateOrder(UK, a!, (o) => ({ ...o, status: 'cancelled' }), changedAt);
    simulator.updateOrder(
      UK,
      b!,
      (o) => ({
        ...o,
        refunds: [
          { externalId: `${o.externalId}-R9`, refundedAt: changedAt, amountMinor: 150, reason: 'late' },
        ],
      }),
      changedAt,
    );
    try {
      const expected = [...simulator.shop(UK).orders.values()].filter(
        (o) => Date.parse(o.updatedAt) >= Date.parse(before!.highWater!),
      ).length;
      const result = await sync(ctx, connector(), 'incremental');
      expect(await orderReads(result.runId)).toBe(expected);
      expect(expected).toBeLessThan(5);
      const stored = new Map((await storedOrders(ctx.db)).map((o) => [o.external_id, o]));
      expect(stored.get(a!)?.status).toBe('cancelled');
      expect(stored.get(b!)?.refunds).toBe('150');
      expect((await storedCursor())?.highWater).toBe(changedAt);
    } finally {
      for (const [id, entry] of originals) orders.set(id, entry);
    }
  });

  it('running a sync twice, or two at once, creates no duplicate', async () => {
    const total = simulator.shop(UK).orders.size;
    const first = await sync(ctx, connector(), 'full');
    const afterFirst = await storedOrders(ctx.db);
    const second = await sync(ctx, connector(), 'full');
    expect([first.status, second.status]).toEqual(['succeeded', 'succeeded']);
    expect(await storedOrders(ctx.db)).toEqual(afterFirst);
    expect(afterFirst).toHaveLength(total);

    await resetSyncedData(ctx.db);
    const both = await Promise.all([sync(ctx, connector(), 'full'), sync(ctx, connector(), 'full')]);
    expect(both.map((r) => r.status).sort()).toEqual(['skipped', 'succeeded']);
    const stored = await storedOrders(ctx.db);
    expect(stored).toHaveLength(total);
    const [lines] = await queryRows<{ n: number; distinct: number }>(
      ctx.db,
      sql`select count(*)::int as n, count(distinct (order_id, line_key))::int as distinct from order_lines`,
    );
    expect(lines!.n).toBe(lines!.distinct);
  });
});
