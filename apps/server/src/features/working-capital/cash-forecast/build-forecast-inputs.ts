import type { CashForecastResponse, DataGap } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import {
  addMonths,
  type CashFlowItem,
  type CashForecastInputs,
  convertMinor,
  dayNumber,
  daysForHorizon,
  inclusiveDays,
  observedPaymentDelays,
  outstandingOn,
  settledOn,
  shiftDate,
  sumInGbp,
} from '@sentia/domain';
import { queryDataPresence } from '../../overview/queries/query-data-presence';
import { WC_GAPS } from '../data-gaps';
import { queryBankPosition } from '../queries/query-bank-position';
import { queryChannelInvoicing } from '../queries/query-channel-invoicing';
import { queryRatesAt, rateList, rateTable } from '../queries/query-fx-rates';
import type { InvoiceRow } from '../queries/query-invoice-histories';
import { queryInvoiceHistories } from '../queries/query-invoice-histories';
import { OTHER_FLOWS_WINDOW_DAYS, queryUnexplainedBankMovements } from '../queries/query-other-flows';
import { queryDailyChannelRevenue } from '../queries/query-sales';
import { effectiveChannelTerms, loadWorkingCapitalSettings, queryChannels } from '../settings';
import { forecastAssumptions } from './assumptions';
import {
  type ChannelReceiptTerms,
  offsetOf,
  recurringCostFlows,
  replenishmentSeries,
  runRateSeries,
  salesReceiptSeries,
} from './flow-series';
import { PLANNED_SUPPLY_SOURCES } from './planned-supply';
import { forecastChannelSales, PERIOD_DAYS, spreadEvenly } from './sales-forecast';
import { loadStoredSalesForecast } from './stored-sales-forecast';

/** Extra days of flows beyond the longest horizon, so DSO/DPO shifts of up to 180 days pull real flows in. */
export const LEVER_BUFFER_DAYS = 180;
const HISTORY_WEEKS = 156;
const PENDING_SALES_MAX_DAYS = 35;

export type ForecastBuild = Omit<
  CashForecastResponse,
  'horizon' | 'granularity' | 'scenario' | 'periods' | 'firstBreach' | 'alerts' | 'generatedAt' | 'inputs'
> & { inputs: CashForecastInputs };

/**
 * Everything the cash forecast is computed from, as of `asOf` (normally today): opening bank
 * balances, open invoices expected by due date + each counterparty's observed delay, forecast
 * sales by channel terms, committed purchases and production, replenishment, recurring costs and
 * the bank's other movements — as dated flows the projection (and the page's levers) use.
 */
