import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { PermanentJobError } from '../../../platform/jobs/job-definition';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
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
  // A sync that wrote orders queued the analytics refresh: let it finish before closing.
  await testContext.inProcessJobs?.whenIdle();
  await testContext.close();
});

const ukOnly = () => connectorFor(testStores(simulator, { regions: ['UK'] }));
const gql = (r: { body: string }) =>
  JSON.parse(r.body) as { query: string; variables: Record<string, unknown> };
const isOrders = (r: { body: string }) => r.body.includes('query Orders(');

async function runRow(runId: string) {
  const [row] = await queryRows<{
    status: string;
    error: string | null;
    progress: number;
    records_read: number;
    records_written: number;
    records_rejected: number;
    detail: { entities: Record<string, { read: number; written: number }> };
  }>(ctx.db, sql`select * from sync_runs where id = ${runId}`);
  return row!;
}

describe('Shopify sync against the simulator', () => {
  it('reads every store, page by page, into orders, channels, products and stock', async () => {
    const result = await sync(ctx, connectorFor(testStores(simulator)), 'full');
    expect(result.status).toBe('succeeded');
    const orders = await storedOrders(ctx.db);
    const expected = ['uk', 'eu', 'us'].reduce(
      (n, r) => n + simulator.shop(`sentia-${r}-sandbox.myshopify.com`).orders.size,
      0,
    );
    expect(expected).toBeGreaterThan(300);
    expect(orders).toHaveLength(expected);
    // Pages of 100: several Orders requests per store, each after a store's first carrying its cursor.
    const orderRequests = simulator.server.requests(isOrders);
    expect(orderRequests.length).toBeGreaterThanOrEqual(Math.ceil(expected / 100));
    expect(orderRequests.filter((r) => gql(r).variables.after).length).toBe(orderRequests.length - 3);
    const channels = await queryRows<{ code: string; kind: string }>(
      ctx.db,
      sql`select code, kind from channels order by code`,
    );
    expect(channels).toEqual([
      { code: 'shopify-eu', kind: 'shopify' },
      { code: 'shopify-uk', kind: 'shopify' },
      { code: 'shopify-us', kind: 'shopify' },
    ]);
    const [stock] = await queryRows<{ n: number; locations: number }>(
      ctx.db,
      sql`select count(*)::int as n, count(distinct location_id)::int as locations from stock_levels where source = 'shopify'`,
    );
    expect(stock).toEqual({ n: 27, locations: 3 });
    const run = await runRow(result.runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      progress: 100,
      records_rejected: 0,
      records_read: expected + 3 + 27,
    });
    // Money came through exactly: every stored order's lines add up to the simulator's.
    const sample = simulator.shop(UK).orders.values().next().value!.order;
    const stored = orders.find((o) => o.external_id === sample.externalId)!;
    expect(Number(stored.net)).toBe(sample.lines.reduce((s, l) => s + l.netAmountMinor, 0));
    // Raw payloads are kept for replay, one per record read.
    const [raw] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from raw_payloads where sync_run_id = ${result.runId}`,
    );
    expect(raw!.n).toBe(expected + 3 + 27);
  });

  it('refuses a wrong access token (401) and a token without the orders scope (403), without retrying', async () => {
    const wrong = sync(
      ctx,
      connectorFor(testStores(simulator, { token: 'shpat_wrong', regions: ['UK'] })),
      'full',
    );
    await expect(wrong).rejects.toBeInstanceOf(PermanentJobError);
    await expect(wrong).rejects.toThrow(/HTTP 401.*Invalid API key or access token/);
    expect(simulator.server.requests()).toHaveLength(1);

    const [latest] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from sync_runs order by started_at desc limit 1`,
    );
    expect((await runRow(latest!.id)).status).toBe('failed');

    simulator.server.log.length = 0;
    const limited = await startTestShopify({
      accessTokens: { shpat_products_only: ['read_products', 'read_inventory'] },
    });
    try {
      const stores = testStores(limited, { token: 'shpat_products_only', regions: ['UK'] });
      await expect(sync(ctx, connectorFor(stores), 'full')).rejects.toThrow(/HTTP 403.*read_orders scope/);
    } finally {
      await limited.stop();
    }
  });

  it('follows nested pagination: orders with more line items, and items at more locations, than a page holds', async () => {
    const shop = simulator.shop(UK);
    const skus = shop.variants.map((v) => v.sku!);
    const lines = Array.from({ length: 120 }, (_, i) => ({
      lineKey: `L${i + 1}`,
      sku: skus[i % skus.length]!,
      quantity: 1 + (i % 3),
      unitPriceMinor: 1000 + i,
      discountMinor: 0,
      netAmountMinor: (1 + (i % 3)) * (1000 + i),
    }));
    const id = `BIG-${randomUUID()}`;
    simulator.addOrder(
      UK,
      {
        source: 'demo',
        externalId: id,
        channelCode: 'shopify-uk',
        orderDate: '2025-06-29',
        orderedAt: '2025-06-29T10:00:00.000Z',
        status: 'shipped',
        currency: 'GBP',
        lines,
      },
      '2025-06-29T10:00:00.000Z',
    );
    const variant = shop.variants[0]!;
    const originalLevels = variant.inventoryItem!.inventoryLevels.nodes;
    variant.inventoryItem!.inventoryLevels.nodes = [
      ...originalLevels,
      ...Array.from({ length: 25 }, (_, i) => ({
        location: { id: `gid://shopify/Location/90${i}`, name: `Pop-up ${i}` },
        updatedAt: '2025-06-30T12:00:00Z',
        quantities: [{ name: 'on_hand', quantity: i }],
      })),
    ];
    try {
      await sync(ctx, ukOnly(), 'full');
      const [big] = await queryRows<{ lines: number; net: string }>(
        ctx.db,
        sql`select count(*)::int as lines, sum(l.net_amount_minor)::text as net from orders o join order_lines l on l.order_id = o.id where o.external_id = ${id}`,
      );
      expect(big).toEqual({ lines: 120, net: String(lines.reduce((s, l) => s + l.netAmountMinor, 0)) });
      const lineRequests = simulator.server.requests((r) => r.body.includes('query OrderLines('));
      expect(lineRequests.length).toBe(2); // 50 in the order page, then 50 and 20
      const levelRequests = simulator.server.requests((r) => r.body.includes('query InventoryLevels('));
      expect(levelRequests.length).toBe(2); // 10 with the variant, then 10 and 6
      const [stock] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from stock_levels s join products p on p.id = s.product_id where p.sku = ${variant.sku}`,
      );
      expect(stock!.n).toBe(26);
    } finally {
      shop.orders.delete(id);
      variant.inventoryItem!.inventoryLevels.nodes = originalLevels;
    }
  });

  it('waits what a 429 Retry-After asks, and retries 5xx, without losing a page', async () => {
    simulator.server.inject(
      {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '1.0' },
        body: { errors: 'Exceeded 2 calls per second for api client.' },
      },
      { match: isOrders },
    );
    simulator.server.inject(
      { kind: 'status', status: 503 },
      { times: 2, match: (r) => isOrders(r) && !!gql(r).variables.after },
    );
    const result = await sync(ctx, ukOnly(), 'full');
    expect(result.status).toBe('succeeded');
    const orderRequests = simulator.server.requests(isOrders);
    const throttled = orderRequests.findIndex((r) => r.status === 429);
    expect(orderRequests[throttled + 1]!.at - orderRequests[throttled]!.at).toBeGreaterThanOrEqual(950);
    expect(orderRequests.filter((r) => r.status === 503)).toHaveLength(2);
    expect(await storedOrders(ctx.db)).toHaveLength(simulator.shop(UK).orders.size);
  });

  it('paces itself by the budget Shopify reports instead of running into throttling', async () => {
    const tight = await startTestShopify({ bucket: { maximumAvailable: 1000, restoreRate: 400 } });
    try {
      // Another app spent the store's whole query budget just before the sync.
      tight.drain(UK);
      await sync(ctx, connectorFor(testStores(tight, { regions: ['UK'] })), 'full');
      expect(tight.throttledAnswers).toBe(0);
      const [shop, variants] = tight.server.requests();
      // The Shop answer said the bucket was (nearly) empty: the 602-point Variants query waited for
      // ~1.5 s of refill at 400 points/s rather than being sent and throttled.
      expect(variants!.at - shop!.at).toBeGreaterThanOrEqual(900);
      expect(await storedOrders(ctx.db)).toHaveLength(tight.shop(UK).orders.size);
    } finally {
      await tight.stop();
    }
  });

  it('waits out a THROTTLED answer for as long as its cost figures say', async () => {
    simulator.server.inject(
      {
        kind: 'status',
        status: 200,
        body: {
          errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
          extensions: {
            cost: {
              requestedQueryCost: 702,
              actualQueryCost: null,
              throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 202, restoreRate: 1000 },
            },
          },
        },
      },
      { match: isOrders },
    );
    await sync(ctx, ukOnly(), 'full');
    const orders = simulator.server.requests(isOrders);
    // (702 − 202) ÷ 1000/s = 0.5 s.
    expect(orders[1]!.at - orders[0]!.at).toBeGreaterThanOrEqual(500);
    expect(await storedOrders(ctx.db)).toHaveLength(simulator.shop(UK).orders.size);
  });
});
