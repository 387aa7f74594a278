import type { DataGap, WorkingCapitalSummaryResponse } from '@sentia/contracts';
import {
  addMonths,
  type CurrencyAmount,
  cccAlerts,
  cccStatus,
  combinePeriods,
  computePeriodMeasures,
  type DateRange,
  inclusiveDays,
  monthSlices,
  sumInGbp,
} from '@sentia/domain';
import type { AppContext } from '../../context';
import { ValidationError } from '../../platform/errors';
import { queryDataPresence } from '../overview/queries/query-data-presence';
import { WC_GAPS } from './data-gaps';
import { loadPeriodInputs } from './load-period-inputs';
import { queryBankPosition } from './queries/query-bank-position';
import { rateTable } from './queries/query-fx-rates';
import { convertMoneyFields } from './reporting-currency';
import { loadWorkingCapitalSettings, queryChannels } from './settings';
import { workingCapitalBreakdown } from './summary-breakdown';
import { measuresView, workingCapitalKpis } from './summary-kpis';

const MAX_PERIOD_DAYS = 3_700;

/** The period shown: the given bounds, else the twelve calendar months to today (the last one to date). */
export function resolveSummaryPeriod(query: { from?: string; to?: string }, today: string): DateRange {
  const to = query.to ?? today;
  const from = query.from ?? addMonths(to, -11);
  if (from > to) {
    throw new ValidationError('The period starts after it ends.', [
      { field: 'querystring.from', message: `must be on or before "to" (${to})` },
    ]);
  }
  if (inclusiveDays(from, to) > MAX_PERIOD_DAYS) {
    throw new ValidationError('The period is too long.', [
      { field: 'querystring.from', message: `the period may span at most ${MAX_PERIOD_DAYS} days` },
    ]);
  }
  return { from, to };
}

/**
 * Working capital per month of the period and over the trailing 3 and 12 months to its end: DSO,
 * DIO, DPO, CCC on **period-end balances** (receivables, stock and payables on the last day of each
 * month or window, never averages), with breakdowns, CCC status and alerts against the settings.
 */
export async function getWorkingCapitalSummary(
  ctx: Pick<AppContext, 'db'>,
  query: { from?: string; to?: string; currency?: string },
  today: string,
): Promise<WorkingCapitalSummaryResponse> {
  const period = resolveSummaryPeriod(query, today);
  const months = monthSlices(period.from, period.to);
  // Thirteen months to the period end: the trailing 12, and the trailing 3 one month earlier.
  const trailing = monthSlices(addMonths(period.to, -12), period.to);
  const ranges = uniqueRanges([...months, ...trailing]);
  const [loaded, stored, channels, presence, bank] = await Promise.all([
    loadPeriodInputs(ctx.db, ranges),
    loadWorkingCapitalSettings(ctx.db),
    queryChannels(ctx.db),
    queryDataPresence(ctx.db),
    queryBankPosition(ctx.db, period.to),
  ]);
  const inputOf = (range: DateRange) =>
    loaded.inputs.find((i) => i.from === range.from && i.to === range.to)!;
  const monthly = months.map((m) => computePeriodMeasures(inputOf(m)));
  const windowOf = (slices: DateRange[]) =>
    slices.length === 0 ? null : computePeriodMeasures(combinePeriods(slices.map(inputOf)));
  const trailing3 = windowOf(trailing.slice(-3));
  const previousTrailing3 = trailing.length >= 4 ? windowOf(trailing.slice(-4, -1)) : null;
  const trailing12 = trailing.length >= 13 ? windowOf(trailing.slice(-12)) : null;

  const ratesAtEnd = rateTable(loaded.rates.get(period.to));
  const cash = sumInGbp(
    bank.map((a): CurrencyAmount => ({ currency: a.currency, minor: a.balanceMinor })),
    ratesAtEnd,
  );
  const gaps = {
    ...(presence.orders ? {} : { sales: WC_GAPS.sales }),
    ...(presence.stock ? {} : { stock: WC_GAPS.stock }),
    ...(presence.receivables ? {} : { receivables: WC_GAPS.receivables }),
    ...(presence.payables ? {} : { payables: WC_GAPS.payables }),
    ...(bank.length > 0 ? {} : { bank: WC_GAPS.bank }),
  };
  const unconverted = new Set(
    [...monthly, trailing3, trailing12].flatMap((m) => m?.unconvertedCurrencies ?? []),
  );
  const gapList: DataGap[] = [...Object.values(gaps), ...(unconverted.size > 0 ? [WC_GAPS.fxRates] : [])];
  const settings = stored.settings;
  const window = trailing.slice(-3);
  const breakdownWindow = { from: window[0]!.from, to: window[window.length - 1]!.to };

  const response: WorkingCapitalSummaryResponse = {
    period,
    currency: 'GBP',
    conversion: null,
    months: monthly.map(measuresView),
    trailing3: trailing3 && measuresView(trailing3),
    previousTrailing3: previousTrailing3 && measuresView(previousTrailing3),
    trailing12: trailing12 && measuresView(trailing12),
    kpis: workingCapitalKpis({
      trailing3,
      previousTrailing3,
      months: monthly,
      cashMinor: bank.length > 0 ? cash.minor : null,
      cashAsOf: bank.reduce<string | null>((d, a) => (d === null || a.asOf > d ? a.asOf : d), null),
      settings,
      gaps,
    }),
    breakdown: await workingCapitalBreakdown(
      ctx.db,
      breakdownWindow,
      channels,
      loaded.receivables,
      ratesAtEnd,
    ),
    balanceSheet: { currentRatio: null, quickRatio: null, gap: WC_GAPS.balanceSheet },
    thresholds: settings.cccThresholds,
    cccStatus: cccStatus(trailing3?.ccc ?? null, settings.cccThresholds),
    alerts: cccAlerts(
      monthly.map((m) => ({ month: m.from, ccc: m.ccc })),
      settings.cccThresholds,
      settings.cccRiseAlertDays,
    ),
    leverBasis:
      trailing3 && trailing3.revenueMinor > 0
        ? {
            from: trailing3.from,
            to: trailing3.to,
            revenuePerDayMinor: trailing3.revenueMinor / trailing3.days,
            cogsPerDayMinor: trailing3.cogsMinor / trailing3.days,
          }
        : null,
    gaps: gapList,
    demoData: presence.demo,
    dataUpdatedAt: presence.updatedAt,
    generatedAt: new Date().toISOString(),
  };
  const currency = query.currency ?? 'GBP';
  if (currency === 'GBP') return response;
  const rate = loaded.rates.get(period.to)?.get(currency);
  if (!rate) {
    throw new ValidationError('No FX rate for the reporting currency.', [
      { field: 'querystring.currency', message: `no ${currency} rate to GBP on or before ${period.to}` },
    ]);
  }
  return convertMoneyFields(response, currency, rate.gbpPerUnit, rate.rateDate);
}

function uniqueRanges(ranges: readonly DateRange[]): DateRange[] {
  const seen = new Map<string, DateRange>();
  for (const r of ranges) seen.set(`${r.from}|${r.to}`, r);
  return [...seen.values()];
}
