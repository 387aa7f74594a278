import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CashAdjustments,
  leverCashReleased,
  NO_ADJUSTMENTS,
  NO_LEVERS,
  withLevers,
} from './adjustments';
import {
  type CashFlowSeries,
  type CashForecastInputs,
  type FlowCategory,
  projectCash,
} from './cash-forecast';

const asOf = '2026-01-01';
const start = '2026-01-02';

function inputsWith(series: CashFlowSeries[], days: number, cogsPerDayMinor = 0, revenuePerDayMinor = 0) {
  return {
    asOf,
    days,
    openingCash: [{ currency: 'GBP', minor: 1_000_000 }],
    rates: { EUR: 0.85 },
    flows: [],
    series,
    minimumCashMinor: 0,
    facility: { limitMinor: 250_000, drawnMinor: 0 },
    basis: { from: '2025-10-01', to: '2025-12-31', revenuePerDayMinor, cogsPerDayMinor },
  } satisfies CashForecastInputs;
}

/** Net cash (cash less facility drawn) at the end of each day. */
const netCash = (inputs: CashForecastInputs, adjustments: CashAdjustments) =>
  projectCash(inputs, adjustments).days.map((d) => d.netCashMinor);

const amounts = (length: number, max: number) =>
  fc.array(fc.integer({ min: 0, max }), { minLength: length, maxLength: length });

const constant = (category: FlowCategory, perDay: number, length: number, sign: 1 | -1): CashFlowSeries => ({
  category,
  currency: 'GBP',
  start,
  minor: new Array(length).fill(sign * perDay),
});

describe('levers move cash in the right direction by the computed amount', () => {
  it('reducing DSO by N days releases revenue per day × N (steady sales)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 31, max: 120 }),
        (perDay, n, horizon) => {
          const inputs = inputsWith([constant('sales', perDay, horizon + n, 1)], horizon, 0, perDay);
          const levers = { ...NO_LEVERS, dsoReductionDays: n };
          const base = netCash(inputs, NO_ADJUSTMENTS);
          const moved = netCash(inputs, withLevers(NO_ADJUSTMENTS, levers));
          const released = leverCashReleased(inputs.basis, levers);
          expect(released.dsoMinor).toBe(perDay * n);
          expect(moved.at(-1)! - base.at(-1)!).toBe(released.dsoMinor);
        },
      ),
    );
  });

  it('extending DPO by N days keeps COGS per day × N (steady purchases)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 31, max: 120 }),
        (perDay, n, horizon) => {
          const inputs = inputsWith([constant('replenishment', perDay, horizon, -1)], horizon, perDay);
          const levers = { ...NO_LEVERS, dpoExtensionDays: n };
          const base = netCash(inputs, NO_ADJUSTMENTS);
          const moved = netCash(inputs, withLevers(NO_ADJUSTMENTS, levers));
          expect(moved.at(-1)! - base.at(-1)!).toBe(leverCashReleased(inputs.basis, levers).dpoMinor);
        },
      ),
    );
  });

  it('cutting DIO by N days saves COGS per day × N of purchases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 31, max: 120 }),
        (perDay, n, horizon) => {
          const inputs = inputsWith([constant('replenishment', perDay, horizon, -1)], horizon, perDay);
          const levers = { ...NO_LEVERS, dioReductionDays: n };
          const base = netCash(inputs, NO_ADJUSTMENTS);
          const moved = netCash(inputs, withLevers(NO_ADJUSTMENTS, levers));
          expect(moved.at(-1)! - base.at(-1)!).toBe(leverCashReleased(inputs.basis, levers).dioMinor);
        },
      ),
    );
  });

  it('never lowers net cash on any day, whatever the flows (and moves it by exactly the shifted receipts)', () => {
    fc.assert(
      fc.property(
        amounts(150, 1_000_000),
        amounts(150, 1_000_000),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 200_000 }),
        (receipts, payments, dso, dpo, dio, cogsPerDay) => {
          const horizon = 100;
          const inputs = inputsWith(
            [
              { category: 'receivables', currency: 'EUR', start, minor: receipts },
              { category: 'replenishment', currency: 'GBP', start, minor: payments.map((p) => -p) },
            ],
            horizon,
            cogsPerDay,
          );
          const levers = { dsoReductionDays: dso, dpoExtensionDays: dpo, dioReductionDays: dio };
          const base = netCash(inputs, NO_ADJUSTMENTS);
          const moved = netCash(inputs, withLevers(NO_ADJUSTMENTS, levers));
          for (const [i, value] of moved.entries()) expect(value).toBeGreaterThanOrEqual(base[i]!);
          if (dpo === 0 && dio === 0) {
            // Receipts due on days t+1 … t+N arrive by day t instead (€ at 0.85).
            const t = horizon;
            const early = receipts.slice(t, t + dso).reduce((s, r) => s + Math.round(r * 0.85), 0);
            expect(moved[t - 1]! - base[t - 1]!).toBe(early);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('moves cash the other way when the days move the other way', () => {
    fc.assert(
      fc.property(amounts(120, 500_000), fc.integer({ min: 1, max: 30 }), (flows, n) => {
        const inputs = inputsWith(
          [
            { category: 'sales', currency: 'GBP', start, minor: flows },
            { category: 'payables', currency: 'GBP', start, minor: flows.map((f) => -f) },
          ],
          90,
        );
        const base = netCash(inputs, NO_ADJUSTMENTS);
        const slower = netCash(inputs, { ...NO_ADJUSTMENTS, dsoDays: n });
        const sooner = netCash(inputs, { ...NO_ADJUSTMENTS, dpoDays: -n });
        for (const [i, v] of slower.entries()) expect(v).toBeLessThanOrEqual(base[i]!);
        for (const [i, v] of sooner.entries()) expect(v).toBeLessThanOrEqual(base[i]!);
      }),
      { numRuns: 60 },
    );
  });
});

describe('scenarios are pure', () => {
  const adjustments = fc.record({
    revenuePct: fc.integer({ min: -100, max: 200 }),
    cogsPct: fc.integer({ min: -100, max: 200 }),
    dsoDays: fc.integer({ min: -90, max: 90 }),
    dpoDays: fc.integer({ min: -90, max: 90 }),
    dioDays: fc.integer({ min: -90, max: 90 }),
    fxPct: fc.record({ EUR: fc.integer({ min: -50, max: 100 }) }),
  });

  it('never changes their inputs, and the facility stays within its limit', () => {
    fc.assert(
      fc.property(amounts(60, 2_000_000), adjustments, (flows, adj) => {
        const inputs = deepFreeze(
          inputsWith(
            [
              { category: 'sales', currency: 'EUR', start, minor: flows },
              { category: 'replenishment', currency: 'GBP', start, minor: flows.map((f) => -f) },
            ],
            60,
            50_000,
            80_000,
          ),
        );
        const before = JSON.stringify(inputs);
        const projection = projectCash(inputs, deepFreeze(adj));
        expect(JSON.stringify(inputs)).toBe(before);
        for (const day of projection.days) {
          expect(day.facilityDrawnMinor).toBeGreaterThanOrEqual(0);
          expect(day.facilityDrawnMinor).toBeLessThanOrEqual(250_000);
          expect(day.closingCashMinor - day.facilityDrawnMinor).toBe(day.netCashMinor);
        }
      }),
      { numRuns: 80 },
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
