import { schema } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { defineJob } from '../../platform/jobs/job-definition';
import { queueForecastsAfterSalesChange } from '../forecasts/jobs';
import { refreshSalesDaily, salesDataVersion } from './refresh-sales-daily';

/** Rebuilds the daily sales figures when order data changed; a given data version is refreshed once. */
export const refreshSalesDailyJob = defineJob({
  name: 'analytics.refresh-sales-daily',
  version: 1,
  queue: 'analytics',
  payload: z.object({ dataVersion: z.string().min(1).max(200) }),
  attempts: 3,
  backoffMs: 2_000,
  idempotencyKey: (p) => `analytics.refresh-sales-daily:${p.dataVersion}`,
  handler: async (payload, { ctx }: { ctx: AppContext }) => {
    const result = await refreshSalesDaily(ctx.db);
    await ctx.db
      .insert(schema.settings)
      .values({ key: 'analytics.salesDaily', value: { dataVersion: payload.dataVersion, ...result } })
      .onConflictDoUpdate({
        target: schema.settings.key,
        set: { value: { dataVersion: payload.dataVersion, ...result }, updatedAt: sql`now()` },
      });
    if (result.groupsWithoutRate > 0) {
      ctx.logger.warn(result, 'some sales could not be converted to GBP: FX rates missing');
    }
    await bumpDataVersion(ctx, 'analytics.refresh');
    await queueForecastsAfterSalesChange(ctx);
    return result;
  },
});

/** Enqueues a refresh when the daily figures are older than the order data (called at start-up and after loads). */
export async function enqueueSalesRefreshIfStale(ctx: AppContext): Promise<boolean> {
  const current = await salesDataVersion(ctx.db);
  const [row] = await ctx.db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(sql`${schema.settings.key} = 'analytics.salesDaily'`);
  const refreshed = (row?.value as { dataVersion?: string } | undefined)?.dataVersion;
  if (refreshed === current) return false;
  const { enqueued } = await ctx.jobs.enqueue(refreshSalesDailyJob, { dataVersion: current });
  return enqueued;
}
