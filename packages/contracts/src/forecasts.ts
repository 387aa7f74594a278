import { z } from 'zod';
import { dataGap, isoDate } from './common';

/** Demand forecasts per SKU × channel × region and every total above them, weekly and monthly. */

export const forecastGranularity = z.enum(['week', 'month']);
export type ForecastGranularityName = z.infer<typeof forecastGranularity>;

export const forecastLevel = z.enum(['company', 'region', 'channel', 'sku', 'sku-region', 'sku-channel']);
export type ForecastLevel = z.infer<typeof forecastLevel>;

export const reconciliationMethod = z.enum(['bottom-up', 'mint-wls']);

/**
 * Which series: the level, or the coordinates alone (SKU + channel → SKU × channel, SKU + region →
 * SKU × region, SKU → SKU, channel → channel, region → region, none → the company total).
 */
export const seriesCoordinates = z.object({
  level: forecastLevel.optional(),
  sku: z.string().min(1).max(64).optional(),
  channel: z.string().min(1).max(64).optional(),
  region: z.string().min(1).max(16).optional(),
});

export const forecastQuery = seriesCoordinates.extend({
  granularity: forecastGranularity.default('week'),
  /** Periods ahead to return (at most what the run forecast); default: all of them. */
  horizon: z.coerce.number().int().min(1).max(104).optional(),
  /** History shown from/to (the global period filter); default: all the history the run used. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ForecastQuery = z.infer<typeof forecastQuery>;

export const seriesRef = z.object({
  key: z.string(),
  level: forecastLevel,
  /** e.g. "GIN-70CL · Amazon UK (FBA)" or "All regions". */
  label: z.string(),
  sku: z.string().nullable(),
  channel: z.string().nullable(),
  region: z.string().nullable(),
});
export type SeriesRef = z.infer<typeof seriesRef>;

export const forecastBand = z.object({
  mean: z.number(),
  lower80: z.number(),
  upper80: z.number(),
  lower95: z.number(),
  upper95: z.number(),
});
export type ForecastBand = z.infer<typeof forecastBand>;

export const forecastPoint = z.object({
  periodStart: isoDate,
  /** The series' own model forecast, before the levels were reconciled. */
  base: z.number().nullable(),
  /** Reconciled statistical forecast with its 80% and 95% prediction intervals (units). */
  statistical: forecastBand,
  /** Statistical forecast with the adjustments of other series applied (those above and below it), not its own. */
  inherited: forecastBand,
  /** What planners work to: `inherited` with this series' own adjustment applied. */
  adjusted: forecastBand,
  /** Multiplicative seasonal index the seasonality-strength adjustment scales (1: no season). */
  seasonalIndex: z.number(),
});
export type ForecastPoint = z.infer<typeof forecastPoint>;

export const forecastAccuracy = z.object({
  /** Rolling-origin backtest of the same method; null when the history was too short to score. */
  smape: z.number().nullable(),
  mase: z.number().nullable(),
  bias: z.number().nullable(),
  coverage80: z.number().nullable(),
  coverage95: z.number().nullable(),
  origins: z.number().int(),
  horizon: z.number().int(),
  points: z.number().int(),
});
export type ForecastAccuracy = z.infer<typeof forecastAccuracy>;

