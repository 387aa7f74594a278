import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { PermanentJobError } from '../../../platform/jobs/job-definition';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
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
import { clearLwaCache } from './lwa';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let ctx: AppContext;
let simulator: AmazonSimulator;

beforeAll(async () => {
  simulator = await startTestAmazon({ ordersPageSize: 40, itemsPageSize: 1, inventoryPageSize: 4 });
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
  clearLwaCache();
  // Every test starts with Amazon's quota unspent, whatever the one before it used.
  clearProcessRateLimits();
  simulator.tokenExchanges = 0;
  simulator.server.clearFaults();
  simulator.server.log.length = 0;
});
afterEach(async () => {
  await testContext.inProcessJobs?.whenIdle();
  await testContext.close();
});

const ukOnly = () => amazonFor(testSettings(simulator, { marketplaces: [UK_MARKETPLACE] }));
const path = (suffix: string) => (r: { path: string }) => r.path.endsWith(suffix);
const ukOrders = () => simulator.marketplace(UK_MARKETPLACE).orders;

describe('Amazon SP-API sync against the simulator', () => {
  it('reads orders with their items and FBA stock for every marketplace, following every NextToken', async () => {
    const result = await syncAmazon(ctx, amazonFor(testSettings(simulator)), 'full');
    expect(result.status).toBe('succeeded');
    const expected = ['A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'ATVPDKIKX0DER'].reduce(
      (n, id) => n + simulator.marketplace(id).orders.size,
      0,
    );
    const stored = await amazonOrders(ctx.db);
    expect(stored).toHaveLength(expected);
    // Orders 40 a page, items 1 a page (every multi-item order needed its NextToken), inventory 4 a page.
    const getOrders = simulator.server.requests(path('/orders/v0/orders'));
    expect(getOrders.length).toBeGreaterThanOrEqual(Math.ceil(expected / 40));
    for (const r of getOrders.filter((q) => q.query.get('NextToken'))) {
      expect(r.query.get('LastUpdatedAfter')).toBeTruthy(); // filters are sent again with the token
    }
    const multiLine = stored.filter((o) => o.lines > 1).length;
    expect(multiLine).toBeGreaterThan(0);
    expect(
      simulator.server.requests((r) => r.path.endsWith('/orderItems') && !!r.query.get('NextToken')).length,
    ).toBeGreaterThanOrEqual(multiLine);
    expect(
      simulator.server.requests((r) => r.path.endsWith('/summaries') && !!r.query.get('nextToken')),
    ).toHaveLength(6);
    const [stock] = await queryRows<{ n: number; locations: string }>(
      ctx.db,
      sql`select count(*)::int as n, string_agg(distinct l.code, ',' order by l.code) as locations
          from stock_levels s join locations l on l.id = s.location_id where s.source = 'amazon'`,
    );
    expect(stock).toEqual({ n: 27, locations: 'FBA-EU,FBA-UK,FBA-US' });
    // One token exchange per region, reused for every request of the run.
    expect(simulator.tokenExchanges).toBe(2);
    const [run] = await queryRows<{ records_rejected: number; status: string }>(
      ctx.db,
      sql`select status, records_rejected from sync_runs where id = ${result.runId}`,
    );
    expect(run).toEqual({ status: 'succeeded', records_rejected: 0 });
  });

  it('keeps the LWA access token between runs and exchanges it again when Amazon says it expired', async () => {
    await syncAmazon(ctx, ukOnly(), 'full');
    expect(simulator.tokenExchanges).toBe(1);
    await syncAmazon(ctx, ukOnly(), 'full');
    expect(simulator.tokenExchanges).toBe(1);
    simulator.expireTokens();
    simulator.server.log.length = 0;
    const result = await syncAmazon(ctx, ukOnly(), 'full');
    expect(result.status).toBe('succeeded');
    expect(simulator.tokenExchanges).toBe(2);
    expect(simulator.server.requests((r) => r.status === 401)).toHaveLength(1);
  });

  it('fails for good with a wrong client secret or a revoked refresh token', async () => {
    await expect(
      syncAmazon(
        ctx,
        amazonFor(testSettings(simulator, { clientSecret: 'wrong', marketplaces: [UK_MARKETPLACE] })),
      ),
    ).rejects.toThrow(PermanentJobError);
    expect(simulator.server.requests(path('/auth/o2/token'))[0]?.status).toBe(401);
    await expect(
      syncAmazon(
        ctx,
        amazonFor(testSettings(simulator, { refreshToken: 'Atzr|revoked', marketplaces: [UK_MARKETPLACE] })),
      ),
    ).rejects.toThrow(/invalid_grant/);
  });

  it('backs off on 429 QuotaExceeded (no Retry-After) and then keeps to the rate Amazon reports', async () => {
    const slow = await startTestAmazon({
      rates: {
        getOrders: { rate: 50, burst: 50 },
        getOrderItems: { rate: 5, burst: 2 },
        getInventorySummaries: { rate: 50, burst: 50 },
      },
    });
    const orders = slow.marketplace(UK_MARKETPLACE).orders;
    for (const id of [...orders.keys()].slice(15)) orders.delete(id);
    try {
      await syncAmazon(ctx, amazonFor(testSettings(slow, { marketplaces: [UK_MARKETPLACE] })), 'full');
      const items = slow.server.requests(path('/orderItems'));
      const throttled = items.filter((r) => r.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled.length).toBeLessThanOrEqual(2);
      const last429 = items.lastIndexOf(throttled[throttled.length - 1]!);
      // After the throttle the client spaces its calls at Amazon's 5/s.
      const after = items.slice(last429 + 1).map((r) => r.at);
      for (let i = 2; i < after.length; i++) expect(after[i]! - after[i - 1]!).toBeGreaterThanOrEqual(150);
      expect(await amazonOrders(ctx.db)).toHaveLength(15);
    } finally {
      await slow.stop();
    }
  });

  it('retries 5xx answers', async () => {
    simulator.server.inject(
      {
        kind: 'status',
        status: 503,
        body: { errors: [{ code: 'ServiceUnavailable', message: 'try later' }] },
      },
      { times: 2, match: path('/orders/v0/orders') },
    );
    simulator.server.inject({ kind: 'drop' }, { match: path('/orderItems') });
    const result = await syncAmazon(ctx, ukOnly(), 'full');
    expect(result.status).toBe('succeeded');
    expect(await amazonOrders(ctx.db)).toHaveLength(ukOrders().size);
  });
});
