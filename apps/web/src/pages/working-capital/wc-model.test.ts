import type { CashForecastResponse, ScenarioView, WorkingCapitalSummaryResponse } from '@sentia/contracts';
import { NO_ADJUSTMENTS, NO_LEVERS, STANDARD_SCENARIOS } from '@sentia/domain';
import { describe, expect, it } from 'vitest';
import { filterInvoices, groupByContact } from './ageing-model';
import {
  applyLevers,
  cashChartModel,
  compareScenarios,
  daysChartModel,
  describeAdjustments,
  formatDays,
  summaryPeriod,
} from './wc-model';

const basis = { from: '2026-03-01', to: '2026-05-31', revenuePerDayMinor: 10_000, cogsPerDayMinor: 4_000 };

/** Two weeks from 1 June: £1 000 opening, £100 of sales a day, a £2 000 bill on 10 June. */
function forecast(minimumCashMinor = 0): CashForecastResponse {
  return {
    asOf: '2026-05-31',
    horizon: '30d',
    granularity: 'day',
    currency: 'GBP',
    scenario: {
      id: null,
      name: 'Base',
      kind: 'base',
      adjustments: NO_ADJUSTMENTS,
      standard: true,
      createdAt: null,
    },
    openingCashMinor: 100_000,
    accounts: [],
    minimumCashMinor,
    facility: { limitMinor: 0, drawnMinor: 0 },
    periods: [],
    firstBreach: null,
    alerts: [],
    inputs: {
      asOf: '2026-05-31',
      days: 30,
      openingCash: [{ currency: 'GBP', minor: 100_000 }],
      rates: {},
      flows: [{ category: 'payables', date: '2026-06-10', currency: 'GBP', minor: -200_000 }],
      series: [
        { category: 'sales', currency: 'GBP', start: '2026-06-01', minor: new Array(60).fill(10_000) },
      ],
      minimumCashMinor,
      facility: { limitMinor: 0, drawnMinor: 0 },
      basis,
    },
    rates: [],
    assumptions: [],
    salesForecast: { method: 'auto', channels: [] },
    unconverted: [],
    gaps: [],
    demoData: false,
    generatedAt: '2026-05-31T00:00:00Z',
  };
}

describe('levers on the page', () => {
  it('match the API’s own projection with the levers at zero', () => {
    const outcome = applyLevers(forecast(), NO_ADJUSTMENTS, NO_LEVERS);
    expect(outcome.moved).toEqual(outcome.base);
    expect(outcome.moved).toHaveLength(30);
    // 1 000 + 30 × 100 − 2 000.
    expect(outcome.moved.at(-1)?.closingCashMinor).toBe(100_000 + 300_000 - 200_000);
    expect(outcome.horizonEffectMinor).toBe(0);
  });

  it('reducing DSO by 5 days brings five more days of sales in and releases revenue per day × 5', () => {
    const outcome = applyLevers(forecast(), NO_ADJUSTMENTS, { ...NO_LEVERS, dsoReductionDays: 5 });
    expect(outcome.horizonEffectMinor).toBe(50_000);
    expect(outcome.released).toMatchObject({ dsoMinor: 50_000, totalMinor: 50_000 });
  });

  it('marks the breach in the chart and compares every scenario', () => {
    // Minimum £1 000: 10 June closes at 1 000 + 10 × 100 − 2 000 = £0, back to £1 000 on 20 June.
    const data = forecast(100_000);
    const outcome = applyLevers(data, NO_ADJUSTMENTS, NO_LEVERS);
    expect(outcome.projection.firstBreach).toMatchObject({
      date: '2026-06-10',
      shortfallMinor: 100_000,
      recoversOn: '2026-06-20',
    });
    const chart = cashChartModel(outcome, 100_000, 'en-GB', false);
    const [band] = chart.bands;
    // 10–19 June are below (lowest = closing here, as the days are single); 9 and 20 June taper to the line.
    expect(band?.lower.slice(7, 21)).toEqual([
      null,
      1_000,
      0,
      100,
      200,
      300,
      400,
      500,
      600,
      700,
      800,
      900,
      1_000,
      null,
    ]);
    expect(band?.upper.slice(7, 21)).toEqual([null, ...new Array(12).fill(1_000), null]);
    expect(
      cashChartModel(applyLevers(forecast(), NO_ADJUSTMENTS, NO_LEVERS), 0, 'en-GB', false).bands,
    ).toEqual([]);
    expect(chart.threshold.value).toBe(1_000);
    const scenarios: ScenarioView[] = STANDARD_SCENARIOS.map((s) => ({
      ...s,
      id: null,
      standard: true,
      createdAt: null,
    }));
    const rows = compareScenarios(data, scenarios, NO_LEVERS);
    expect(rows.map((r) => r.scenario.name)).toEqual(['Base', 'Optimistic', 'Pessimistic', 'Stress']);
    expect(rows[1]!.closingCashMinor).toBeGreaterThan(rows[0]!.closingCashMinor);
    expect(rows[3]!.closingCashMinor).toBeLessThan(rows[0]!.closingCashMinor);
  });
});

