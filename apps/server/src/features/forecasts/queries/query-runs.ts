import type { ForecastRunSummary } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import type { ForecastGranularity } from '@sentia/domain';
import { and, desc, eq } from 'drizzle-orm';

type RunRow = typeof schema.forecastRuns.$inferSelect;

export function runSummary(row: RunRow): ForecastRunSummary {
  return {
    id: row.id,
    status: row.status,
    granularity: row.granularity,
    trigger: row.trigger,
    method: row.method,
    reconciliation: row.reconciliation,
    horizon: row.horizon,
    seriesCount: row.seriesCount,
    dataVersion: row.dataVersion,
    historyStart: row.historyStart,
    historyEnd: row.historyEnd,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    error: row.error,
  };
}

/** The newest run that finished successfully: what the page and the API serve. */
export async function queryLatestRun(db: Database, granularity: ForecastGranularity): Promise<RunRow | null> {
  const [row] = await db
    .select()
    .from(schema.forecastRuns)
    .where(and(eq(schema.forecastRuns.granularity, granularity), eq(schema.forecastRuns.status, 'succeeded')))
    .orderBy(desc(schema.forecastRuns.finishedAt))
    .limit(1);
  return row ?? null;
}

export async function queryActiveRun(db: Database, granularity: ForecastGranularity): Promise<RunRow | null> {
  const [row] = await db
    .select()
    .from(schema.forecastRuns)
    .where(and(eq(schema.forecastRuns.granularity, granularity), eq(schema.forecastRuns.status, 'running')))
    .orderBy(desc(schema.forecastRuns.startedAt))
    .limit(1);
  return row ?? null;
}

export async function queryRecentRuns(db: Database, limit: number): Promise<RunRow[]> {
  return db.select().from(schema.forecastRuns).orderBy(desc(schema.forecastRuns.startedAt)).limit(limit);
}
