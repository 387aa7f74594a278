import { z } from 'zod';
import { dataGap, isoDate } from './common';

/** The global filter bar: kept in the URL, applied to every page. */
export const globalFilters = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  region: z.string().max(16).optional(),
  channel: z.string().max(64).optional(),
  sku: z.string().max(64).optional(),
});
export type GlobalFilters = z.infer<typeof globalFilters>;

export const kpiKey = z.enum([
  'revenue',
  'units',
  'grossMargin',
  'grossMarginPct',
  'stockValue',
  'receivables',
  'payables',
]);
export type KpiKey = z.infer<typeof kpiKey>;

export const kpi = z.object({
  key: kpiKey,
  label: z.string(),
  unit: z.enum(['money', 'units', 'percent']),
  /** Money in minor units of `currency`; percent as a fraction (0.42 = 42%). Null when no data. */
  value: z.number().nullable(),
  /** The same measure over the preceding period of equal length, for the change arrow. */
  previous: z.number().nullable(),
  currency: z.string().length(3).optional(),
  /** How it was computed, shown on demand ("every figure can show how it was computed"). */
  formula: z.string(),
  /** As of when the underlying data is known (point-in-time measures such as stock). */
  asOf: isoDate.nullable(),
  /** Present when there is no data: which connection or import would supply it. */
  gap: dataGap.optional(),
});
export type Kpi = z.infer<typeof kpi>;

export const trendPoint = z.object({
  day: isoDate,
  revenueMinor: z.number().int(),
  units: z.number().int(),
  grossMarginMinor: z.number().int(),
});
export type TrendPoint = z.infer<typeof trendPoint>;

export const overviewResponse = z.object({
  period: z.object({ from: isoDate, to: isoDate }),
  previousPeriod: z.object({ from: isoDate, to: isoDate }),
  currency: z.literal('GBP'),
  kpis: z.array(kpi),
  trend: z.array(trendPoint),
  /** True when any figure on the page comes from the labelled demo data set. */
  demoData: z.boolean(),
  /** When the data behind the page last changed (latest sync, import or demo load). */
  dataUpdatedAt: z.string().nullable(),
  generatedAt: z.string(),
});
export type OverviewResponse = z.infer<typeof overviewResponse>;

/** The filter choices offered in the global filter bar. */
export const filterOptionsResponse = z.object({
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  channels: z.array(z.object({ code: z.string(), name: z.string(), regionCode: z.string() })),
  skus: z.array(z.object({ sku: z.string(), name: z.string() })),
  dataRange: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }),
});
export type FilterOptionsResponse = z.infer<typeof filterOptionsResponse>;