describe('formatting and periods', () => {
  it('says n/a for a measure without a value', () => {
    expect(formatDays(null, 'en-GB')).toBe('n/a');
    expect(formatDays(42.46, 'en-GB')).toBe('42.5 days');
  });

  it('shows at least twelve months of trend whatever the filter period', () => {
    expect(summaryPeriod({ from: '2026-09-01', to: '2026-11-28' })).toEqual({
      from: '2025-12-01',
      to: '2026-11-28',
    });
    expect(summaryPeriod({ from: '2024-01-01', to: '2026-11-28' })).toEqual({
      from: '2024-01-01',
      to: '2026-11-28',
    });
  });

  it('describes what a scenario changes', () => {
    expect(describeAdjustments(NO_ADJUSTMENTS)).toMatch(/No changes/);
    expect(describeAdjustments(STANDARD_SCENARIOS[3]!.adjustments)).toBe(
      'Revenue −25%, COGS +10%, DSO +20 days, DPO −10 days, DIO +15 days, EUR −10%, USD −10%',
    );
  });

  it('plots each month’s days measures with the CCC target', () => {
    const month = (from: string, ccc: number | null) => ({ from, dso: 10, dio: 50, dpo: 20, ccc }) as never;
    const chart = daysChartModel(
      {
        months: [month('2026-01-01', 40), month('2026-02-01', null)],
        thresholds: { target: 55, warning: 65, critical: 75 },
      } as unknown as WorkingCapitalSummaryResponse,
      'en-GB',
    );
    expect(chart.series.find((s) => s.key === 'ccc')?.values).toEqual([40, null]);
    expect(chart.threshold).toMatchObject({ value: 55, label: 'CCC target (55 days)' });
  });
});

describe('ageing drill-down', () => {
  const invoice = (
    id: number,
    contactName: string,
    channelCode: string | null,
    bucket: '90+' | 'current',
    gbp: number | null,
  ) => ({
    id,
    invoiceNumber: `INV-${id}`,
    contactName,
    channelCode,
    issueDate: '2026-01-01',
    dueDate: '2026-02-01',
    currency: 'GBP',
    outstandingMinor: gbp ?? 100,
    outstandingGbpMinor: gbp,
    daysOverdue: bucket === '90+' ? 120 : 0,
    bucket,
  });
  const invoices = [
    invoice(1, 'Kestrel', 'wholesale-uk', '90+', 5_000),
    invoice(2, 'Kestrel', 'wholesale-uk', 'current', 1_000),
    invoice(3, 'Amazon EU', 'amazon-eu', 'current', 7_000),
    invoice(4, 'Amazon EU', 'amazon-eu', 'current', null),
  ];

  it('groups by contact in GBP per bucket, biggest first, flagging amounts without a rate', () => {
    const rows = groupByContact(invoices);
    expect(rows.map((r) => [r.contact, r.totalMinor, r.invoices, r.incomplete])).toEqual([
      ['Amazon EU', 7_000, 2, true],
      ['Kestrel', 6_000, 2, false],
    ]);
    expect(rows[1]!.buckets['90+']).toBe(5_000);
  });

  it('keeps the channels the filter bar allows', () => {
    expect(filterInvoices(invoices, new Set(['wholesale-uk'])).map((i) => i.id)).toEqual([1, 2]);
    expect(filterInvoices(invoices, null)).toHaveLength(4);
  });
});
