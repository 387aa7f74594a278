import type { TrendPoint } from '@sentia/contracts';
import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { Period } from '../period';
import { type SliceFilters, salesSliceSql, toInt } from './filter-sql';

/** One point per day of the period (days without sales are real zeros), in GBP minor units. */
export async function querySalesTrend(
  db: Database,
  period: Period,
  filters: SliceFilters,
): Promise<TrendPoint[]> {
  const rows = await queryRows<{ day: string; revenue: string; cogs: string; units: string }>(
    db,
    sql`select d::date::text as day,
               coalesce(sum(s.revenue_gbp_minor), 0)::bigint as revenue,
               coalesce(sum(s.cogs_gbp_minor), 0)::bigint as cogs,
               coalesce(sum(s.units), 0)::bigint as units
        from generate_series(${period.from}::date, ${period.to}::date, interval '1 day') d
        left join (
          select sd.* from sales_daily sd
          join channels c on c.id = sd.channel_id
          join products p on p.id = sd.product_id
          where sd.day between ${period.from} and ${period.to} ${salesSliceSql(filters)}
        ) s on s.day = d::date
        group by d
        order by d`,
  );
  return rows.map((r) => {
    const revenueMinor = toInt(r.revenue);
    return {
      day: r.day,
      revenueMinor,
      units: toInt(r.units),
      grossMarginMinor: revenueMinor - toInt(r.cogs),
    };
  });
}
