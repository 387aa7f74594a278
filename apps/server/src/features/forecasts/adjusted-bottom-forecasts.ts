import type { Database } from '@sentia/db';
import {
  adjustBottomSeries,
  adjustmentFactors,
  FORECAST_PERIODS_PER_YEAR,
  type ForecastGranularity,
  isNeutralAdjustment,
  parseSeriesKey,
} from '@sentia/domain';
import { queryCurrentAdjustments } from './adjustments';
import { queryLatestRun } from './queries/query-runs';
import { querySeriesSummaries, querySeriesValues } from './queries/query-series';
import { containsBottom } from './series-tree';

export interface AdjustedBottomForecasts {
  run: { id: string; granularity: ForecastGranularity; finishedAt: Date | null; historyEnd: string | null };
  /** First day of each forecast period, oldest first. */
  periodStarts: string[];
  /** Every SKU × channel series: the planners' adjusted forecast of units per period. */
  bottoms: { key: string; sku: string; channel: string; region: string; units: Float64Array }[];
  /** The adjusted series whose adjustments were applied (non-neutral, with series in the run). */
  adjustedSeries: string[];
}

/**
 * The latest succeeded run's bottom series (SKU × channel) with every planner adjustment applied, as
 * the forecast page computes them: each bottom series times the factors of every adjusted series it
 * belongs to, so any total is the sum of its adjusted bottoms. Null when there is no run yet.
 */
export async function loadAdjustedBottomForecasts(
  db: Database,
  granularity: ForecastGranularity,
): Promise<AdjustedBottomForecasts | null> {
  const run = await queryLatestRun(db, granularity);
  if (!run) return null;
  const [summaries, adjustments] = await Promise.all([
    querySeriesSummaries(db, run.id),
    queryCurrentAdjustments(db, granularity),
  ]);
  const bottoms = summaries
    .filter((s) => s.level === 'sku-channel')
    .map((s) => ({ key: s.key, ...parseSeriesKey(s.key) }));
  const inRun = new Set(summaries.map((s) => s.key));
  const affecting = [...adjustments]
    .filter(([key, a]) => inRun.has(key) && !isNeutralAdjustment(a.adjustment))
    .map(([key, a]) => {
      const { coords } = parseSeriesKey(key);
      return {
        key,
        adjustment: a.adjustment,
        bottom: bottoms.flatMap((b, position) => (containsBottom(coords, b.coords) ? [position] : [])),
      };
    })
    .filter((a) => a.bottom.length > 0);
  const values = await querySeriesValues(db, run.id, [
    ...new Set([...bottoms.map((b) => b.key), ...affecting.map((a) => a.key)]),
  ]);
  const periodStarts = (values.get(bottoms[0]?.key ?? '') ?? []).map((r) => r.periodStart);
  const factors = new Map<number, Float64Array>();
  affecting.forEach((a, i) => {
    factors.set(
      i,
      adjustmentFactors(a.adjustment, {
        periodStarts,
        seasonalIndex: (values.get(a.key) ?? []).map((r) => r.seasonalIndex),
        periodsPerYear: FORECAST_PERIODS_PER_YEAR[granularity],
      }),
    );
  });
  const adjusted = adjustBottomSeries(
    bottoms.map((b) => (values.get(b.key) ?? []).map((r) => r.point)),
    affecting,
    factors,
  );
  return {
    run: { id: run.id, granularity, finishedAt: run.finishedAt, historyEnd: run.historyEnd },
    periodStarts,
    bottoms: bottoms.map((b, i) => ({
      key: b.key,
      sku: b.coords.sku ?? '',
      channel: b.coords.channel ?? '',
      region: b.coords.region ?? '',
      units: adjusted[i]!,
    })),
    adjustedSeries: affecting.map((a) => a.key),
  };
}
