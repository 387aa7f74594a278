import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestContext } from '../../test-support/app-context';
import { createPgliteTestDatabase } from '../../test-support/database';
import { amazonConnector } from '../connectors/amazon/amazon-connector';
import { shopifyConnector } from '../connectors/shopify/shopify-connector';
import { stopShopifySandboxes } from '../connectors/shopify/shopify-sandbox';
import { setSandbox } from './connector-state';
import { runSync } from './run-sync';
import { InProcessSyncScheduler } from './schedules';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
});
afterAll(async () => {
  await testContext?.inProcessJobs?.whenIdle();
  await testContext?.close();
  await stopShopifySandboxes();
  await database?.close();
});

it('embedded mode: a timer per configured connector queues its scheduled sync; unconfigured ones get none', async () => {
  const ctx = testContext.ctx;
  await setSandbox(ctx.db, 'shopify', {
    enabled: true,
    dataset: { seed: 20_240_917, endDate: '2025-06-30', days: 5 },
  });
  await runSync(ctx, { connector: shopifyConnector, runId: randomUUID(), mode: 'full', trigger: 'manual' });
  const scheduler = new InProcessSyncScheduler({
    connectors: [shopifyConnector, amazonConnector],
    everyMs: () => 700,
  });
  try {
    const schedules = await scheduler.reconcile(ctx);
    expect(schedules.find((s) => s.connector === 'shopify')?.nextRunAt).toBeInstanceOf(Date);
    expect(schedules.find((s) => s.connector === 'amazon')?.nextRunAt).toBeNull();
    const scheduledRuns = () =>
      queryRows<{ connector: string; n: number }>(
        ctx.db,
        sql`select connector, count(*)::int as n from sync_runs where trigger = 'schedule' group by connector`,
      );
    // The timer fires again and again (how often within a wall-clock window depends on the machine).
    await vi.waitFor(
      async () => {
        const shopify = (await scheduledRuns()).find((r) => r.connector === 'shopify');
        expect(shopify?.n ?? 0).toBeGreaterThanOrEqual(2);
      },
      { timeout: 30_000, interval: 100 },
    );

    // Switched off: the timer goes.
    await setSandbox(ctx.db, 'shopify', { enabled: false, dataset: null });
    const after = await scheduler.reconcile(ctx);
    expect(after.every((s) => s.nextRunAt === null)).toBe(true);
    await testContext.inProcessJobs!.whenIdle();
    expect((await scheduledRuns()).map((r) => r.connector)).toEqual(['shopify']);
  } finally {
    await scheduler.close();
  }
});