export const forecastRunSummary = z.object({
  id: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  granularity: forecastGranularity,
  trigger: z.enum(['data-changed', 'schedule', 'manual']),
  method: z.string(),
  reconciliation: reconciliationMethod,
  horizon: z.number().int(),
  seriesCount: z.number().int(),
  dataVersion: z.string().nullable(),
  historyStart: isoDate.nullable(),
  historyEnd: isoDate.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ForecastRunSummary = z.infer<typeof forecastRunSummary>;

export const forecastPromotion = z
  .object({
    periodStart: isoDate,
    upliftPct: z.number().min(-100).max(1000),
    label: z.string().max(80).optional(),
  })
  .strict();

/** A planner's adjustment of one series (see packages/domain/src/forecasting-adjustments). */
export const forecastAdjustment = z
  .object({
    /** Yearly growth, compounding from the forecast origin. */
    growthPct: z.number().min(-100).max(500),
    /** 0 flattens the seasonal swings, 1 keeps them, 2 doubles them. */
    seasonalityStrength: z.number().min(0).max(2),
    promotions: z
      .array(forecastPromotion)
      .max(104)
      .refine((list) => new Set(list.map((p) => p.periodStart)).size === list.length, {
        message: 'one promotion per period',
      }),
  })
  .strict();
export type ForecastAdjustmentBody = z.infer<typeof forecastAdjustment>;

export const adjustmentVersion = z.object({
  seriesKey: z.string(),
  granularity: forecastGranularity,
  version: z.number().int(),
  adjustment: forecastAdjustment,
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
});
export type AdjustmentVersion = z.infer<typeof adjustmentVersion>;

export const forecastChild = z.object({
  series: seriesRef,
  model: z.string(),
  /** Units in the last period of the history. */
  lastPeriodUnits: z.number(),
  /** Sum over the forecast horizon. */
  statisticalTotal: z.number(),
  adjustedTotal: z.number(),
  smape: z.number().nullable(),
  adjusted: z.boolean(),
});
export type ForecastChild = z.infer<typeof forecastChild>;

export const forecastResponse = z.object({
  series: seriesRef,
  /** From the company total down to this series, for breadcrumbs. */
  trail: z.array(seriesRef),
  granularity: forecastGranularity,
  periodsPerYear: z.number().int(),
  /**
   * ready: a forecast is shown; no-data: no sales at all (see `gap`); not-yet: sales exist but no run has
   * finished; no-series: the run has no sales for this combination (e.g. a SKU not sold in that channel).
   */
  state: z.enum(['ready', 'no-data', 'not-yet', 'no-series']),
  message: z.string().nullable(),
  gap: dataGap.optional(),
  run: forecastRunSummary.nullable(),
  /** A run in progress for this granularity (the page shows it and refreshes when it ends). */
  activeRun: forecastRunSummary.nullable(),
  model: z
    .object({
      method: z.string(),
      model: z.string(),
      demandClass: z.string().nullable(),
      seasonal: z.boolean(),
      params: z.record(z.string(), z.number()),
    })
    .nullable(),
  accuracy: forecastAccuracy.nullable(),
  history: z.array(z.object({ periodStart: isoDate, units: z.number() })),
  forecast: z.array(forecastPoint),
  /** This series' own current adjustment (null: never adjusted). */
  adjustment: adjustmentVersion.nullable(),
  /** Other adjusted series whose adjustments reach this one (totals above it, series below it). */
  adjustedElsewhere: z.array(seriesRef),
  children: z.array(forecastChild),
  demoData: z.boolean(),
  generatedAt: z.string(),
});
export type ForecastResponse = z.infer<typeof forecastResponse>;

export const saveAdjustmentBody = seriesCoordinates
  .extend({
    granularity: forecastGranularity,
    /** The version the planner started from (0 when there was none): a newer one is a conflict. */
    baseVersion: z.number().int().min(0),
    adjustment: forecastAdjustment,
    note: z.string().max(500).optional(),
  })
  .strict();
export type SaveAdjustmentBody = z.infer<typeof saveAdjustmentBody>;

export const adjustmentHistoryQuery = seriesCoordinates.extend({
  granularity: forecastGranularity.default('week'),
});

export const adjustmentHistoryResponse = z.object({
  series: seriesRef,
  versions: z.array(adjustmentVersion),
});
export type AdjustmentHistoryResponse = z.infer<typeof adjustmentHistoryResponse>;

export const forecastRunsResponse = z.object({ runs: z.array(forecastRunSummary) });
export type ForecastRunsResponse = z.infer<typeof forecastRunsResponse>;

export const requestForecastRunResponse = z.object({
  requested: z.array(
    z.object({
      granularity: forecastGranularity,
      dataVersion: z.string(),
      /** False when a run for this data version is already queued or done (nothing has changed). */
      enqueued: z.boolean(),
    }),
  ),
});
export type RequestForecastRunResponse = z.infer<typeof requestForecastRunResponse>;
