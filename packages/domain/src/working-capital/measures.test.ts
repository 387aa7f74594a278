import { describe, expect, it } from 'vitest';
import { monthSlices } from './dates';
import { combinePeriods, computePeriodMeasures, daysOf, type PeriodInput, trailingWindow } from './measures';

const gbp = (minor: number) => ({ currency: 'GBP', minor });

/** March 2026 (31 days), all in GBP, worked by hand in the comments. */
const march: PeriodInput = {
  from: '2026-03-01',
  to: '2026-03-31',
  revenueMinor: 310_000, // £100.00 a day
  cogsMinor: 155_000, // £50.00 a day
  receivables: [gbp(150_000)],
  inventory: [gbp(300_000)],
  payables: [gbp(100_000)],
  rates: {},
};

describe('computePeriodMeasures', () => {
  it('computes DSO, DIO, DPO and CCC from period-end balances (hand-worked, one currency)', () => {
    const m = computePeriodMeasures(march);
    expect(m.days).toBe(31);
    // DSO = 150 000 ÷ 310 000 × 31 = 15; DIO = 300 000 ÷ 155 000 × 31 = 60; DPO = 100 000 ÷ 155 000 × 31 = 20.
    expect(m.dso).toBe(15);
    expect(m.dio).toBe(60);
    expect(m.dpo).toBe(20);
    expect(m.ccc).toBe(55);
    expect(m.grossMarginMinor).toBe(155_000);
    expect(m.grossMarginPct).toBe(0.5);
    // NOWC = 150 000 + 300 000 − 100 000.
    expect(m.netWorkingCapitalMinor).toBe(350_000);
    // Turnover annualises the month: 310 000 × 365/31 ÷ 350 000 = 3 650 000 ÷ 350 000.
    expect(m.workingCapitalTurnover).toBeCloseTo(3_650_000 / 350_000, 12);
    // 155 000 × 365/31 ÷ 300 000 = 1 825 000 ÷ 300 000.
    expect(m.inventoryTurnover).toBeCloseTo(1_825_000 / 300_000, 12);
    expect(m.unconvertedCurrencies).toEqual([]);
  });

  it('converts balances in several currencies at the period-end rates (hand-worked)', () => {
    const m = computePeriodMeasures({
      from: '2026-04-01',
      to: '2026-04-30',
      revenueMinor: 270_000,
      cogsMinor: 132_000,
      // 50 000 + 100 000 EUR × 0.85 = 135 000
      receivables: [gbp(50_000), { currency: 'EUR', minor: 60_000 }, { currency: 'EUR', minor: 40_000 }],
      // 200 000 + 25 000 USD × 0.80 = 220 000
      inventory: [gbp(200_000), { currency: 'USD', minor: 25_000 }],
      // 50 000 USD × 0.80 = 40 000
      payables: [{ currency: 'USD', minor: 50_000 }],
      rates: { EUR: '0.85', USD: 0.8 },
    });
    expect(m.receivablesMinor).toBe(135_000);
    expect(m.inventoryMinor).toBe(220_000);
    expect(m.payablesMinor).toBe(40_000);
    expect(m.dso).toBe(15); // 135 000 ÷ 270 000 × 30
    expect(m.dio).toBe(50); // 220 000 ÷ 132 000 × 30
    expect(m.dpo).toBeCloseTo((40_000 / 132_000) * 30, 12); // 9.0909…
    expect(m.ccc).toBeCloseTo(15 + 50 - (40_000 / 132_000) * 30, 12);
    expect(m.netWorkingCapitalMinor).toBe(315_000);
  });

  it('gives n/a, never a division by zero, for a month without revenue or COGS', () => {
    const m = computePeriodMeasures({ ...march, revenueMinor: 0, cogsMinor: 0 });
    expect(m.dso).toBeNull();
    expect(m.dio).toBeNull();
    expect(m.dpo).toBeNull();
    expect(m.ccc).toBeNull();
    expect(m.grossMarginPct).toBeNull();
    expect(m.workingCapitalTurnover).toBeNull();
    expect(m.inventoryTurnover).toBeNull();
    // The balances themselves are still known.
    expect(m.receivablesMinor).toBe(150_000);
    expect(m.netWorkingCapitalMinor).toBe(350_000);
  });

  it('keeps DSO when only COGS is missing, and CCC is n/a then', () => {
    const m = computePeriodMeasures({ ...march, cogsMinor: 0 });
    expect(m.dso).toBe(15);
    expect(m.dio).toBeNull();
    expect(m.ccc).toBeNull();
  });

  it('treats negative revenue (refunds over sales) as n/a rather than a negative DSO', () => {
    expect(computePeriodMeasures({ ...march, revenueMinor: -5_000 }).dso).toBeNull();
    expect(daysOf(100, -1, 30)).toBeNull();
    expect(daysOf(null, 100, 30)).toBeNull();
  });

  it('says which currency had no rate instead of leaving it out of a balance', () => {
    const m = computePeriodMeasures({
      ...march,
      receivables: [gbp(100_000), { currency: 'CHF', minor: 10_000 }],
    });
    expect(m.receivablesMinor).toBeNull();
    expect(m.dso).toBeNull();
    expect(m.netWorkingCapitalMinor).toBeNull();
    expect(m.unconvertedCurrencies).toEqual(['CHF']);
    expect(m.dio).toBe(60);
  });

  it('gives n/a turnover when net working capital is negative', () => {
    const m = computePeriodMeasures({ ...march, payables: [gbp(600_000)] });
    expect(m.netWorkingCapitalMinor).toBe(-150_000);
    expect(m.workingCapitalTurnover).toBeNull();
  });
});

describe('trailing windows', () => {
  const month = (from: string, to: string, revenue: number, receivables: number): PeriodInput => ({
    from,
    to,
    revenueMinor: revenue,
    cogsMinor: revenue / 2,
    receivables: [gbp(receivables)],
    inventory: [gbp(0)],
    payables: [gbp(0)],
    rates: {},
  });
  const q1 = [
    month('2026-01-01', '2026-01-31', 31_000, 99_999),
    month('2026-02-01', '2026-02-28', 28_000, 88_888),
    month('2026-03-01', '2026-03-31', 31_000, 30_000),
  ];

  it('sums flows over the window and uses the balance at its end (90 days)', () => {
    const m = computePeriodMeasures(combinePeriods(q1));
    expect(m.days).toBe(90);
    expect(m.revenueMinor).toBe(90_000);
    // 30 000 ÷ 90 000 × 90 = 30, with the balance at 31 March, not an average.
    expect(m.dso).toBe(30);
  });

  it('needs the full number of months', () => {
    expect(trailingWindow(q1, 3)?.from).toBe('2026-01-01');
    expect(trailingWindow(q1, 2)?.from).toBe('2026-02-01');
    expect(trailingWindow(q1, 12)).toBeNull();
  });
});

describe('monthSlices', () => {
  it('clips the first and last months to the range', () => {
    expect(monthSlices('2026-01-15', '2026-03-10')).toEqual([
      { from: '2026-01-15', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-10' },
    ]);
    expect(monthSlices('2024-02-01', '2024-02-29')).toEqual([{ from: '2024-02-01', to: '2024-02-29' }]);
  });
});
