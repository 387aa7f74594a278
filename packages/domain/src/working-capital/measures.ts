import { type DateRange, inclusiveDays } from './dates';
import { type CurrencyAmount, type FxRates, sumInGbp } from './fx';

/**
 * Everything a period's measures need. Flows (revenue, COGS) are over the period, already in GBP
 * (sales_daily converts each day at that day's rate); balances are **at the period end**, in their
 * own currencies, converted here with the rates of the period end.
 */
export interface PeriodInput extends DateRange {
  revenueMinor: number;
  cogsMinor: number;
  receivables: readonly CurrencyAmount[];
  /** Stock at cost, in each product's cost currency. */
  inventory: readonly CurrencyAmount[];
  payables: readonly CurrencyAmount[];
  /** GBP per unit at the period end. */
  rates: FxRates;
}

/** A measure that cannot be computed (no revenue, no COGS, a balance without an FX rate) is null: "n/a". */
export interface PeriodMeasures extends DateRange {
  days: number;
  revenueMinor: number;
  cogsMinor: number;
  grossMarginMinor: number;
  grossMarginPct: number | null;
  receivablesMinor: number | null;
  inventoryMinor: number | null;
  payablesMinor: number | null;
  /** Receivables + inventory − payables (net operating working capital). */
  netWorkingCapitalMinor: number | null;
  dso: number | null;
  dio: number | null;
  dpo: number | null;
  ccc: number | null;
  /** Annualised revenue ÷ net working capital at the period end. */
  workingCapitalTurnover: number | null;
  /** Annualised COGS ÷ inventory at cost at the period end. */
  inventoryTurnover: number | null;
  /** Currencies that had balances but no FX rate, so the balances they are in are n/a. */
  unconvertedCurrencies: string[];
}

const DAYS_PER_YEAR = 365;

/**
 * balance ÷ flow × days, the "days of" measures. n/a (null) when the flow is zero or negative —
 * a month without revenue has no DSO, never a division by zero — or when the balance is unknown.
 */
export function daysOf(balanceMinor: number | null, flowMinor: number, days: number): number | null {
  if (balanceMinor === null || !(flowMinor > 0) || !(days > 0)) return null;
  return (balanceMinor / flowMinor) * days;
}

/**
 * DSO = receivables ÷ revenue × days; DIO = inventory at cost ÷ COGS × days; DPO = payables ÷ COGS ×
 * days; CCC = DSO + DIO − DPO (n/a when any of the three is). Balances are period-end balances.
 */
export function computePeriodMeasures(input: PeriodInput): PeriodMeasures {
  const days = inclusiveDays(input.from, input.to);
  if (days < 1) throw new RangeError(`the period ${input.from}…${input.to} is empty`);
  const receivables = sumInGbp(input.receivables, input.rates);
  const inventory = sumInGbp(input.inventory, input.rates);
  const payables = sumInGbp(input.payables, input.rates);
  const grossMarginMinor = input.revenueMinor - input.cogsMinor;
  const nowc =
    receivables.minor === null || inventory.minor === null || payables.minor === null
      ? null
      : receivables.minor + inventory.minor - payables.minor;
  const dso = daysOf(receivables.minor, input.revenueMinor, days);
  const dio = daysOf(inventory.minor, input.cogsMinor, days);
  const dpo = daysOf(payables.minor, input.cogsMinor, days);
  const annualised = DAYS_PER_YEAR / days;
  return {
    from: input.from,
    to: input.to,
    days,
    revenueMinor: input.revenueMinor,
    cogsMinor: input.cogsMinor,
    grossMarginMinor,
    grossMarginPct: input.revenueMinor > 0 ? grossMarginMinor / input.revenueMinor : null,
    receivablesMinor: receivables.minor,
    inventoryMinor: inventory.minor,
    payablesMinor: payables.minor,
    netWorkingCapitalMinor: nowc,
    dso,
    dio,
    dpo,
    ccc: dso === null || dio === null || dpo === null ? null : dso + dio - dpo,
    workingCapitalTurnover:
      nowc !== null && nowc > 0 && input.revenueMinor > 0 ? (input.revenueMinor * annualised) / nowc : null,
    inventoryTurnover:
      inventory.minor !== null && inventory.minor > 0 && input.cogsMinor > 0
        ? (input.cogsMinor * annualised) / inventory.minor
        : null,
    unconvertedCurrencies: [
      ...new Set([...receivables.unconverted, ...inventory.unconverted, ...payables.unconverted]),
    ].sort(),
  };
}

/**
 * A longer window from consecutive periods (e.g. the trailing 3 or 12 months): flows are summed,
 * balances are those at the end of the last period — the same period-end convention as a month.
 */
export function combinePeriods(periods: readonly PeriodInput[]): PeriodInput {
  if (periods.length === 0) throw new RangeError('no periods to combine');
  const last = periods[periods.length - 1]!;
  return {
    from: periods[0]!.from,
    to: last.to,
    revenueMinor: periods.reduce((sum, p) => sum + p.revenueMinor, 0),
    cogsMinor: periods.reduce((sum, p) => sum + p.cogsMinor, 0),
    receivables: last.receivables,
    inventory: last.inventory,
    payables: last.payables,
    rates: last.rates,
  };
}

/** The last `count` periods combined, or null when there are fewer than `count`. */
export function trailingWindow(periods: readonly PeriodInput[], count: number): PeriodInput | null {
  if (count < 1 || periods.length < count) return null;
  return combinePeriods(periods.slice(-count));
}
