import type { DatabaseHandle } from '@sentia/db';
import { cashPeriods, NO_ADJUSTMENTS, NO_LEVERS, projectCash, withLevers } from '@sentia/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../test-support/database';
import { refreshSalesDaily } from '../analytics/refresh-sales-daily';
import { loadDemoData } from '../demo';
import { getCashForecast } from './cash-forecast/get-cash-forecast';
import { getAgeing } from './get-ageing';
import { getWorkingCapitalSummary } from './get-working-capital-summary';

const END = '2026-06-30';
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createPgliteTestDatabase();
  const logger = { info() {}, warn() {} };
  await loadDemoData({ db: handle.db, logger, days: 120, endDate: END });
  await refreshSalesDaily(handle.db);
});
afterAll(async () => handle?.close());

describe('working capital on 120 days of demo data', () => {
  it('measures every month with figures, and the ageing totals match the summary’s balances', async () => {
    const summary = await getWorkingCapitalSummary({ db: handle.db }, { from: '2026-04-01', to: END }, END);
    expect(summary.demoData).toBe(true);
    for (const month of summary.months) {
      expect(month.dso, month.from).toBeGreaterThan(0);
      expect(month.dio, month.from).toBeGreaterThan(0);
      expect(month.dpo, month.from).toBeGreaterThan(0);
    }
    const receivables = await getAgeing({ db: handle.db }, 'receivable', END);
    const payables = await getAgeing({ db: handle.db }, 'payable', END);
    // The summary converts each currency's total once; the ageing converts each invoice (to bucket it),
    // so the two differ by at most half a penny per invoice.
    const gap = (key: string, total: number) =>
      Math.abs(summary.kpis.find((k) => k.key === key)!.value! - total);
    expect(gap('receivables', receivables.totalMinor)).toBeLessThanOrEqual(receivables.invoices.length / 2);
    expect(gap('payables', payables.totalMinor)).toBeLessThanOrEqual(payables.invoices.length / 2);
    expect(receivables.totalMinor).toBeGreaterThan(0);
  });

  it('forecasts cash whose invoice receipts and payments reconcile exactly to the open invoices', async () => {
    const forecast = await getCashForecast({ db: handle.db }, { horizon: '24m' }, END);
    const receivables = await getAgeing({ db: handle.db }, 'receivable', END);
    const payables = await getAgeing({ db: handle.db }, 'payable', END);
    const sum = (pick: (p: (typeof forecast.periods)[number]) => number) =>
      forecast.periods.reduce((s, p) => s + pick(p), 0);
    expect(sum((p) => p.receipts.receivables)).toBe(receivables.totalMinor);
    expect(sum((p) => p.payments.payables)).toBe(payables.totalMinor);
    expect(forecast.periods).toHaveLength(24);
    expect(forecast.openingCashMinor).toBeGreaterThan(0);
    expect(sum((p) => p.receipts.sales)).toBeGreaterThan(0);
    expect(sum((p) => p.payments.replenishment)).toBeGreaterThan(0);
  });

  it('recomputes from its own inputs exactly as the page does, and a lever releases cash', async () => {
    const forecast = await getCashForecast({ db: handle.db }, { horizon: '13w' }, END);
    const again = cashPeriods(projectCash(forecast.inputs, forecast.scenario.adjustments), '13w');
    expect(again).toEqual(forecast.periods);
    const levers = { ...NO_LEVERS, dsoReductionDays: 10 };
    const moved = cashPeriods(projectCash(forecast.inputs, withLevers(NO_ADJUSTMENTS, levers)), '13w');
    expect(moved.at(-1)!.netCashMinor).toBeGreaterThan(forecast.periods.at(-1)!.netCashMinor);
  });
});
