import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext } from '../../../test-support/app-context';
import { createPostgresTestDatabase } from '../../../test-support/database';
import { describeWithServices, testDatabaseUrl } from '../../../test-support/services';
import type { ShopifySimulator } from './shopify-simulator';
import { connectorFor, startTestShopify, storedOrders, sync, testStores } from './shopify-test-kit';

/**
 * The same guarantees on real PostgreSQL, where two workers really run at once on separate
 * connections: one sync per connector at a time, and no duplicate whatever the interleaving.
 */
describeWithServices({ postgres: true }, 'Shopify sync on PostgreSQL with concurrent workers', () => {
  let database: { handle: DatabaseHandle; drop(): Promise<void> };
  let simulator: ShopifySimulator;

  beforeAll(async () => {
    simulator = await startTestShopify();
    database = await createPostgresTestDatabase(testDatabaseUrl!, { poolMax: 8 });
  });
  afterAll(async () => {
    await simulator?.stop();
    await database?.drop();
  });

  it('two workers starting the same connector at once: one runs, the other steps aside; nothing is duplicated', async () => {
    // Two contexts, as two worker processes would have, over one database.
    const one = createTestContext(database.handle);
    const two = createTestContext(database.handle);
    try {
      const connector = connectorFor(testStores(simulator));
      const results = await Promise.all([
        sync(one.ctx, connector, 'full'),
        sync(two.ctx, connector, 'full'),
        sync(one.ctx, connector, 'full'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['skipped', 'skipped', 'succeeded']);
      const total = ['uk', 'eu', 'us'].reduce(
        (n, r) => n + simulator.shop(`sentia-${r}-sandbox.myshopify.com`).orders.size,
        0,
      );
      expect(await storedOrders(one.ctx.db)).toHaveLength(total);
      // And again, now one after the other: still one row per order, line and refund.
      await sync(two.ctx, connector, 'full');
      const [counts] = await queryRows<{ orders: number; lines: number; distinct_lines: number }>(
        one.ctx.db,
        sql`select (select count(*)::int from orders) as orders, (select count(*)::int from order_lines) as lines,
                   (select count(distinct (order_id, line_key))::int from order_lines) as distinct_lines`,
      );
      expect(counts!.orders).toBe(total);
      expect(counts!.lines).toBe(counts!.distinct_lines);
    } finally {
      await one.inProcessJobs?.whenIdle();
      await two.inProcessJobs?.whenIdle();
      await one.close();
      await two.close();
    }
  });
});
