import { fromEpochDay, toEpochDay } from '../demo/dates';

export interface StockProjectionInput {
  /** Stock at the end of `asOf` that can serve demand (on hand − allocated, plus what is counted as inbound). */
  startStock: number;
  /** YYYY-MM-DD. */
  asOf: string;
  /** Forecast demand per 7-day bucket, the first starting the day after `asOf`. */
  weeklyDemand: readonly number[];
  /** Receipts that add to stock at the start of their day. */
  receipts?: readonly { date: string; quantity: number }[];
}

/**
 * The day stock runs out when forecast demand is drawn evenly over each week (and dated receipts land):
 * the first day on which cumulative demand exceeds what is available. `asOf` itself when nothing is
 * available now; null when it lasts beyond the forecast horizon or there is no demand.
 */
export function projectStockOut(input: StockProjectionInput): string | null {
  const start = toEpochDay(input.asOf);
  const receipts = new Map<number, number>();
  for (const r of input.receipts ?? []) {
    const day = toEpochDay(r.date);
    receipts.set(day, (receipts.get(day) ?? 0) + r.quantity);
  }
  let stock = input.startStock + sumReceiptsUpTo(receipts, start);
  const anyDemand = input.weeklyDemand.some((w) => w > 0);
  if (stock < 0 || (stock <= 0 && anyDemand)) return input.asOf;
  for (let week = 0; week < input.weeklyDemand.length; week++) {
    const daily = Math.max(0, input.weeklyDemand[week]!) / 7;
    for (let d = 1; d <= 7; d++) {
      const day = start + week * 7 + d;
      stock += receipts.get(day) ?? 0;
      stock -= daily;
      // A tolerance keeps float crumbs from moving a stock-out a day early.
      if (stock < -1e-9) return fromEpochDay(day);
    }
  }
  return null;
}

function sumReceiptsUpTo(receipts: Map<number, number>, day: number): number {
  let total = 0;
  for (const [d, q] of receipts) if (d <= day) total += q;
  return total;
}

/** Days the stock lasts at the average daily rate of the next `weeks` of forecast; null without demand. */
export function daysOfCover(stock: number, weeklyDemand: readonly number[], weeks = 4): number | null {
  const horizon = weeklyDemand.slice(0, Math.max(1, weeks));
  const daily = horizon.reduce((s, v) => s + Math.max(0, v), 0) / (horizon.length * 7);
  if (!(daily > 0)) return null;
  return Math.max(0, stock) / daily;
}
