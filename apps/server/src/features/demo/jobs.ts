import { z } from 'zod';
import type { AppContext } from '../../context';
import { bumpDataVersion } from '../../platform/cache/data-version';
import { defineJob } from '../../platform/jobs/job-definition';
import { enqueueSalesRefreshIfStale } from '../analytics/jobs';
import { isDemoDataLoaded } from './demo-settings';
import { loadDemoData } from './load-demo-data';

/**
 * Loads the labelled demo data set through the same ingest path as connectors and imports, then
 * asks for the analytics refresh. Runs once: a database that has the demo already is left alone.
 */
export const loadDemoDataJob = defineJob({
  name: 'demo.load',
  version: 1,
  queue: 'imports',
  payload: z.object({ endDate: z.iso.date() }),
  attempts: 2,
  backoffMs: 5_000,
  idempotencyKey: (p) => `demo.load:${p.endDate}`,
  handler: async (
    payload,
    { ctx, reportProgress }: { ctx: AppContext; reportProgress: (p: object) => Promise<void> },
  ) => {
    if (await isDemoDataLoaded(ctx.db)) return { loaded: false, reason: 'already loaded' };
    const result = await loadDemoData({
      db: ctx.db,
      logger: ctx.logger,
      endDate: payload.endDate,
      onProgress: (p) => {
        void reportProgress({ percent: p.percent, done: p.daysDone, total: p.daysTotal });
      },
    });
    ctx.metrics.recordSync('demo', result.totals);
    await bumpDataVersion(ctx, 'demo.load');
    await enqueueSalesRefreshIfStale(ctx);
    return {
      loaded: true,
      recordsWritten: result.totals.written,
      recordsRejected: result.totals.rejected,
      durationMs: result.durationMs,
    };
  },
});

/** Embedded first start: queue the demo load unless switched off (DEMO_DATA=false) or already there. */
export async function enqueueDemoLoadIfWanted(ctx: AppContext): Promise<boolean> {
  if (!ctx.config.DEMO_DATA || ctx.config.mode !== 'embedded') return false;
  if (await isDemoDataLoaded(ctx.db)) return false;
  const { enqueued } = await ctx.jobs.enqueue(loadDemoDataJob, {
    endDate: new Date().toISOString().slice(0, 10),
  });
  if (enqueued)
    ctx.logger.info('loading the demo data set in the background (labelled "demo data" in the dashboard)');
  return enqueued;
}
