import { type DatabaseHandle, queryRows, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../test-support/database';
import { seedOverviewFixture } from '../overview/overview-fixture';
import { refreshSalesDaily, salesDataVersion } from './refresh-sales-daily';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createPgliteTestDatabase();
  await seedOverviewFixture(handle.db);
});
afterAll(async () => handle?.close());

const revenueByMonth = () =>
  queryRows<{ month: string; revenue: string }>(
    handle.db,
    sql`select to_char(day, 'YYYY-MM') as month, sum(revenue_gbp_minor)::text as revenue
        from sales_daily group by 1 order by 1`,
  );

describe('refreshSalesDaily', () => {
  it('writes GBP revenue per month from the orders (fixture: March 9250, February 2500)', async () => {
    expect(await revenueByMonth()).toEqual([
      { month: '2026-02', revenue: '2500' },
      { month: '2026-03', revenue: '9250' },
    ]);
  });

  it('follows changes: a cancelled order leaves the figures, a month without orders is cleared', async () => {
    const before = await salesDataVersion(handle.db);
    await handle.db
      .update(schema.orders)
      .set({ status: 'cancelled', updatedAt: sql`now() + interval '1 second'` })
      .where(eq(schema.orders.externalId, 'S-1'));
    await handle.db.delete(schema.orders).where(eq(schema.orders.externalId, 'S-0'));
    expect(await salesDataVersion(handle.db)).not.toBe(before);
    const result = await refreshSalesDaily(handle.db);
    expect(result.groupsWithoutRate).toBe(0);
    expect(await revenueByMonth()).toEqual([{ month: '2026-03', revenue: '4250' }]);
  });

  it('counts sales it cannot convert for want of an FX rate instead of inventing one', async () => {
    await handle.db.delete(schema.fxRates).where(eq(schema.fxRates.currency, 'EUR'));
    const result = await refreshSalesDaily(handle.db);
    expect(result.groupsWithoutRate).toBeGreaterThan(0);
    expect(await revenueByMonth()).toEqual([]);
  });
});
