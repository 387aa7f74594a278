import type {
  AdjustmentVersion,
  ForecastAccuracy,
  ForecastBand,
  ForecastChild,
  ForecastQuery,
  ForecastResponse,
} from '@sentia/contracts';
import {
  type AdjustedPath,
  addForecastPeriods,
  adjustBottomSeries,
  adjustmentFactors,
  applyAdjustment,
  FORECAST_PERIODS_PER_YEAR,
  type ForecastPath,
  isNeutralAdjustment,
  parseSeriesKey,
  rescalePath,
  type SeriesCoordinates,
  type SeriesLevel,
  sumBottom,
} from '@sentia/domain';
import type { AppContext } from '../../context';
import { DATA_GAPS } from '../overview/data-gaps';
import { queryCurrentAdjustments } from './adjustments';
import { queryNames, querySalesPresence } from './queries/query-names';
import { queryActiveRun, queryLatestRun, runSummary } from './queries/query-runs';
import { querySeries, querySeriesSummaries, querySeriesValues, type ValueRow } from './queries/query-series';
import { resolveSeries } from './resolve-series';
import { containsBottom, isChildOf, seriesRefOf, trailOf } from './series-tree';

interface Node {
  key: string;
  level: SeriesLevel;
  coords: SeriesCoordinates;
  /** Positions in the bottom list under the requested series. */
  bottom: number[];
}

const band = (path: ForecastPath | AdjustedPath, h: number): ForecastBand => ({
  mean: path.mean[h]!,
  lower80: path.lower80[h]!,
  upper80: path.upper80[h]!,
  lower95: path.lower95[h]!,
  upper95: path.upper95[h]!,
});

function pathOf(rows: readonly ValueRow[]): ForecastPath {
  return {
    mean: rows.map((r) => r.point),
    lower80: rows.map((r) => r.lo80),
    upper80: rows.map((r) => r.hi80),
    lower95: rows.map((r) => r.lo95),
    upper95: rows.map((r) => r.hi95),
  };
}

function accuracyOf(value: unknown): ForecastAccuracy | null {
  const a = value as Partial<ForecastAccuracy> | null;
  if (!a || typeof a.points !== 'number' || a.points === 0) return null;
  return {
    smape: a.smape ?? null,
    mase: a.mase ?? null,
    bias: a.bias ?? null,
    coverage80: a.coverage80 ?? null,
    coverage95: a.coverage95 ?? null,
    origins: a.origins ?? 0,
    horizon: a.horizon ?? 0,
    points: a.points,
  };
}

/**
 * One series of the latest forecast run: its history, the reconciled statistical forecast with 80/95%
 * intervals, the adjusted forecast (the planners' adjustments of this series and of the totals above
 * and series below it), backtest accuracy, the model, and the series one level down to drill into.
 * Says what is missing instead when there are no sales, no run yet, or no such series in the run.
 */
