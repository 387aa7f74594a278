import type { RecurringCost } from '@sentia/contracts';
import {
  addMonths,
  type CashFlowItem,
  type CashFlowSeries,
  convertMinor,
  dayNumber,
  endOfMonth,
  shiftDate,
} from '@sentia/domain';
import { spreadEvenly } from './sales-forecast';

/** How one channel's sales become cash. */
export interface ChannelReceiptTerms {
  code: string;
  currency: string;
  settlementDays: number;
  payoutEveryDays: number;
  /** Cash received per £1 of revenue (invoiced ÷ revenue, observed; 1 without invoices). */
  collectionRatio: number;
  /** Forecast GBP revenue per future day (day 1 = asOf + 1). */
  forecastDaily: readonly number[];
  /** Sales already made but not yet invoiced or paid out: day offset (≤ 0) and GBP revenue. */
  pending: readonly { offset: number; revenueMinor: number }[];
}

/** Day (1-based, relative to asOf) the cash for a sale on day `offset` arrives. */
export function receiptOffset(
  offset: number,
  terms: Pick<ChannelReceiptTerms, 'settlementDays' | 'payoutEveryDays'>,
) {
  const cycleEnd = Math.ceil(offset / terms.payoutEveryDays) * terms.payoutEveryDays;
  return Math.max(cycleEnd + terms.settlementDays, 1);
}

/**
 * Receipts from sales per currency and day: each day's revenue × the channel's collection ratio,
 * paid out at the end of its payout cycle plus the settlement days, converted from GBP into the
 * channel's currency at the latest rate (so an FX scenario moves it). Days past `days` are dropped.
 */
export function salesReceiptSeries(
  asOf: string,
  days: number,
  channels: readonly ChannelReceiptTerms[],
  rates: Readonly<Record<string, number>>,
): CashFlowSeries[] {
  const perCurrency = new Map<string, Float64Array>();
  const add = (currency: string, day: number, gbp: number) => {
    if (day > days) return;
    let row = perCurrency.get(currency);
    if (!row) {
      row = new Float64Array(days);
      perCurrency.set(currency, row);
    }
    row[day - 1]! += gbp;
  };
  for (const channel of channels) {
    const currency = channel.currency === 'GBP' || rates[channel.currency] ? channel.currency : 'GBP';
    channel.forecastDaily.forEach((revenue, i) => {
      add(currency, receiptOffset(i + 1, channel), revenue * channel.collectionRatio);
    });
    for (const sale of channel.pending) {
      add(currency, receiptOffset(sale.offset, channel), sale.revenueMinor * channel.collectionRatio);
    }
  }
  const start = shiftDate(asOf, 1);
  return [...perCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, row]) => ({
      category: 'sales' as const,
      currency,
      start,
      minor: Array.from(row, (gbp) =>
        currency === 'GBP'
          ? Math.round(gbp)
          : convertMinor(Math.round(gbp), 'GBP', currency, 1 / rates[currency]!),
      ),
    }));
}

/** A committed purchase or production payment, in GBP minor units (positive), `day` days after asOf. */
export interface CommittedPayment {
  day: number;
  gbpMinor: number;
}

/**
 * Buying back what forecast sales use up: forecast revenue × the COGS ratio each day, paid
 * `payLagDays` later, in GBP, negative. Committed purchases and production already buy part of that
 * stock, so each committed payment replaces replenishment payments due on or after its own date
 * (never earlier ones: a batch paid in October does not pay for July's restocking). Holds stock at
 * today's days of cover; the DIO lever changes that.
 */
export function replenishmentSeries(
  asOf: string,
  days: number,
  forecastRevenueDaily: readonly number[],
  cogsRatio: number,
  committed: readonly CommittedPayment[],
  payLagDays: number,
): CashFlowSeries {
  const payments = new Array<number>(days).fill(0);
  forecastRevenueDaily.forEach((revenue, i) => {
    const payDay = Math.max(i + 1 + Math.round(payLagDays), 1);
    const purchase = Math.round(revenue * cogsRatio);
    if (purchase > 0 && payDay <= days) payments[payDay - 1]! -= purchase;
  });
  const due = committed
    .filter((c) => c.gbpMinor > 0)
    .map((c) => ({ day: Math.max(1, c.day), left: c.gbpMinor }))
    .sort((a, b) => a.day - b.day);
  // Oldest committed amount first, against the replenishment due on each day from its date on.
  let next = 0;
  const open: { left: number }[] = [];
  for (let day = 1; day <= days; day++) {
    while (next < due.length && due[next]!.day <= day) open.push(due[next++]!);
    let need = -payments[day - 1]!;
    while (need > 0 && open.length > 0) {
      const item = open[0]!;
      const covered = Math.min(need, item.left);
      item.left -= covered;
      need -= covered;
      if (item.left === 0) open.shift();
    }
    payments[day - 1] = need === 0 ? 0 : -need;
  }
  return { category: 'replenishment', currency: 'GBP', start: shiftDate(asOf, 1), minor: payments };
}

/** A weekly run rate as a daily series (each week's amount spread over its days), in GBP. */
export function runRateSeries(asOf: string, days: number, weeklyMinor: number): CashFlowSeries {
  const week = spreadEvenly(Math.abs(Math.round(weeklyMinor)), 7).map((v) => Math.sign(weeklyMinor) * v);
  return {
    category: 'other',
    currency: 'GBP',
    start: shiftDate(asOf, 1),
    minor: Array.from({ length: days }, (_, i) => week[i % 7]!),
  };
}

/**
 * Each recurring cost's payments after `asOf` up to `until`: from its next date, then every week,
 * month (same day, or the month's last day) or quarter. A next date already past rolls forward.
 */
export function recurringCostFlows(
  costs: readonly RecurringCost[],
  asOf: string,
  until: string,
): CashFlowItem[] {
  const flows: CashFlowItem[] = [];
  for (const cost of costs) {
    const day = Number(cost.nextDate.slice(8, 10));
    const step = cost.frequency === 'quarterly' ? 3 : 1;
    for (let k = 0; k < 2_000; k++) {
      const date =
        cost.frequency === 'weekly'
          ? shiftDate(cost.nextDate, 7 * k)
          : sameDayOfMonth(addMonths(cost.nextDate, step * k), day);
      if (date > until) break;
      if (date <= asOf) continue;
      flows.push({ category: 'recurring', date, currency: cost.currency, minor: -cost.amountMinor });
    }
  }
  return flows;
}

function sameDayOfMonth(monthStart: string, day: number): string {
  const last = endOfMonth(monthStart);
  return Number(last.slice(8, 10)) < day ? last : `${monthStart.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/** Days from asOf to a date (asOf + 1 is 1). */
export function offsetOf(asOf: string, date: string): number {
  return dayNumber(date) - dayNumber(asOf);
}