export async function buildCashForecastInputs(db: Database, asOf: string): Promise<ForecastBuild> {
  const historyStart = shiftDate(asOf, -(HISTORY_WEEKS * 7 - 1));
  const horizonDays = daysForHorizon(asOf, '24m');
  const totalDays = horizonDays + LEVER_BUFFER_DAYS;
  const [
    stored,
    channels,
    bank,
    ratesAt,
    receivables,
    payables,
    invoicing,
    unexplained,
    daily,
    presence,
    storedSales,
  ] = await Promise.all([
    loadWorkingCapitalSettings(db),
    queryChannels(db),
    queryBankPosition(db, asOf),
    queryRatesAt(db, [asOf]),
    queryInvoiceHistories(db, 'receivable', shiftDate(asOf, -366), asOf),
    queryInvoiceHistories(db, 'payable', shiftDate(asOf, -366), asOf),
    queryChannelInvoicing(db, asOf),
    queryUnexplainedBankMovements(db, asOf),
    queryDailyChannelRevenue(db, { from: historyStart, to: asOf }),
    queryDataPresence(db),
    loadStoredSalesForecast(db, asOf, totalDays),
  ]);
  const settings = stored.settings;
  const rates = rateTable(ratesAt.get(asOf));
  const customerDelays = observedPaymentDelays(receivables, asOf);
  const supplierDelays = observedPaymentDelays(payables, asOf);

  const invoiceFlows = (invoices: readonly InvoiceRow[], category: 'receivables' | 'payables') =>
    invoices.flatMap((invoice): CashFlowItem[] => {
      const outstanding = outstandingOn(invoice, asOf);
      if (outstanding === 0) return [];
      const delay = Math.round(
        (category === 'receivables' ? customerDelays : supplierDelays).get(invoice.counterparty)?.days ?? 0,
      );
      return [
        {
          category,
          date: shiftDate(invoice.dueDate, delay),
          currency: invoice.currency,
          minor: category === 'receivables' ? outstanding : -outstanding,
        },
      ];
    });

  // Weekly GBP revenue per channel: complete 7-day weeks, the last ending on asOf.
  const weekly = new Map(channels.map((c) => [c.code, new Array<number>(HISTORY_WEEKS).fill(0)]));
  for (const row of daily) {
    const week = HISTORY_WEEKS - 1 - Math.floor((dayNumber(asOf) - dayNumber(row.day)) / 7);
    const series = weekly.get(row.channelCode);
    if (series && week >= 0) series[week]! += row.revenueMinor;
  }
  const forecasts = forecastChannelSales(
    channels.map((c) => ({ code: c.code, weekly: weekly.get(c.code)! })),
    Math.ceil(totalDays / PERIOD_DAYS),
  );

  const terms = effectiveChannelTerms(channels, settings);
  const receiptTerms: ChannelReceiptTerms[] = terms.map((term) => {
    const billing = invoicing.find((i) => i.channelCode === term.channelCode);
    const invoicedGbp = sumInGbp(billing?.invoiced ?? [], rates).minor ?? 0;
    const ratio =
      billing && invoicedGbp > 0 && billing.invoicedRevenueGbpMinor > 0
        ? invoicedGbp / billing.invoicedRevenueGbpMinor
        : 1;
    const pendingFrom = billing?.lastInvoiceDate
      ? billing.lastInvoiceDate
      : shiftDate(asOf, -(term.settlementDays + term.payoutEveryDays));
    const earliest = shiftDate(asOf, -PENDING_SALES_MAX_DAYS);
    const forecastPeriods = forecasts.find((f) => f.code === term.channelCode)?.periods ?? [];
    const engineDaily = forecastPeriods.flatMap((p) => spreadEvenly(p, PERIOD_DAYS));
    // The stored demand forecast where its runs reach; the engine's own forecast after that.
    const storedDaily = storedSales
      ? (storedSales.daily.get(term.channelCode) ?? new Array<number>(storedSales.days).fill(0))
      : [];
    return {
      code: term.channelCode,
      currency: term.currency,
      settlementDays: term.settlementDays,
      payoutEveryDays: term.payoutEveryDays,
      collectionRatio: ratio,
      forecastDaily: [...storedDaily, ...engineDaily.slice(storedDaily.length)].slice(0, totalDays),
      pending: daily
        .filter((d) => d.channelCode === term.channelCode && d.day > pendingFrom && d.day > earliest)
        .map((d) => ({ offset: offsetOf(asOf, d.day), revenueMinor: d.revenueMinor })),
    };
  });

  const loaded = await Promise.all(
    PLANNED_SUPPLY_SOURCES.map((source) => source.load(db, asOf, supplierDelays)),
  );
  const planned = loaded.flat();
  const committedGbp = -(sumInGbp(planned, rates).minor ?? 0);
  const committedPayments = planned.map((item) => ({
    day: offsetOf(asOf, item.date),
    gbpMinor: -(sumInGbp([item], rates).minor ?? 0),
  }));

  // COGS ratio and the supplier payment lag, observed over the recent past.
  const recent = daily.filter((d) => d.day > shiftDate(asOf, -91));
  const recentRevenue = recent.reduce((s, d) => s + d.revenueMinor, 0);
  const cogsRatio = recentRevenue > 0 ? recent.reduce((s, d) => s + d.cogsMinor, 0) / recentRevenue : 0;
  const payLag = supplierPaymentLag(payables, asOf);
  const forecastRevenueDaily = Array.from({ length: totalDays }, (_, i) =>
    receiptTerms.reduce((sum, c) => sum + (c.forecastDaily[i] ?? 0), 0),
  );

  const otherWeekly =
    settings.includeObservedOtherFlows && unexplained
      ? ([...unexplained].reduce(
          (sum, [currency, minor]) =>
            sum +
            (currency === 'GBP'
              ? minor
              : rates[currency]
                ? convertMinor(minor, currency, 'GBP', rates[currency])
                : 0),
          0,
        ) *
          7) /
        OTHER_FLOWS_WINDOW_DAYS
      : null;

  const until = shiftDate(asOf, totalDays);
  const flows: CashFlowItem[] = [
    ...invoiceFlows(receivables, 'receivables'),
    ...invoiceFlows(payables, 'payables'),
    ...planned.map(({ category, date, currency, minor }) => ({ category, date, currency, minor })),
    ...recurringCostFlows(settings.recurringCosts, asOf, until),
  ];
  const series = [
    ...salesReceiptSeries(asOf, totalDays, receiptTerms, rates),
    replenishmentSeries(asOf, totalDays, forecastRevenueDaily, cogsRatio, committedPayments, payLag.days),
    ...(otherWeekly !== null && otherWeekly !== 0 ? [runRateSeries(asOf, totalDays, otherWeekly)] : []),
  ];
  // Levers are measured on the trailing three calendar months, as in the summary.
  const basisFrom = addMonths(asOf, -2);
  const basisRows = daily.filter((d) => d.day >= basisFrom);
  const basisDays = inclusiveDays(basisFrom, asOf);
  const inputs: CashForecastInputs = {
    asOf,
    days: horizonDays,
    openingCash: bank.map((a) => ({ currency: a.currency, minor: a.balanceMinor })),
    rates,
    flows,
    series,
    minimumCashMinor: settings.minimumCashMinor,
    facility: settings.creditFacility,
    basis: {
      from: basisFrom,
      to: asOf,
      revenuePerDayMinor: basisRows.reduce((s, d) => s + d.revenueMinor, 0) / basisDays,
      cogsPerDayMinor: basisRows.reduce((s, d) => s + d.cogsMinor, 0) / basisDays,
    },
  };

  const gaps: DataGap[] = [
    ...(bank.length === 0 ? [WC_GAPS.bank] : []),
    ...(presence.orders ? [] : [WC_GAPS.sales]),
    ...(presence.receivables ? [] : [WC_GAPS.receivables]),
    ...(presence.payables ? [] : [WC_GAPS.payables]),
    ...(settings.recurringCosts.length === 0 && otherWeekly === null ? [WC_GAPS.recurringCosts] : []),
  ];
  const opening = sumInGbp(inputs.openingCash, rates);
  return {
    asOf,
    currency: 'GBP',
    openingCashMinor: bank.length > 0 ? opening.minor : null,
    accounts: bank,
    minimumCashMinor: settings.minimumCashMinor,
    facility: settings.creditFacility,
    inputs,
    rates: rateList(ratesAt.get(asOf)),
    assumptions: forecastAssumptions({
      receiptTerms,
      storedSales,
      engineFrom: shiftDate(asOf, (storedSales?.days ?? 0) + 1),
      customerDelays: customerDelays.size,
      supplierDelays: supplierDelays.size,
      cogsRatio,
      payLag,
      committedGbp,
      planned: PLANNED_SUPPLY_SOURCES.map((source, i) => ({
        source,
        count: loaded[i]!.length,
        gbpMinor: -(sumInGbp(loaded[i]!, rates).minor ?? 0),
      })),
      otherWeekly,
      recurringCount: settings.recurringCosts.length,
      settings,
    }),
    salesForecast: {
      method: storedSales
        ? `stored ${storedSales.runs.map((r) => `${r.granularity}ly run to ${r.to}`).join(', ')}; auto after`
        : 'auto',
      channels: forecasts.map((f) => ({ code: f.code, model: f.model, historyWeeks: f.historyWeeks })),
    },
    unconverted: opening.unconverted,
    gaps,
    demoData: presence.demo,
  };
}

/**
 * Days from a supplier bill to its payment, amount-weighted over bills settled in the last year —
 * how long after buying stock we actually pay for it. Zero when there is no history.
 */
function supplierPaymentLag(payables: readonly InvoiceRow[], asOf: string): { days: number; bills: number } {
  let weighted = 0;
  let weight = 0;
  let bills = 0;
  const start = dayNumber(asOf) - 365;
  for (const bill of payables) {
    const settled = settledOn(bill);
    if (!settled || dayNumber(settled) <= start || settled > asOf || bill.amountMinor <= 0) continue;
    weighted += (dayNumber(settled) - dayNumber(bill.issueDate)) * bill.amountMinor;
    weight += bill.amountMinor;
    bills++;
  }
  return { days: weight > 0 ? weighted / weight : 0, bills };
}
