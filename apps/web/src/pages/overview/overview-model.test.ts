import type { OverviewResponse } from '@sentia/contracts';
import { describe, expect, it } from 'vitest';
import { chartCsv } from '../../ui/chart-model';
import { trendChartModel, trendGap } from './overview-model';

const overview: OverviewResponse = {
  period: { from: '2025-03-01', to: '2025-03-02' },
  previousPeriod: { from: '2025-02-27', to: '2025-02-28' },
  currency: 'GBP',
  kpis: [
    {
      key: 'revenue',
      label: 'Revenue',
      unit: 'money',
      value: null,
      previous: null,
      currency: 'GBP',
      formula: 'sum of net order line amounts',
      asOf: null,
      gap: {
        reason: 'No sales imported',
        supplyBy: [{ label: 'Connect Shopify', href: '/data/connections' }],
      },
    },
  ],
  trend: [
    { day: '2025-03-01', revenueMinor: 123456, units: 40, grossMarginMinor: 50001 },
    { day: '2025-03-02', revenueMinor: 7, units: 1, grossMarginMinor: -3 },
  ],
  demoData: true,
  dataUpdatedAt: '2025-03-02T10:00:00Z',
  generatedAt: '2025-03-02T10:05:00Z',
};

describe('trendChartModel', () => {
  const model = trendChartModel(overview, 'en-GB');

  it('plots money in pounds on the left and units on the right', () => {
    expect(model.x).toEqual(['2025-03-01', '2025-03-02']);
    expect(model.series.map((s) => [s.key, s.axis])).toEqual([
      ['revenue', 'left'],
      ['grossMargin', 'left'],
      ['units', 'right'],
    ]);
    expect(model.series[0]?.values).toEqual([1234.56, 0.07]);
  });

  it('shows exact pounds in tooltips and compact ticks on axes', () => {
    expect(model.series[0]?.format(1234.56)).toBe('£1,234.56');
    expect(model.series[1]?.format(-0.03)).toBe('-£0.03');
    expect(model.series[2]?.format(4000)).toBe('4,000');
    expect(model.axes.left.tick(250_000)).toBe('£250k');
  });

  it('exports the plotted figures to CSV', () => {
    const csv = chartCsv({ x: model.x, xLabel: 'Day', series: model.series });
    expect(csv.split('\r\n')[1]).toBe('2025-03-01,1234.56,500.01,40');
  });

  it('finds the reason an empty trend is empty', () => {
    expect(trendGap(overview)?.reason).toBe('No sales imported');
  });
});
