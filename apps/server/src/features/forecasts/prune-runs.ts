import { type Database, executeCount } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { ABANDONED_RUN_MINUTES, FAILED_RUNS_KEPT_DAYS, RUNS_KEPT } from './forecast-settings';

/**
 * Keeps the newest RUNS_KEPT succeeded runs per granularity (their series and values go with the
 * rest, by cascade), failed runs for FAILED_RUNS_KEPT_DAYS, and marks runs left "running" by a
 * stopped worker as failed. Adjustments are kept: they belong to series, not runs.
 */
export async function pruneRuns(db: Database): Promise<{ deleted: number; abandoned: number }> {
  const abandoned = await executeCount(
    db,
    sql`update forecast_runs set status = 'failed', finished_at = now(),
               error = 'abandoned: the worker stopped before the run finished'
        where status = 'running' and started_at < now() - make_interval(mins => ${ABANDONED_RUN_MINUTES})`,
  );
  const deleted = await executeCount(
    db,
    sql`delete from forecast_runs r
        where (r.status = 'succeeded' and r.id not in (
                 select id from (
                   select id, row_number() over (partition by granularity order by finished_at desc) as n
                   from forecast_runs where status = 'succeeded') ranked
                 where n <= ${RUNS_KEPT}))
           or (r.status = 'failed' and r.started_at < now() - make_interval(days => ${FAILED_RUNS_KEPT_DAYS}))`,
  );
  return { deleted, abandoned };
}
