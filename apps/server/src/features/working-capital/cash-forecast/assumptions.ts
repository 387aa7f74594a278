import type { CashForecastResponse, WorkingCapitalSettings } from '@sentia/contracts';
import type { ChannelReceiptTerms } from './flow-series';
import { PLANNED_SUPPLY_SOURCES } from './planned-supply';

export interface AssumptionInputs {
  receiptTerms: readonly ChannelReceiptTerms[];
  customerDelays: number;
  supplierDelays: number;
  cogsRatio: number;
  payLag: { days: number; bills: number };
  committedGbp: number;
  plannedCount: number;
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
      text: `GBP revenue per channel forecast in 4-week periods with the forecasting engine's auto method (ETS and Theta combined; yearly seasonality once two years are known), spread evenly over each period's days, until the demand-forecasting feature's stored forecasts land; received per channel terms (${channels}). The share of revenue received is observed: invoiced ÷ revenue over 26 weeks (fees, refunds), 100% without invoices. Sales made but not yet invoiced are included.`,
    },
    {
      category: 'payables',
      text: `Open supplier bills on their due date moved by our observed payment delay to that supplier (${a.supplierDelays} suppliers with history).`,
    },
    {
      category: 'purchases',
      text: `${PLANNED_SUPPLY_SOURCES.map((s) => s.describe).join(' ')} ${a.plannedCount} committed item(s) not yet billed, ${pounds(a.committedGbp)} in all. Approved purchase proposals from the inventory plan will be added here when that feature lands.`,
    },
    {
      category: 'replenishment',
      text: `Stock that forecast sales use up is bought back: forecast revenue × the COGS ratio of the last 13 weeks (${pct(a.cogsRatio)}), less the committed purchases above, paid ${a.payLag.days.toFixed(0)} days later (observed days from bill to payment over ${a.payLag.bills} bills). Holds stock at today's days of cover; the DIO lever changes that.`,
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
