import { type Database, schema } from '@sentia/db';
import type { ForecastBounds, SalesHierarchy } from '@sentia/domain';
import { addForecastPeriods } from '@sentia/domain';
import { eq } from 'drizzle-orm';
import type { FitResult } from './fit-protocol';

/** Rows per statement: short statements leave room for other work between them (PGlite shares the thread). */
const VALUE_BATCH = 250;
/** Series rows carry their history (a few hundred numbers each): fewer per statement. */
const SERIES_BATCH = 25;

/** Rounds to 4 decimals: units forecasts need no more, and the stored rows stay small. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/**
 * Stores a finished run in one transaction: a row per series (model, parameters, backtest accuracy,
 * the history it saw) and per forecast period (reconciled point and intervals, the model's own point,
 * the seasonal index), then marks the run succeeded. Readers see the previous run until this commits.
 */
export async function storeRun(
  db: Database,
  run: { id: string; method: string; horizon: number; durationMs: number },
  hierarchy: SalesHierarchy,
  fits: readonly FitResult[],
  reconciled: readonly ForecastBounds[],
): Promise<void> {
  const last = hierarchy.periods[hierarchy.periods.length - 1]!;
  const periodStarts = Array.from({ length: run.horizon }, (_, h) =>
    addForecastPeriods(last, h + 1, hierarchy.granularity),
  );
  await db.transaction(async (tx) => {
    const seriesRows = hierarchy.nodes.map((node, i) => {
      const fit = fits[i]!;
      return {
        runId: run.id,
        seriesKey: node.key,
        level: node.level,
        method: run.method,
        model: fit.model,
        demandClass: fit.demandClass,
        params: { ...fit.params, seasonal: fit.seasonal ? 1 : 0 },
        accuracy: fit.backtest ?? {},
        history: Array.from(node.y),
      };
    });
    const idByKey = new Map<string, number>();
    for (let start = 0; start < seriesRows.length; start += SERIES_BATCH) {
      const inserted = await tx
        .insert(schema.forecastSeries)
        .values(seriesRows.slice(start, start + SERIES_BATCH))
        .returning({ id: schema.forecastSeries.id, seriesKey: schema.forecastSeries.seriesKey });
      for (const row of inserted) idByKey.set(row.seriesKey, row.id);
    }
    const values: (typeof schema.forecastValues.$inferInsert)[] = [];
    hierarchy.nodes.forEach((node, i) => {
      const seriesId = idByKey.get(node.key)!;
      const fc = reconciled[i]!;
      const fit = fits[i]!;
      for (let h = 0; h < run.horizon; h++) {
        values.push({
          seriesId,
          periodStart: periodStarts[h]!,
          point: round(fc.mean[h]!),
          lo80: round(fc.lower80[h]!),
          hi80: round(fc.upper80[h]!),
          lo95: round(fc.lower95[h]!),
          hi95: round(fc.upper95[h]!),
          basePoint: round(fit.mean[h]!),
          seasonalIndex: Number(fit.seasonalIndex[h]!.toFixed(6)),
        });
      }
    });
    for (let start = 0; start < values.length; start += VALUE_BATCH) {
      await tx.insert(schema.forecastValues).values(values.slice(start, start + VALUE_BATCH));
    }
    await tx
      .update(schema.forecastRuns)
      .set({
        status: 'succeeded',
        seriesCount: hierarchy.nodes.length,
        durationMs: run.durationMs,
        finishedAt: new Date(),
      })
      .where(eq(schema.forecastRuns.id, run.id));
  });
}
