import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { Period } from '../period';
import { type SliceFilters, salesSliceSql, toInt } from './filter-sql';

export interface SalesTotals {
  revenueMinor: number;
  cogsMinor: number;
  units: number;
}

/** Revenue, COGS (GBP minor units) and units sold in the period, from the daily sales figures. */
export async function querySalesTotals(
  db: Database,
  period: Period,
  filters: SliceFilters,
): Promise<SalesTotals> {
  const [row] = await queryRows<{ revenue: string; cogs: string; units: string }>(
    db,
    sql`select coalesce(sum(sd.revenue_gbp_minor), 0)::bigint as revenue,
               coalesce(sum(sd.cogs_gbp_minor), 0)::bigint as cogs,
               coalesce(sum(sd.units), 0)::bigint as units
        from sales_daily sd
        join channels c on c.id = sd.channel_id
        join products p on p.id = sd.product_id
        where sd.day between ${period.from} and ${period.to} ${salesSliceSql(filters)}`,
  );
  return { revenueMinor: toInt(row?.revenue), cogsMinor: toInt(row?.cogs), units: toInt(row?.units) };
}
