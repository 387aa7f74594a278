import { queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { PermanentJobError } from '../../../platform/jobs/job-definition';
import { createTestContext } from '../../../test-support/app-context';
import { createPostgresTestDatabase } from '../../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../../test-support/services';
import type { ConnectorDefinition } from '../../sync/connector';
import { getConnectorState } from '../../sync/connector-state';
import type { UnleashedSimulator } from './unleashed-simulator';
import {
  connectorFor,
  expectedCounts,
  startTestUnleashed,
  storedCounts,
  sync,
  TEST_ACCOUNT,
  TEST_PAGE_SIZE,
} from './unleashed-test-kit';

describeWithServices(
  { postgres: true, redis: true },
  'Unleashed sync against the simulator (PostgreSQL, Redis)',
  () => {
    let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
    let testContext: ReturnType<typeof createTestContext>;
    let ctx: AppContext;
    let simulator: UnleashedSimulator;

    beforeAll(async () => {
      simulator = await startTestUnleashed();
    });
    afterAll(async () => {
      await simulator?.stop();
    });
    beforeEach(async () => {
      database = await createPostgresTestDatabase(testDatabaseUrl!);
      testContext = createTestContext(database.handle, {
        redisUrl: testRedisUrl!,
        bullmqPrefix: `unleashed-${Date.now()}`,
      });
      ctx = testContext.ctx;
      simulator.server.clearFaults();
      simulator.server.log.length = 0;
    });
    afterEach(async () => {
      await testContext.close();
      await database.drop();
    });

    const requestsTo = (endpoint: string) =>
      simulator.server.requests((r) => r.path.startsWith(`/${endpoint}`));

    it('reads every listing page by page into locations, suppliers, products, stock, orders, purchase orders and batches', async () => {
      const result = await sync(ctx, connectorFor(simulator), 'full');
      expect(result.status).toBe('succeeded');
      const expected = expectedCounts(simulator);
      expect(expected.orders).toBeGreaterThan(TEST_PAGE_SIZE);
      expect(expected.purchaseOrders).toBeGreaterThan(0);
      expect(expected.batches).toBeGreaterThan(0);
      expect(await storedCounts(ctx.db)).toEqual(expected);
      // Every page of sales orders was asked for, in order, each signed.
      const pages = Math.ceil(simulator.data.salesOrders.length / TEST_PAGE_SIZE);
      expect(requestsTo('SalesOrders').map((r) => r.path)).toEqual(
        Array.from({ length: pages }, (_, i) => `/SalesOrders/${i + 1}`),
      );
      expect(requestsTo('SalesOrders').every((r) => r.headers['api-auth-id'] === TEST_ACCOUNT.apiId)).toBe(
        true,
      );
      // Stock is listed warehouse by warehouse.
      expect(new Set(requestsTo('StockOnHand').map((r) => r.query.get('warehouseCode')))).toEqual(
        new Set(['DIST-UK', 'WH-EU', 'WH-US']),
      );
      const [run] = await queryRows<{ status: string; progress: number; records_rejected: number }>(
        ctx.db,
        sql`select status, progress, records_rejected from sync_runs where id = ${result.runId}`,
      );
      expect(run).toEqual({ status: 'succeeded', progress: 100, records_rejected: 0 });
      // Wholesale orders landed on the wholesale channel the sync created for the UK warehouse.
      const channels = await queryRows<{ code: string; kind: string }>(
        ctx.db,
        sql`select code, kind from channels`,
      );
      expect(channels).toEqual([{ code: 'wholesale-uk', kind: 'wholesale' }]);
      // Amounts are exact: the stored total of each order equals the simulator's line totals.
      const sample = simulator.data.salesOrders.find((o) => o.OrderStatus !== 'Parked')!;
      const [stored] = await queryRows<{ net: string }>(
        ctx.db,
        sql`select sum(l.net_amount_minor)::text as net from orders o join order_lines l on l.order_id = o.id
          where o.source = 'unleashed' and o.external_id = ${sample.OrderNumber}`,
      );
      const lineTotalMinor = sample.SalesOrderLines.reduce(
        (sum, l) => sum + Math.round(l.LineTotal * 100),
        0,
      );
      expect(Number(stored!.net)).toBe(lineTotalMinor);
    });

    it('picks up only what changed on an incremental sync', async () => {
      const connector = connectorFor(simulator);
      await sync(ctx, connector, 'full');
      const product = simulator.data.products[0]!;
      const order =
        simulator.data.salesOrders.find((o) => o.OrderStatus === 'Placed') ?? simulator.data.salesOrders[0]!;
      simulator.upsert('products', { ...product, ProductDescription: 'Renamed in Unleashed', PackSize: 12 });
      simulator.upsert('salesOrders', { ...order, OrderStatus: 'Deleted' });
      simulator.server.log.length = 0;

      const result = await sync(ctx, connector, 'incremental');
      expect(result.status).toBe('succeeded');
      if (result.status !== 'succeeded') return;
      // Warehouses are read in full (3); otherwise exactly the two changed records.
      expect(result.counts.read).toBe(simulator.data.warehouses.length + 2);
      for (const r of requestsTo('Products')) {
        const since = Date.parse(`${r.query.get('modifiedSince')}Z`);
        expect(Date.now() - since).toBeLessThan(10 * 60_000);
      }
      const [renamed] = await queryRows<{ name: string; pack_size: number }>(
        ctx.db,
        sql`select name, pack_size from products where sku = ${product.ProductCode}`,
      );
      expect(renamed).toEqual({ name: 'Renamed in Unleashed', pack_size: 12 });
      const [cancelled] = await queryRows<{ status: string }>(
        ctx.db,
        sql`select status from orders where source = 'unleashed' and external_id = ${order.OrderNumber}`,
      );
      expect(cancelled!.status).toBe('cancelled');
      // A pass starts 5 minutes before the previous one began (the service's clock): the two records
      // changed a moment ago are read once more, and nothing else is.
      const again = await sync(ctx, connector, 'incremental');
      expect(again.status === 'succeeded' && again.counts.read).toBe(simulator.data.warehouses.length + 2);
    });

    it('resumes after a crash mid-sync where the last written page ended: no duplicates, no gaps', async () => {
      // The worker dies while sales orders are being paged: page 3 never arrives.
      simulator.server.inject({ kind: 'drop' }, { times: 100, match: (r) => r.path === '/SalesOrders/3' });
      const crashed = await sync(ctx, connectorFor(simulator), 'full').catch((e: unknown) => e);
      expect(crashed).toBeInstanceOf(Error);
      // As a killed worker leaves it: still "running", heartbeat long gone.
      await ctx.db.execute(
        sql`update sync_runs set status = 'running', finished_at = null, heartbeat_at = now() - interval '10 minutes'`,
      );
      const [cursor] = await queryRows<{ cursor: string }>(
        ctx.db,
        sql`select cursor from sync_cursors where connector = 'unleashed' and scope = 'sales-orders'`,
      );
      expect(JSON.parse(cursor!.cursor)).toMatchObject({ pass: 'full', after: '3' });
      const partial = await storedCounts(ctx.db);
      expect(partial.orders).toBe(2 * TEST_PAGE_SIZE);

      simulator.server.clearFaults();
      simulator.server.log.length = 0;
      const resumed = await sync(ctx, connectorFor(simulator), 'incremental');
      expect(resumed.status).toBe('succeeded');
      if (resumed.status !== 'succeeded') return;
      expect(resumed.resumedFrom).not.toBeNull();
      // The pass continued at page 3 with the same filter, instead of starting over.
      expect(requestsTo('SalesOrders')[0]!.path).toBe('/SalesOrders/3');
      expect(requestsTo('SalesOrders')[0]!.query.get('modifiedSince')).toBeNull();
      expect(await storedCounts(ctx.db)).toEqual(expectedCounts(simulator));
      const [dupes] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from (select external_id from orders group by source, external_id having count(*) > 1) d`,
      );
      expect(dupes!.n).toBe(0);
      // Each sales order's payload was kept once across both runs: nothing read twice, nothing skipped.
      const [payloads] = await queryRows<{ n: number; distinct: number }>(
        ctx.db,
        sql`select count(*)::int as n, count(distinct external_id)::int as distinct from raw_payloads
          where connector = 'unleashed' and entity = 'sales-order'`,
      );
      expect(payloads).toEqual({
        n: simulator.data.salesOrders.length,
        distinct: simulator.data.salesOrders.length,
      });
    });

    it('rides out 5xx answers and a 429 with Retry-After within a run', async () => {
      simulator.server.inject(
        { kind: 'status', status: 503 },
        { times: 2, match: (r) => r.path === '/SalesOrders/2' },
      );
      simulator.server.inject(
        { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
        { times: 1, match: (r) => r.path === '/PurchaseOrders/1' },
      );
      const result = await sync(ctx, connectorFor(simulator), 'full');
      expect(result.status).toBe('succeeded');
      expect(await storedCounts(ctx.db)).toEqual(expectedCounts(simulator));
      const po = requestsTo('PurchaseOrders/1');
      expect(po.map((r) => r.status)).toEqual([429, 200]);
      expect(po[1]!.at - po[0]!.at).toBeGreaterThanOrEqual(950);
      expect(requestsTo('SalesOrders/2').map((r) => r.status)).toEqual([503, 503, 200]);
    });

    it('fails for good on a wrong API key (403, no retry) and counts the failure', async () => {
      const error = await sync(ctx, connectorFor(simulator, { apiKey: 'not-the-key' }), 'full').catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PermanentJobError);
      expect(String(error)).toMatch(/403/);
      expect(simulator.server.requests()).toHaveLength(1);
      const state = await getConnectorState(ctx.db, 'unleashed');
      expect(state.consecutiveFailures).toBe(1);
    });

    it('keeps stock per warehouse as the simulator reports it, after a stock change', async () => {
      const connector: ConnectorDefinition = connectorFor(simulator);
      await sync(ctx, connector, 'full');
      const row = simulator.data.stock.find((s) => s.WarehouseCode === 'WH-EU')!;
      simulator.upsert('stock', { ...row, QtyOnHand: row.QtyOnHand + 42 });
      await sync(ctx, connector, 'incremental');
      const [level] = await queryRows<{ on_hand: number }>(
        ctx.db,
        sql`select s.on_hand from stock_levels s join products p on p.id = s.product_id join locations l on l.id = s.location_id
          where p.sku = ${row.ProductCode} and l.code = 'WH-EU' and s.source = 'unleashed'
          order by s.as_of desc limit 1`,
      );
      expect(level!.on_hand).toBe(Math.round(row.QtyOnHand) + 42);
    });
  },
);
