import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext } from '../../test-support/app-context';
import { createPgliteTestDatabase } from '../../test-support/database';
import type { ShopifySimulator } from '../connectors/shopify/shopify-simulator';
import {
  connectorFor,
  resetSyncedData,
  startTestShopify,
  storedOrders,
  sync,
  testStores,
} from '../connectors/shopify/shopify-test-kit';
import { replaySyncRun } from './replay-run';

let database: DatabaseHandle;
let simulator: ShopifySimulator;
beforeAll(async () => {
  simulator = await startTestShopify();
  database = await createPgliteTestDatabase();
  await resetSyncedData(database.db);
});
afterAll(async () => {
  await simulator?.stop();
  await database?.close();
});

it('replays a run from its kept payloads (without asking the service), and queued the sales refresh after it', async () => {
  const { ctx, inProcessJobs, close } = createTestContext(database);
  try {
    const connector = connectorFor(testStores(simulator, { regions: ['UK'] }));
    const run = await sync(ctx, connector, 'full');
    await inProcessJobs!.whenIdle();
    // The run wrote sales, so the daily sales figures were rebuilt.
    const [refreshed] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from settings where key = 'analytics.salesDaily'`,
    );
    expect(refreshed!.n).toBe(1);

    const before = await storedOrders(ctx.db);
    await ctx.db.execute(sql`delete from orders where source = 'shopify'`);
    expect(await storedOrders(ctx.db)).toEqual([]);
    simulator.server.log.length = 0;

    const replayed = await replaySyncRun(ctx, 'shopify', run.runId);
    expect(simulator.server.requests()).toEqual([]);
    expect(replayed.payloads).toBe(before.length + 1 + 9);
    expect(await storedOrders(ctx.db)).toEqual(before);
    // Again: the same rows, nothing added.
    await replaySyncRun(ctx, 'shopify', run.runId);
    expect(await storedOrders(ctx.db)).toEqual(before);
  } finally {
    await inProcessJobs?.whenIdle();
    await close();
  }
});
