import { type Database, queryRows } from '@sentia/db';
import { addForecastPeriods, dayNumber, type ForecastGranularity, shiftDate } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import {
  type AdjustedBottomForecasts,
  loadAdjustedBottomForecasts,
} from '../../forecasts/adjusted-bottom-forecasts';
import { toInt } from '../queries/sql-helpers';
import { spreadEvenly } from './sales-forecast';

/** Units are valued at the GBP revenue per unit of the last 13 weeks (current prices and mix of discounts). */
export const PRICE_WINDOW_DAYS = 91;
/** Without recent sales of a SKU on a channel, its price over the last three years. */
const PRICE_HISTORY_DAYS = 1092;

export interface StoredRunUse {
  granularity: ForecastGranularity;
  runId: string;
  finishedAt: string | null;
  historyEnd: string | null;
  /** First and last day (after asOf) whose revenue comes from this run. */
  from: string;
  to: string;
  /** Series whose planner adjustments are applied. */
  adjustedSeries: string[];
}

export interface StoredSalesForecast {
  /** Days from asOf + 1 covered by stored runs, without a gap. */
  days: number;
  /** GBP revenue (minor units) per channel and covered day (index 0 = asOf + 1). */
  daily: Map<string, number[]>;
  runs: StoredRunUse[];
}

/**
 * Forecast GBP revenue per channel from the demand-forecasting feature's latest stored runs: the
 * weekly run (26 weeks) first, then the monthly run (12 months) for the days after it. Each run's
 * units per SKU × channel — the planners' adjusted forecast, which is the statistical one where
 * nobody adjusted — are valued at that SKU's GBP revenue per unit on that channel over the last 13
 * weeks (else over the last three years, else the SKU's on any channel), summed per channel and
 * spread evenly over each period's days. Null when no run covers the day after asOf.
 */
export async function loadStoredSalesForecast(
  db: Database,
  asOf: string,
  maxDays: number,
): Promise<StoredSalesForecast | null> {
  const [weekly, monthly] = await Promise.all([
    loadAdjustedBottomForecasts(db, 'week'),
    loadAdjustedBottomForecasts(db, 'month'),
  ]);
  if (!weekly && !monthly) return null;
  const price = await queryUnitPrices(db, asOf);
  const daily = new Map<string, number[]>();
  const runs: StoredRunUse[] = [];
  let covered = 0;
  for (const forecast of [weekly, monthly]) {
    if (!forecast || covered >= maxDays) continue;
    const perDay = channelRevenuePerDay(forecast, asOf, price);
    // Only a run that continues from the last covered day, without a gap, is used.
    if (perDay.firstOffset > covered + 1 || perDay.lastOffset <= covered) continue;
    const until = Math.min(perDay.lastOffset, maxDays);
    for (const [channel, values] of perDay.byChannel) {
      const row = daily.get(channel) ?? new Array<number>(covered).fill(0);
      for (let day = covered + 1; day <= until; day++) row[day - 1] = values.get(day) ?? 0;
      daily.set(channel, row);
    }
    for (const row of daily.values()) while (row.length < until) row.push(0);
    runs.push({
      granularity: forecast.run.granularity,
      runId: forecast.run.id,
      finishedAt: forecast.run.finishedAt?.toISOString() ?? null,
      historyEnd: forecast.run.historyEnd,
      from: shiftDate(asOf, covered + 1),
      to: shiftDate(asOf, until),
      adjustedSeries: forecast.adjustedSeries,
    });
    covered = until;
  }
  return covered > 0 ? { days: covered, daily, runs } : null;
}

/** One run's GBP revenue per channel and day offset after asOf (days on or before asOf dropped). */
function channelRevenuePerDay(
  forecast: AdjustedBottomForecasts,
  asOf: string,
  price: (sku: string, channel: string) => number,
) {
  const { granularity } = forecast.run;
  const byChannel = new Map<string, Map<number, number>>();
  let firstOffset = Number.POSITIVE_INFINITY;
  let lastOffset = 0;
  forecast.periodStarts.forEach((start, h) => {
    const next = addForecastPeriods(start, 1, granularity);
    const days = dayNumber(next) - dayNumber(start);
    const startOffset = dayNumber(start) - dayNumber(asOf);
    firstOffset = Math.min(firstOffset, Math.max(startOffset, 1));
    lastOffset = Math.max(lastOffset, startOffset + days - 1);
    const revenue = new Map<string, number>();
    for (const bottom of forecast.bottoms) {
      const value = (bottom.units[h] ?? 0) * price(bottom.sku, bottom.channel);
      revenue.set(bottom.channel, (revenue.get(bottom.channel) ?? 0) + value);
    }
    for (const [channel, total] of revenue) {
      const perDay = byChannel.get(channel) ?? new Map<number, number>();
      spreadEvenly(Math.max(0, Math.round(total)), days).forEach((v, i) => {
        if (startOffset + i >= 1) perDay.set(startOffset + i, v);
      });
      byChannel.set(channel, perDay);
    }
  });
  return { byChannel, firstOffset, lastOffset };
}

/** GBP revenue per unit sold by SKU and channel, from `sales_daily` (net of discounts, without tax). */
async function queryUnitPrices(db: Database, asOf: string) {
  const rows = await queryRows<{
    sku: string;
    channel: string;
    recent_revenue: string | null;
    recent_units: string | null;
    revenue: string;
    units: string;
  }>(
    db,
    sql`select p.sku, c.code as channel,
               sum(sd.revenue_gbp_minor) filter (where sd.day > ${shiftDate(asOf, -PRICE_WINDOW_DAYS)}::date) as recent_revenue,
               sum(sd.units) filter (where sd.day > ${shiftDate(asOf, -PRICE_WINDOW_DAYS)}::date) as recent_units,
               sum(sd.revenue_gbp_minor) as revenue, sum(sd.units) as units
        from sales_daily sd
        join products p on p.id = sd.product_id
        join channels c on c.id = sd.channel_id
        where sd.day <= ${asOf}::date and sd.day > ${shiftDate(asOf, -PRICE_HISTORY_DAYS)}::date
        group by p.sku, c.code`,
  );
  const pair = new Map<string, number>();
  const sku = new Map<string, { revenue: number; units: number }>();
  for (const r of rows) {
    const recentUnits = toInt(r.recent_units);
    const units = toInt(r.units);
    if (recentUnits > 0) pair.set(`${r.sku}|${r.channel}`, toInt(r.recent_revenue) / recentUnits);
    else if (units > 0) pair.set(`${r.sku}|${r.channel}`, toInt(r.revenue) / units);
    const total = sku.get(r.sku) ?? { revenue: 0, units: 0 };
    sku.set(r.sku, { revenue: total.revenue + toInt(r.revenue), units: total.units + units });
  }
  return (code: string, channel: string): number => {
    const own = pair.get(`${code}|${channel}`);
    if (own !== undefined) return own;
    const any = sku.get(code);
    return any && any.units > 0 ? any.revenue / any.units : 0;
  };
}
