import type { KpiKey, OverviewResponse } from '@sentia/contracts';
import {
  formatCompactNumber,
  formatMoney,
  formatNumber,
  majorToMinor,
  minorToMajor,
} from '../../format/number';
import type { ChartAxis, ChartSeries } from '../../ui/chart-model';
import type { GoodDirection } from '../../ui/kpi-format';

/**
 * Where each KPI drills down to. A tile links only once its page is in the route table
 * (KpiTile checks), so these light up as the Demand, Inventory and Working-capital pages land.
 */
export const KPI_DRILL_DOWN: Record<KpiKey, string> = {
  revenue: '/demand',
  units: '/demand',
  grossMargin: '/demand',
  grossMarginPct: '/demand',
  stockValue: '/inventory',
  receivables: '/working-capital',
  payables: '/working-capital',
};

/** Only where "up" is plainly good; stock, receivables and payables are judgement calls. */
export const KPI_GOOD_DIRECTION: Record<KpiKey, GoodDirection> = {
  revenue: 'up',
  units: 'up',
  grossMargin: 'up',
  grossMarginPct: 'up',
  stockValue: 'neutral',
  receivables: 'neutral',
  payables: 'neutral',
};

export interface TrendChartModel {
  x: string[];
  series: ChartSeries[];
  axes: { left: ChartAxis; right: ChartAxis };
}

/**
 * The daily trend: revenue and gross margin on the money axis, units on the right. Money is plotted
 * in major units (pounds) — the division is exact to display precision and the CSV carries the
 * same plotted numbers.
 */
export function trendChartModel(overview: OverviewResponse, locale: string): TrendChartModel {
  const { currency, trend } = overview;
  const money = (major: number) => formatMoney(majorToMinor(major, currency), currency, locale);
  return {
    x: trend.map((p) => p.day),
    series: [
      {
        key: 'revenue',
        label: `Revenue (${currency})`,
        axis: 'left',
        values: trend.map((p) => minorToMajor(p.revenueMinor, currency)),
        format: money,
      },
      {
        key: 'grossMargin',
        label: `Gross margin (${currency})`,
        axis: 'left',
        values: trend.map((p) => minorToMajor(p.grossMarginMinor, currency)),
        format: money,
      },
      {
        key: 'units',
        label: 'Units',
        axis: 'right',
        values: trend.map((p) => p.units),
        format: (v) => formatNumber(v, locale),
      },
    ],
    axes: {
      left: {
        label: currency,
        tick: (v) => formatMoney(majorToMinor(v, currency), currency, locale, { compact: true }),
      },
      right: { label: 'Units', tick: (v) => formatCompactNumber(v, locale) },
    },
  };
}

/** The KPI that says why the trend is empty, when one does. */
export function trendGap(overview: OverviewResponse) {
  return overview.kpis.find((k) => k.key === 'revenue')?.gap;
}
