import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

export interface WeeklySales {
  productId: number;
  channelId: number;
  /** 0 = the 7 days ending on the as-of date, 1 = the 7 days before, … */
  weeksAgo: number;
  units: number;
}

/** Units sold per SKU × channel in 7-day buckets ending on `asOf`, for `weeks` buckets. */
export async function queryWeeklySales(
  db: Pick<Database, 'execute'>,
  asOf: string,
  weeks: number,
): Promise<WeeklySales[]> {
  return queryRows<WeeklySales>(
    db,
    sql`select product_id as "productId", channel_id as "channelId",
               ((${asOf}::date - day) / 7)::int as "weeksAgo", sum(units)::int as units
        from sales_daily
        where day <= ${asOf}::date and day > ${asOf}::date - ${weeks * 7}::int
        group by 1, 2, 3`,
  );
}

/** Revenue in GBP per SKU over the `days` ending on `asOf` (the ABC measure). */
export async function queryRevenueBySku(
  db: Pick<Database, 'execute'>,
  asOf: string,
  days: number,
): Promise<Map<number, number>> {
  const rows = await queryRows<{ productId: number; revenue: number }>(
    db,
    sql`select product_id as "productId", sum(revenue_gbp_minor)::float8 as revenue
        from sales_daily
        where day <= ${asOf}::date and day > ${asOf}::date - ${days}::int
        group by product_id`,
  );
  return new Map(rows.map((r) => [r.productId, r.revenue]));
}