export async function getForecast(
  ctx: Pick<AppContext, 'db'>,
  query: ForecastQuery,
): Promise<ForecastResponse> {
  const { db } = ctx;
  const granularity = query.granularity;
  const target = await resolveSeries(db, query);
  const [names, run, active, presence] = await Promise.all([
    queryNames(db),
    queryLatestRun(db, granularity),
    queryActiveRun(db, granularity),
    querySalesPresence(db),
  ]);
  const ref = seriesRefOf(target.level, target.coords, names);
  const response: Omit<ForecastResponse, 'state' | 'message'> = {
    series: ref,
    trail: trailOf(target.level, target.coords).map((t) => seriesRefOf(t.level, t.coords, names)),
    granularity,
    periodsPerYear: FORECAST_PERIODS_PER_YEAR[granularity],
    run: run ? runSummary(run) : null,
    activeRun: active ? runSummary(active) : null,
    model: null,
    accuracy: null,
    history: [],
    forecast: [],
    adjustment: null,
    adjustedElsewhere: [],
    children: [],
    demoData: presence.demo,
    generatedAt: new Date().toISOString(),
  };
  if (!run) {
    if (!presence.sales)
      return { ...response, state: 'no-data', message: DATA_GAPS.sales.reason, gap: DATA_GAPS.sales };
    return {
      ...response,
      state: 'not-yet',
      message: active
        ? 'The first forecast is being computed from the sales history.'
        : 'No forecast has been computed yet: one runs after each data load or sync, and nightly.',
    };
  }
  const series = await querySeries(db, run.id, target.key);
  if (!series) {
    return {
      ...response,
      state: 'no-series',
      message: `There are no sales of ${ref.label} in the history the latest forecast used (${run.historyStart} to the week or month starting ${run.historyEnd}).`,
    };
  }

  const summaries = await querySeriesSummaries(db, run.id);
  const parsed = summaries.map((s) => ({ ...s, ...parseSeriesKey(s.key) }));
  const bottoms = parsed.filter((s) => s.level === 'sku-channel' && containsBottom(target.coords, s.coords));
  const positionsUnder = (coords: SeriesCoordinates) =>
    bottoms.flatMap((b, position) => (containsBottom(coords, b.coords) ? [position] : []));

  const adjustments = await queryCurrentAdjustments(db, granularity);
  const own = adjustments.get(target.key) ?? null;
  // Adjusted series that share bottom series with this one: totals above it and series below it.
  const affecting: (Node & { adjustment: AdjustmentVersion })[] = [];
  for (const [key, adjustment] of adjustments) {
    if (isNeutralAdjustment(adjustment.adjustment)) continue;
    const { level, coords } = parseSeriesKey(key);
    const bottom = positionsUnder(coords);
    if (bottom.length > 0) affecting.push({ key, level, coords, bottom, adjustment });
  }
  const children: Node[] = parsed
    .filter((s) => isChildOf(s, target))
    .map((s) => ({ key: s.key, level: s.level, coords: s.coords, bottom: positionsUnder(s.coords) }));

  const keys = new Set([target.key, ...bottoms.map((b) => b.key), ...affecting.map((a) => a.key)]);
  const values = await querySeriesValues(db, run.id, [...keys]);
  const ownRows = values.get(target.key) ?? [];
  const periodStarts = ownRows.map((r) => r.periodStart);
  const perYear = FORECAST_PERIODS_PER_YEAR[granularity];
  const frameOf = (key: string) => ({
    periodStarts,
    seasonalIndex: (values.get(key) ?? []).map((r) => r.seasonalIndex),
    periodsPerYear: perYear,
  });

  // Node indices for the adjustment arithmetic: the target first, then the adjusted series.
  const nodes: Node[] = [{ ...target, bottom: bottoms.map((_, p) => p) }, ...affecting];
  const factors = new Map<number, Float64Array>();
  affecting.forEach((a, i) => {
    factors.set(i + 1, adjustmentFactors(a.adjustment.adjustment, frameOf(a.key)));
  });
  const bottomMeans = bottoms.map((b) => (values.get(b.key) ?? []).map((r) => r.point));
  const statistical = pathOf(ownRows);
  const othersAffect = affecting.some((a) => a.key !== target.key);
  const ownIndex = affecting.findIndex((a) => a.key === target.key) + 1;
  const inherited = othersAffect
    ? rescalePath(
        statistical,
        sumBottom(nodes[0]!, adjustBottomSeries(bottomMeans, nodes, factors, ownIndex || undefined)),
      )
    : statistical;
  const adjusted =
    own && !isNeutralAdjustment(own.adjustment)
      ? applyAdjustment(inherited, own.adjustment, frameOf(target.key))
      : inherited;
  const adjustedBottoms = adjustBottomSeries(bottomMeans, nodes, factors);

  const horizon = Math.min(query.horizon ?? run.horizon, ownRows.length);
  const history = (series.history as number[]).map((units, t) => ({
    periodStart: addForecastPeriods(run.historyStart!, t, granularity),
    units,
  }));
  const sum = (values: ArrayLike<number>) => {
    let total = 0;
    for (let h = 0; h < horizon; h++) total += values[h]!;
    return total;
  };
  const summaryByKey = new Map(parsed.map((s) => [s.key, s]));
  const params = series.params as Record<string, number>;
  const { seasonal, ...modelParams } = params;

  return {
    ...response,
    state: 'ready',
    message: null,
    model: {
      method: series.method,
      model: series.model,
      demandClass: series.demandClass,
      seasonal: seasonal === 1,
      params: modelParams,
    },
    accuracy: accuracyOf(series.accuracy),
    history: history.filter(
      (p) => (!query.from || p.periodStart >= query.from) && (!query.to || p.periodStart <= query.to),
    ),
    forecast: ownRows.slice(0, horizon).map((row, h) => ({
      periodStart: row.periodStart,
      base: row.basePoint,
      statistical: band(statistical, h),
      inherited: band(inherited, h),
      adjusted: band(adjusted, h),
      seasonalIndex: row.seasonalIndex,
    })),
    adjustment: own,
    adjustedElsewhere: affecting
      .filter((a) => a.key !== target.key)
      .map((a) => seriesRefOf(a.level, a.coords, names)),
    children: children
      .map((child): ForecastChild => {
        const summary = summaryByKey.get(child.key);
        return {
          series: seriesRefOf(child.level, child.coords, names),
          model: summary?.model ?? '',
          lastPeriodUnits: summary?.lastUnits ?? 0,
          statisticalTotal: sum(sumBottom(child, bottomMeans)),
          adjustedTotal: sum(sumBottom(child, adjustedBottoms)),
          smape: summary?.smape ?? null,
          adjusted: affecting.some((a) => a.key === child.key),
        };
      })
      .sort((a, b) => b.statisticalTotal - a.statisticalTotal),
  };
}
