import { describe, expect, it } from 'vitest';
import { NO_ADJUSTMENTS } from './adjustments';
import { type CashForecastInputs, projectCash } from './cash-forecast';
import { cashPeriods, daysForHorizon } from './cash-periods';

const basis = { from: '2025-10-01', to: '2025-12-31', revenuePerDayMinor: 0, cogsPerDayMinor: 0 };

/**
 * Ten days from 1 January 2026, worked by hand. Opening: £1 000.00 + €1 000.00 × 0.80 = £1 800.00.
 * Minimum cash £100.00; a £500.00 facility, nothing drawn.
 */
const inputs: CashForecastInputs = {
  asOf: '2026-01-01',
  days: 10,
  openingCash: [
    { currency: 'GBP', minor: 100_000 },
    { currency: 'EUR', minor: 100_000 },
  ],
  rates: { EUR: 0.8 },
  flows: [
    // Overdue since December: expected on day 1 (2 Jan), €100.00 → £80.00.
    { category: 'receivables', date: '2025-12-20', currency: 'EUR', minor: 10_000 },
    { category: 'receivables', date: '2026-01-03', currency: 'GBP', minor: 50_000 },
    { category: 'payables', date: '2026-01-06', currency: 'GBP', minor: -260_000 },
    { category: 'payables', date: '2026-01-08', currency: 'GBP', minor: -100_000 },
    { category: 'receivables', date: '2026-01-10', currency: 'GBP', minor: 200_000 },
  ],
  series: [],
  minimumCashMinor: 10_000,
  facility: { limitMinor: 50_000, drawnMinor: 0 },
  basis,
};

describe('projectCash', () => {
  const projection = projectCash(inputs, NO_ADJUSTMENTS);
  const day = (date: string) => projection.days.find((d) => d.date === date)!;

  it('starts from the bank balances in GBP and adds each movement on its day', () => {
    expect(projection.openingCashMinor).toBe(180_000);
    expect(projection.days).toHaveLength(10);
    expect(day('2026-01-02')).toMatchObject({ closingCashMinor: 188_000, netFlowMinor: 8_000 });
    expect(day('2026-01-02').receipts.receivables).toBe(8_000);
    expect(day('2026-01-03').closingCashMinor).toBe(238_000);
  });

  it('draws the facility to hold the minimum, up to its limit, and repays it from surplus cash', () => {
    // 6 Jan: 238 000 − 260 000 = −22 000 → draw 32 000 to reach the 10 000 minimum.
    expect(day('2026-01-06')).toMatchObject({
      facilityMovementMinor: 32_000,
      closingCashMinor: 10_000,
      facilityDrawnMinor: 32_000,
      headroomMinor: 18_000,
      netCashMinor: -22_000,
      belowMinimum: false,
    });
    // 8 Jan: 10 000 − 100 000 = −90 000 → the last 18 000 of headroom → −72 000, a breach.
    expect(day('2026-01-08')).toMatchObject({
      facilityMovementMinor: 18_000,
      closingCashMinor: -72_000,
      facilityDrawnMinor: 50_000,
      headroomMinor: 0,
      belowMinimum: true,
    });
    // 10 Jan: −72 000 + 200 000 = 128 000 → repay all 50 000 → 78 000.
    expect(day('2026-01-10')).toMatchObject({
      facilityMovementMinor: -50_000,
      closingCashMinor: 78_000,
      facilityDrawnMinor: 0,
      netCashMinor: 78_000,
    });
  });

  it('reports the first breach with its date and size, its peak and when cash recovers', () => {
    expect(projection.firstBreach).toEqual({
      date: '2026-01-08',
      closingCashMinor: -72_000,
      shortfallMinor: 82_000,
      peakShortfallMinor: 82_000,
      peakDate: '2026-01-08',
      recoversOn: '2026-01-10',
    });
  });

  it('reconciles: receipts and payments add up to the open invoices exactly', () => {
    const receipts = projection.days.reduce((s, d) => s + d.receipts.receivables, 0);
    const payments = projection.days.reduce((s, d) => s + d.payments.payables, 0);
    expect(receipts).toBe(8_000 + 50_000 + 200_000);
    expect(payments).toBe(360_000);
    const last = projection.days.at(-1)!;
    expect(last.netCashMinor).toBe(180_000 + receipts - payments);
  });

  it('names a currency without a rate and leaves it out', () => {
    const p = projectCash(
      { ...inputs, flows: [{ category: 'receivables', date: '2026-01-02', currency: 'CHF', minor: 5 }] },
      NO_ADJUSTMENTS,
    );
    expect(p.unconverted).toEqual(['CHF']);
    expect(p.days[0]?.netFlowMinor).toBe(0);
  });

  it('applies scenario adjustments: slower customers, dearer euro, more revenue', () => {
    const p = projectCash(
      {
        ...inputs,
        series: [{ category: 'sales', currency: 'EUR', start: '2026-01-02', minor: [10_000, 10_000] }],
      },
      { revenuePct: 50, cogsPct: 0, dsoDays: 2, dpoDays: 0, dioDays: 0, fxPct: { EUR: 25 } },
    );
    // Opening €1 000 at 0.80 × 1.25 = 1.00 → £1 000; overdue €100 → £100 on day 1 + 2 = 4 Jan.
    expect(p.openingCashMinor).toBe(200_000);
    expect(p.days[0]?.netFlowMinor).toBe(0);
    // Sales of €100 a day: £100 × 1.5 = £150, received two days later (4 and 5 Jan).
    expect(p.days[2]?.receipts).toMatchObject({ receivables: 10_000, sales: 15_000 });
    expect(p.days[3]?.receipts).toMatchObject({ receivables: 50_000, sales: 15_000 });
  });
});

describe('cashPeriods', () => {
  it('groups days into weeks from the day after asOf, carrying cash across', () => {
    const projection = projectCash({ ...inputs, days: 14 }, NO_ADJUSTMENTS);
    const weeks = cashPeriods(projection, '13w');
    expect(weeks).toHaveLength(2);
    expect(weeks[0]).toMatchObject({
      start: '2026-01-02',
      end: '2026-01-08',
      openingCashMinor: 180_000,
      receiptsMinor: 58_000,
      paymentsMinor: 360_000,
      facilityMovementMinor: 50_000,
      closingCashMinor: -72_000,
      lowestCashMinor: -72_000,
      lowestCashDate: '2026-01-08',
      daysBelowMinimum: 1,
    });
    expect(weeks[1]).toMatchObject({
      start: '2026-01-09',
      openingCashMinor: -72_000,
      closingCashMinor: 78_000,
    });
  });

  it('groups into calendar months, the first from the day after asOf', () => {
    const asOf = '2026-01-20';
    const days = daysForHorizon(asOf, '24m');
    // 21 Jan 2026 … 31 Dec 2027: 11 days of January, 334 of the rest of 2026, 365 of 2027.
    expect(days).toBe(11 + 334 + 365);
    const months = cashPeriods(projectCash({ ...inputs, asOf, flows: [], days }, NO_ADJUSTMENTS), '24m');
    expect(months).toHaveLength(24);
    expect(months[0]).toMatchObject({ start: '2026-01-21', end: '2026-01-31' });
    expect(months[1]).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(months[23]).toMatchObject({ start: '2027-12-01', end: '2027-12-31' });
    expect(daysForHorizon(asOf, '30d')).toBe(30);
    expect(daysForHorizon(asOf, '13w')).toBe(91);
  });
});
