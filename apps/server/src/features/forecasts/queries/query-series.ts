import { type Database, queryRows, schema } from '@sentia/db';
import { and, eq, inArray, sql } from 'drizzle-orm';

export type SeriesRow = typeof schema.forecastSeries.$inferSelect;

export async function querySeries(db: Database, runId: string, key: string): Promise<SeriesRow | null> {
  const [row] = await db
    .select()
    .from(schema.forecastSeries)
    .where(and(eq(schema.forecastSeries.runId, runId), eq(schema.forecastSeries.seriesKey, key)));
  return row ?? null;
}

export interface SeriesSummaryRow {
  key: string;
  level: string;
  model: string;
  smape: number | null;
  lastUnits: number | null;
}

/** Every series of a run without its history (model, sMAPE, the last period's units). */
export async function querySeriesSummaries(db: Database, runId: string): Promise<SeriesSummaryRow[]> {
  const rows = await queryRows<{
    key: string;
    level: string;
    model: string;
    smape: unknown;
    last_units: unknown;
  }>(
    db,
    sql`select series_key as key, level, model,
               (accuracy->>'smape')::float8 as smape,
               (history->>(jsonb_array_length(history) - 1))::float8 as last_units
        from forecast_series where run_id = ${runId}`,
  );
  return rows.map((r) => ({
    key: r.key,
    level: r.level,
    model: r.model,
    smape: r.smape === null || r.smape === undefined ? null : Number(r.smape),
    lastUnits: r.last_units === null || r.last_units === undefined ? null : Number(r.last_units),
  }));
}

export interface ValueRow {
  key: string;
  periodStart: string;
  point: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  basePoint: number | null;
  seasonalIndex: number;
}

/** Forecast values of the named series of a run, by series then period. */
export async function querySeriesValues(
  db: Database,
  runId: string,
  keys: readonly string[],
): Promise<Map<string, ValueRow[]>> {
  const out = new Map<string, ValueRow[]>();
  if (keys.length === 0) return out;
  const rows = await db
    .select({
      key: schema.forecastSeries.seriesKey,
      periodStart: schema.forecastValues.periodStart,
      point: schema.forecastValues.point,
      lo80: schema.forecastValues.lo80,
      hi80: schema.forecastValues.hi80,
      lo95: schema.forecastValues.lo95,
      hi95: schema.forecastValues.hi95,
      basePoint: schema.forecastValues.basePoint,
      seasonalIndex: schema.forecastValues.seasonalIndex,
    })
    .from(schema.forecastValues)
    .innerJoin(schema.forecastSeries, eq(schema.forecastSeries.id, schema.forecastValues.seriesId))
    .where(and(eq(schema.forecastSeries.runId, runId), inArray(schema.forecastSeries.seriesKey, [...keys])))
    .orderBy(schema.forecastSeries.seriesKey, schema.forecastValues.periodStart);
  for (const row of rows) {
    let list = out.get(row.key);
    if (!list) {
      list = [];
      out.set(row.key, list);
    }
    list.push(row);
  }
  return out;
}
