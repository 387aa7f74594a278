import { convertMinor } from '../money/money';
import type { CashAdjustments, LeverBasis } from './adjustments';
import { dateOfDay, dayNumber } from './dates';
import { type CurrencyAmount, type FxRates, shiftedRate, sumInGbp } from './fx';

/**
 * Where each projected cash movement comes from:
 * - receivables: open customer invoices (due date + the customer's observed payment delay)
 * - sales: forecast sales, received after the channel's settlement terms
 * - payables: open supplier bills (due date + our observed payment delay to that supplier)
 * - purchases: committed purchase orders not yet billed
 * - production: planned production that a supplier will bill (contract manufacturing)
 * - replenishment: buying back the stock forecast sales use up, net of the commitments above
 * - recurring: payroll, overhead, VAT and other costs entered as settings
 * - other: bank movements not explained by invoice payments, as an observed run rate
 */
export const FLOW_CATEGORIES = [
  'receivables',
  'sales',
  'payables',
  'purchases',
  'production',
  'replenishment',
  'recurring',
  'other',
] as const;
export type FlowCategory = (typeof FLOW_CATEGORIES)[number];

/** Receipts a faster or slower DSO moves. */
export const CUSTOMER_CATEGORIES: readonly FlowCategory[] = ['receivables', 'sales'];
/** Payments a longer or shorter DPO moves. */
export const SUPPLIER_CATEGORIES: readonly FlowCategory[] = [
  'payables',
  'purchases',
  'production',
  'replenishment',
];

/** One expected movement: positive in, negative out, in minor units of its currency. */
export interface CashFlowItem {
  category: FlowCategory;
  date: string;
  currency: string;
  minor: number;
}

/**
 * Consecutive daily amounts of one category and currency from `start` (compact for long streams
 * such as forecast sales); zero days are allowed.
 */
export interface CashFlowSeries {
  category: FlowCategory;
  currency: string;
  start: string;
  minor: readonly number[];
}

export interface CashForecastInputs {
  /** The day the opening cash is known for; the projection starts the day after. */
  asOf: string;
  /** Days projected (day 1 = asOf + 1). */
  days: number;
  /** Bank balances on `asOf`. */
  openingCash: readonly CurrencyAmount[];
  /** GBP per unit; the latest known rates are used for every future day. */
  rates: FxRates;
  flows: readonly CashFlowItem[];
  series: readonly CashFlowSeries[];
  /** GBP minor units. */
  minimumCashMinor: number;
  facility: { limitMinor: number; drawnMinor: number };
  basis: LeverBasis;
}

export type CategoryAmounts = Record<FlowCategory, number>;

export interface CashDay {
  date: string;
  /** Money in per category (≥ 0). */
  receipts: CategoryAmounts;
  /** Money out per category (≥ 0). */
  payments: CategoryAmounts;
  netFlowMinor: number;
  /** Drawn (+) or repaid (−) on the credit facility that day. */
  facilityMovementMinor: number;
  closingCashMinor: number;
  facilityDrawnMinor: number;
  headroomMinor: number;
  /** Cash less the facility drawn: what the business's own flows leave it with. */
  netCashMinor: number;
  belowMinimum: boolean;
}

export interface CashBreach {
  date: string;
  closingCashMinor: number;
  /** How far below the minimum cash on the first day of the breach. */
  shortfallMinor: number;
  /** The largest shortfall before cash recovers, and when. */
  peakShortfallMinor: number;
  peakDate: string;
  /** The first day back at or above the minimum; null when not within the projection. */
  recoversOn: string | null;
}

export interface CashProjection {
  asOf: string;
  openingCashMinor: number | null;
  days: CashDay[];
  firstBreach: CashBreach | null;
  /** Currencies with cash or flows but no FX rate: their amounts are left out and named. */
  unconverted: string[];
}

export function emptyCategories(): CategoryAmounts {
  return {
    receivables: 0,
    sales: 0,
    payables: 0,
    purchases: 0,
    production: 0,
    replenishment: 0,
    recurring: 0,
    other: 0,
  };
}

/**
 * Projects cash day by day: opening bank balances (GBP), plus each expected movement converted at
 * the latest rate (shifted by the scenario's FX change), with the scenario's adjustments applied.
 * A revolving credit facility is drawn to keep cash at the minimum, up to its limit, and repaid
 * from cash above the minimum. Pure: the inputs are never modified.
 */
