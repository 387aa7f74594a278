import type { CashForecastResponse, WorkingCapitalSettings } from '@sentia/contracts';
import type { ChannelReceiptTerms } from './flow-series';
import type { PlannedSupplySource } from './planned-supply';
import { PRICE_WINDOW_DAYS, type StoredSalesForecast } from './stored-sales-forecast';

export interface AssumptionInputs {
  receiptTerms: readonly ChannelReceiptTerms[];
  /** The stored demand-forecast runs used for the first days, or null (the engine's forecast throughout). */
  storedSales: StoredSalesForecast | null;
  /** First day forecast by the engine's own method. */
  engineFrom: string;
  customerDelays: number;
  supplierDelays: number;
  cogsRatio: number;
  payLag: { days: number; bills: number };
  committedGbp: number;
  planned: readonly {
    source: Pick<PlannedSupplySource, 'name' | 'describe'>;
    count: number;
    gbpMinor: number;
  }[];
  otherWeekly: number | null;
  recurringCount: number;
  settings: WorkingCapitalSettings;
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const pounds = (minor: number) =>
  `£${(Math.abs(minor) / 100).toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;

/** How each line of the forecast was built, in words the finance team can check. */
export function forecastAssumptions(a: AssumptionInputs): CashForecastResponse['assumptions'] {
  const channels = a.receiptTerms
    .map(
      (c) =>
        `${c.code}: ${c.settlementDays} days after a ${c.payoutEveryDays === 1 ? 'daily' : `${c.payoutEveryDays}-day`} payout cycle, ${pct(c.collectionRatio)} of revenue`,
    )
    .join('; ');
  const facility = a.settings.creditFacility;
  return [
    {
      category: 'receivables',
      text: `Open customer invoices, each expected on its due date moved by that customer's observed payment delay (amount-weighted over invoices settled in the last year; ${a.customerDelays} customers with history, others on the due date). Overdue amounts are expected on the first day.`,
    },
    {
      category: 'sales',
      text: `${salesSource(a)} Received per channel terms (${channels}). The share of revenue received is observed: invoiced ÷ revenue over 26 weeks (fees, refunds), 100% without invoices. Sales made but not yet invoiced are included.`,
    },
    {
      category: 'payables',
      text: `Open supplier bills on their due date moved by our observed payment delay to that supplier (${a.supplierDelays} suppliers with history).`,
    },
    {
      category: 'purchases',
      text: `${a.planned.map((p) => `${p.source.describe.replace(/\.$/, '')}: ${p.count}, ${pounds(p.gbpMinor)}.`).join(' ')} In all ${a.planned.reduce((n, p) => n + p.count, 0)} committed item(s) not yet billed, ${pounds(a.committedGbp)}.`,
    },
    {
      category: 'replenishment',
      text: `Stock that forecast sales use up is bought back: forecast revenue × the COGS ratio of the last 13 weeks (${pct(a.cogsRatio)}), less the committed purchases and production above (each replaces the restocking payments due on or after its own payment date, so nothing is bought twice and nothing is paid early), paid ${a.payLag.days.toFixed(0)} days later (observed days from bill to payment over ${a.payLag.bills} bills). Holds stock at today's days of cover; the DIO lever changes that.`,
    },
    {
      category: 'recurring',
      text:
        a.recurringCount > 0
          ? `${a.recurringCount} recurring cost(s) entered in the settings (payroll, overhead, VAT, …) on their dates.`
          : 'No recurring costs (payroll, overhead, VAT) are entered in the settings.',
    },
    {
      category: 'other',
      text:
        a.otherWeekly === null
          ? a.settings.includeObservedOtherFlows
            ? 'Bank history is shorter than 13 weeks, so other bank movements cannot be observed and are left out.'
            : 'Other bank movements are switched off in the settings.'
          : `Bank movements not explained by invoice payments over the last 13 weeks (payroll, overhead, VAT, transfers), as a run rate of ${a.otherWeekly < 0 ? '−' : ''}${pounds(a.otherWeekly)} a week. Switch it off in the settings once those costs are entered as recurring costs.`,
    },
    {
      category: 'facility',
      text:
        facility.limitMinor > 0
          ? `Credit facility of ${pounds(facility.limitMinor)} (${pounds(facility.drawnMinor)} drawn): drawn to keep cash at the ${pounds(a.settings.minimumCashMinor)} minimum, repaid from cash above it.`
          : `No credit facility entered; a breach is any day closing below the ${pounds(a.settings.minimumCashMinor)} minimum cash.`,
    },
  ];
}

const ENGINE_TEXT =
  "the forecasting engine's auto method (ETS and Theta combined; yearly seasonality once two years are known) on 4-week totals of GBP revenue per channel, spread evenly over each period's days";

/** Where forecast sales come from: the stored demand-forecast runs where they reach, then the engine. */
function salesSource(a: AssumptionInputs): string {
  const stored = a.storedSales;
  if (!stored) {
    return `No stored demand forecast covers the coming days (no succeeded run yet), so GBP revenue per channel is forecast with ${ENGINE_TEXT}.`;
  }
  const runs = stored.runs
    .map((r) => {
      const adjusted =
        r.adjustedSeries.length > 0
          ? `with the planners' adjustments of ${r.adjustedSeries.length} series (${r.adjustedSeries.join(', ')})`
          : 'no planner adjustments';
      return `the ${r.granularity}ly run of ${r.finishedAt?.slice(0, 10) ?? 'unknown date'} (history to the ${r.granularity} of ${r.historyEnd ?? '?'}; ${adjusted}) from ${r.from} to ${r.to}`;
    })
    .join(', then ');
  return `Forecast sales come from the demand forecast's stored runs: ${runs}. Units per SKU × channel (adjusted where planners adjusted, else statistical) are valued at the SKU's GBP revenue per unit on that channel over the last ${PRICE_WINDOW_DAYS / 7} weeks (else over three years, else on any channel), summed per channel and spread evenly over each period's days. From ${a.engineFrom}, beyond the runs, ${ENGINE_TEXT}.`;
}
