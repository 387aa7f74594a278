import { type Database, queryRows } from '@sentia/db';
import type { DateRange } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { dateArraySql, toInt } from './sql-helpers';

export interface SalesTotals {
  revenueMinor: number;
  cogsMinor: number;
}

/** GBP revenue and COGS in each range (from sales_daily, converted at each day's rate). */
export async function querySalesInRanges(db: Database, ranges: readonly DateRange[]): Promise<SalesTotals[]> {
  if (ranges.length === 0) return [];
  const rows = await queryRows<{ idx: number | string; revenue: string; cogs: string }>(
    db,
    sql`select r.idx, coalesce(sum(sd.revenue_gbp_minor), 0)::bigint as revenue,
               coalesce(sum(sd.cogs_gbp_minor), 0)::bigint as cogs
        from unnest(${dateArraySql(ranges.map((r) => r.from))}, ${dateArraySql(ranges.map((r) => r.to))})
             with ordinality as r(f, t, idx)
        left join sales_daily sd on sd.day between r.f and r.t
        group by r.idx order by r.idx`,
  );
  const totals = ranges.map(() => ({ revenueMinor: 0, cogsMinor: 0 }));
  for (const r of rows) {
    totals[toInt(r.idx) - 1] = { revenueMinor: toInt(r.revenue), cogsMinor: toInt(r.cogs) };
  }
  return totals;
}

export interface SalesSliceRow {
  channelCode: string;
  regionCode: string;
  sku: string;
  revenueMinor: number;
  cogsMinor: number;
}

/** GBP revenue and COGS in a range per channel × SKU (for the region, channel and product breakdowns). */
export async function querySalesSlices(db: Database, range: DateRange): Promise<SalesSliceRow[]> {
  const rows = await queryRows<{
    code: string;
    region_code: string;
    sku: string;
    revenue: string;
    cogs: string;
  }>(
    db,
    sql`select c.code, c.region_code, p.sku,
               sum(sd.revenue_gbp_minor)::bigint as revenue, sum(sd.cogs_gbp_minor)::bigint as cogs
        from sales_daily sd
        join channels c on c.id = sd.channel_id
        join products p on p.id = sd.product_id
        where sd.day between ${range.from}::date and ${range.to}::date
        group by c.code, c.region_code, p.sku`,
  );
  return rows.map((r) => ({
    channelCode: r.code,
    regionCode: r.region_code,
    sku: r.sku,
    revenueMinor: toInt(r.revenue),
    cogsMinor: toInt(r.cogs),
  }));
}

/** GBP revenue per channel per day in a range (days without sales are absent). */
export async function queryDailyChannelRevenue(
  db: Database,
  range: DateRange,
): Promise<{ channelCode: string; day: string; revenueMinor: number; cogsMinor: number }[]> {
  const rows = await queryRows<{ code: string; day: string; revenue: string; cogs: string }>(
    db,
    sql`select c.code, sd.day::text as day, sum(sd.revenue_gbp_minor)::bigint as revenue,
               sum(sd.cogs_gbp_minor)::bigint as cogs
        from sales_daily sd join channels c on c.id = sd.channel_id
        where sd.day between ${range.from}::date and ${range.to}::date
        group by c.code, sd.day order by sd.day`,
  );
  return rows.map((r) => ({
    channelCode: r.code,
    day: r.day,
    revenueMinor: toInt(r.revenue),
    cogsMinor: toInt(r.cogs),
  }));
}