export function projectCash(inputs: CashForecastInputs, adjustments: CashAdjustments): CashProjection {
  const n = inputs.days;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('days must be a positive integer');
  const start = dayNumber(inputs.asOf);
  const unconverted = new Set<string>();
  const opening = sumInGbp(inputs.openingCash, inputs.rates, adjustments.fxPct);
  for (const c of opening.unconverted) unconverted.add(c);

  // Signed GBP amounts per category and day index (0 = asOf + 1).
  const grid = new Map<FlowCategory, Float64Array>(FLOW_CATEGORIES.map((c) => [c, new Float64Array(n)]));
  const salesScale = 1 + adjustments.revenuePct / 100;
  const replenishmentScale = salesScale * (1 + adjustments.cogsPct / 100);
  const shiftOf = (category: FlowCategory) =>
    CUSTOMER_CATEGORIES.includes(category)
      ? Math.round(adjustments.dsoDays)
      : SUPPLIER_CATEGORIES.includes(category)
        ? Math.round(adjustments.dpoDays)
        : 0;

  const place = (category: FlowCategory, day: number, currency: string, minor: number) => {
    if (minor === 0) return;
    const rate = shiftedRate(inputs.rates, currency, adjustments.fxPct);
    if (rate === undefined) {
      unconverted.add(currency);
      return;
    }
    const scale = category === 'sales' ? salesScale : category === 'replenishment' ? replenishmentScale : 1;
    const gbp = convertMinor(minor, currency, 'GBP', rate);
    const amount = scale === 1 ? gbp : Math.round(gbp * scale);
    // Anything expected on or before asOf (overdue) is expected on the first projected day.
    const index = Math.max(Math.max(day - start, 1) + shiftOf(category), 1);
    if (index <= n) grid.get(category)![index - 1]! += amount;
  };
  for (const flow of inputs.flows) place(flow.category, dayNumber(flow.date), flow.currency, flow.minor);
  for (const series of inputs.series) {
    const first = dayNumber(series.start);
    series.minor.forEach((minor, i) => {
      place(series.category, first + i, series.currency, minor);
    });
  }
  applyStockChange(grid.get('replenishment')!, adjustments.dioDays, inputs.basis.cogsPerDayMinor);

  const days: CashDay[] = [];
  let cash = opening.minor ?? 0;
  let drawn = Math.max(0, inputs.facility.drawnMinor);
  const limit = Math.max(0, inputs.facility.limitMinor);
  const minimum = inputs.minimumCashMinor;
  for (let i = 0; i < n; i++) {
    const receipts = emptyCategories();
    const payments = emptyCategories();
    let net = 0;
    for (const category of FLOW_CATEGORIES) {
      const value = grid.get(category)![i]!;
      if (value > 0) receipts[category] = value;
      else if (value < 0) payments[category] = -value;
      net += value;
    }
    cash += net;
    let movement = 0;
    if (cash < minimum && drawn < limit) {
      movement = Math.min(limit - drawn, minimum - cash);
    } else if (cash > minimum && drawn > 0) {
      movement = -Math.min(drawn, cash - minimum);
    }
    cash += movement;
    drawn += movement;
    days.push({
      date: dateOfDay(start + i + 1),
      receipts,
      payments,
      netFlowMinor: net,
      facilityMovementMinor: movement,
      closingCashMinor: cash,
      facilityDrawnMinor: drawn,
      headroomMinor: limit - drawn,
      netCashMinor: cash - drawn,
      belowMinimum: cash < minimum,
    });
  }
  return {
    asOf: inputs.asOf,
    openingCashMinor: opening.minor,
    days,
    firstBreach: findFirstBreach(days, minimum),
    unconverted: [...unconverted].sort(),
  };
}

/**
 * DIO change of `dioDays` changes the stock bought by COGS per day × days: fewer days (negative)
 * means the earliest replenishment payments are not made, up to that amount; more days means the
 * extra stock is paid for with the first replenishment payment (or on day 1 when there is none).
 */
function applyStockChange(replenishment: Float64Array, dioDays: number, cogsPerDayMinor: number): void {
  const change = Math.round(Math.round(dioDays) * cogsPerDayMinor);
  if (change === 0) return;
  if (change > 0) {
    const first = replenishment.findIndex((v) => v < 0);
    replenishment[Math.max(first, 0)]! -= change;
    return;
  }
  let release = -change;
  for (let i = 0; i < replenishment.length && release > 0; i++) {
    const paid = -replenishment[i]!;
    if (paid <= 0) continue;
    const cut = Math.min(paid, release);
    replenishment[i]! += cut;
    release -= cut;
  }
}

function findFirstBreach(days: readonly CashDay[], minimum: number): CashBreach | null {
  const first = days.findIndex((d) => d.belowMinimum);
  if (first < 0) return null;
  let peak = first;
  let end = first;
  while (end < days.length && days[end]!.belowMinimum) {
    if (days[end]!.closingCashMinor < days[peak]!.closingCashMinor) peak = end;
    end++;
  }
  const day = days[first]!;
  return {
    date: day.date,
    closingCashMinor: day.closingCashMinor,
    shortfallMinor: minimum - day.closingCashMinor,
    peakShortfallMinor: minimum - days[peak]!.closingCashMinor,
    peakDate: days[peak]!.date,
    recoversOn: end < days.length ? days[end]!.date : null,
  };
}
