import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { toGbpMinorSql } from '../../analytics/fx-sql';
import type { SliceFilters } from './filter-sql';
import { toInt } from './filter-sql';

export interface StockValue {
  valueMinor: number;
  /** The latest stock count date used, or null when no stock is known by then. */
  asOf: string | null;
}

/**
 * Stock at cost in GBP on `date`: for each SKU × location the latest count on or before the date,
 * times the SKU's unit cost, converted at the rate of that date. Region and SKU filters apply;
 * stock is not held per sales channel.
 */
export async function queryStockValue(
  db: Database,
  date: string,
  filters: SliceFilters,
): Promise<StockValue> {
  const conditions = [
    filters.region ? sql`and l.region_code = ${filters.region}` : sql``,
    filters.sku ? sql`and p.sku = ${filters.sku}` : sql``,
  ];
  // Sum cost per currency first, then convert each sum once at the date's rate.
  const [row] = await queryRows<{ value: string | null; as_of: string | null }>(
    db,
    sql`select round(sum(${toGbpMinorSql(sql`per_currency.cost`, sql`per_currency.currency`, sql`${date}::date`)}))::bigint as value,
               max(per_currency.as_of)::text as as_of
        from (
          select p.cost_currency as currency, sum(s.on_hand::bigint * p.unit_cost_minor) as cost, max(s.as_of) as as_of
          from (
            select distinct on (product_id, location_id) product_id, location_id, on_hand, as_of
            from stock_levels
            where as_of <= ${date}
            order by product_id, location_id, as_of desc
          ) s
          join products p on p.id = s.product_id
          join locations l on l.id = s.location_id
          where true ${sql.join(conditions, sql` `)}
          group by p.cost_currency
        ) per_currency`,
  );
  return { valueMinor: toInt(row?.value), asOf: row?.as_of ?? null };
}
