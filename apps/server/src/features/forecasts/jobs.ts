import { schema } from '@sentia/db';
import type { ForecastGranularity } from '@sentia/domain';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { defineJob, type JobRun } from '../../platform/jobs/job-definition';
import { forecastDataVersion, utcToday } from './data-version';
import { forecastingEnabled } from './feature-switch';
import { GRANULARITIES } from './forecast-settings';
import { type RunTrigger, runForecast } from './run-forecast';

const trigger = z.enum(['data-changed', 'schedule', 'manual']);

/**
 * Fits, reconciles and stores the forecasts of one granularity. Keyed on the data version (the
 * complete periods of sales and their fingerprint), so the same figures are forecast once however
 * often a load, sync, import, the schedule or a person asks.
 */
export const forecastRunJob = defineJob({
  name: 'forecasts.run',
  version: 1,
  queue: 'analytics',
  payload: z.object({
    granularity: z.enum(['week', 'month']),
    dataVersion: z.string().min(1).max(300),
    trigger,
  }),
  attempts: 2,
  backoffMs: 30_000,
  idempotencyKey: (p) => `forecasts.run:${p.dataVersion}`,
  handler: async (payload, { ctx, reportProgress }: JobRun<AppContext>) => {
    const outcome = await runForecast(ctx, {
      granularity: payload.granularity,
      trigger: payload.trigger,
      today: utcToday(),
      ...(ctx.config.FORECAST_THREADS === undefined ? {} : { threads: ctx.config.FORECAST_THREADS }),
      onProgress: (done, total) => {
        reportProgress({
          done,
          total,
          percent: Math.round((100 * done) / total),
          message: 'series fitted',
        }).catch(() => {});
      },
    });
    // New forecasts: cached figures are stale and open pages refetch (data.changed).
    if (outcome.status === 'succeeded') await bumpDataVersion(ctx, 'forecasts.run');
    return outcome;
  },
});

/** The nightly tick: queues a run for each granularity whose figures have changed (a new period ended). */
export const forecastScheduleJob = defineJob({
  name: 'forecasts.schedule',
  version: 1,
  queue: 'analytics',
  payload: z.object({}),
  attempts: 2,
  backoffMs: 60_000,
  handler: async (_payload, { ctx }: { ctx: AppContext }) => ({
    requested: await enqueueForecastRuns(ctx, 'schedule'),
  }),
});

export interface RequestedRun {
  granularity: ForecastGranularity;
  dataVersion: string;
  enqueued: boolean;
}

/**
 * Queues a forecast run per granularity whose sales figures have no succeeded run yet. Nothing while
 * forecasting is switched off or there are no complete periods of sales.
 */
export async function enqueueForecastRuns(ctx: AppContext, cause: RunTrigger): Promise<RequestedRun[]> {
  if (!(await forecastingEnabled(ctx))) return [];
  const today = utcToday();
  const requested: RequestedRun[] = [];
  for (const granularity of GRANULARITIES) {
    const version = await forecastDataVersion(ctx.db, granularity, today);
    if (!version) continue;
    const [done] = await ctx.db
      .select({ id: schema.forecastRuns.id })
      .from(schema.forecastRuns)
      .where(
        and(
          eq(schema.forecastRuns.dataVersion, version.version),
          eq(schema.forecastRuns.status, 'succeeded'),
        ),
      )
      .limit(1);
    if (done) {
      requested.push({ granularity, dataVersion: version.version, enqueued: false });
      continue;
    }
    const { enqueued } = await ctx.jobs.enqueue(forecastRunJob, {
      granularity,
      dataVersion: version.version,
      trigger: cause,
    });
    requested.push({ granularity, dataVersion: version.version, enqueued });
  }
  return requested;
}

/**
 * Called by the sales refresh after every load, sync and import: queues the forecast runs the new
 * figures need. A failure here is logged, never fails the refresh itself.
 */
export async function queueForecastsAfterSalesChange(ctx: AppContext): Promise<void> {
  try {
    const requested = await enqueueForecastRuns(ctx, 'data-changed');
    if (requested.some((r) => r.enqueued))
      ctx.logger.info({ requested }, 'forecast runs queued after a sales change');
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not queue the forecast runs after a sales change');
  }
}
