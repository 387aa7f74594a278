import {
  type CashDay,
  type CashProjection,
  type CategoryAmounts,
  emptyCategories,
  FLOW_CATEGORIES,
} from './cash-forecast';
import { addMonths, dateOfDay, dayNumber, endOfMonth } from './dates';

/** The three cash views: 30 days daily, 13 weeks weekly, 24 months monthly. */
export type CashHorizon = '30d' | '13w' | '24m';

export const CASH_HORIZONS: Record<CashHorizon, { granularity: 'day' | 'week' | 'month'; count: number }> = {
  '30d': { granularity: 'day', count: 30 },
  '13w': { granularity: 'week', count: 13 },
  '24m': { granularity: 'month', count: 24 },
};

export interface CashPeriod {
  start: string;
  end: string;
  receipts: CategoryAmounts;
  payments: CategoryAmounts;
  receiptsMinor: number;
  paymentsMinor: number;
  netFlowMinor: number;
  facilityMovementMinor: number;
  openingCashMinor: number;
  closingCashMinor: number;
  /** The lowest daily closing cash in the period, and its day. */
  lowestCashMinor: number;
  lowestCashDate: string;
  facilityDrawnMinor: number;
  headroomMinor: number;
  netCashMinor: number;
  /** Days in the period that close below the minimum cash. */
  daysBelowMinimum: number;
}

/**
 * Days needed to cover a horizon starting the day after `asOf`: 30, 91, or through the end of the
 * 24th calendar month (the first being the month of asOf + 1).
 */
export function daysForHorizon(asOf: string, horizon: CashHorizon): number {
  const { granularity, count } = CASH_HORIZONS[horizon];
  if (granularity === 'day') return count;
  if (granularity === 'week') return count * 7;
  const first = dayNumber(asOf) + 1;
  const lastMonthStart = addMonths(dateOfDay(first), count - 1);
  return dayNumber(endOfMonth(lastMonthStart)) - first + 1;
}

/**
 * Groups projected days into the horizon's periods: single days, 7-day weeks starting the day after
 * `asOf`, or calendar months (the first from the day after `asOf` to its month end).
 */
export function cashPeriods(projection: CashProjection, horizon: CashHorizon): CashPeriod[] {
  const { granularity, count } = CASH_HORIZONS[horizon];
  const days = projection.days;
  const groups: CashDay[][] = [];
  if (granularity === 'day' || granularity === 'week') {
    const size = granularity === 'day' ? 1 : 7;
    for (let i = 0; i < count && i * size < days.length; i++)
      groups.push(days.slice(i * size, (i + 1) * size));
  } else {
    let current: CashDay[] = [];
    for (const day of days) {
      if (current.length > 0 && day.date.slice(0, 7) !== current[0]!.date.slice(0, 7)) {
        groups.push(current);
        if (groups.length === count) break;
        current = [];
      }
      current.push(day);
    }
    if (current.length > 0 && groups.length < count) groups.push(current);
  }
  let opening = projection.openingCashMinor ?? 0;
  return groups.map((group) => {
    const period = summarise(group, opening);
    opening = period.closingCashMinor;
    return period;
  });
}

function summarise(group: readonly CashDay[], opening: number): CashPeriod {
  const receipts = emptyCategories();
  const payments = emptyCategories();
  let net = 0;
  let facility = 0;
  let lowest = group[0]!;
  let below = 0;
  for (const day of group) {
    for (const c of FLOW_CATEGORIES) {
      receipts[c] += day.receipts[c];
      payments[c] += day.payments[c];
    }
    net += day.netFlowMinor;
    facility += day.facilityMovementMinor;
    if (day.closingCashMinor < lowest.closingCashMinor) lowest = day;
    if (day.belowMinimum) below++;
  }
  const last = group[group.length - 1]!;
  const total = (amounts: CategoryAmounts) => FLOW_CATEGORIES.reduce((s, c) => s + amounts[c], 0);
  return {
    start: group[0]!.date,
    end: last.date,
    receipts,
    payments,
    receiptsMinor: total(receipts),
    paymentsMinor: total(payments),
    netFlowMinor: net,
    facilityMovementMinor: facility,
    openingCashMinor: opening,
    closingCashMinor: last.closingCashMinor,
    lowestCashMinor: lowest.closingCashMinor,
    lowestCashDate: lowest.date,
    facilityDrawnMinor: last.facilityDrawnMinor,
    headroomMinor: last.headroomMinor,
    netCashMinor: last.netCashMinor,
    daysBelowMinimum: below,
  };
}
