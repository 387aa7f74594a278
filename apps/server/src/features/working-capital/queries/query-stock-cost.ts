import { type Database, queryRows } from '@sentia/db';
import type { CurrencyAmount } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { dateArraySql, isoText, toInt } from './sql-helpers';

/**
 * Stock at cost on each date, per cost currency: for each SKU × location the latest count on or
 * before the date, times the SKU's unit cost (the same valuation as the overview's stock value).
 */
export async function queryStockCostAt(
  db: Database,
  dates: readonly string[],
): Promise<Map<string, CurrencyAmount[]>> {
  const rows = await queryRows<{ date: string; currency: string; cost: string | number }>(
    db,
    sql`select d::text as date, p.cost_currency as currency, sum(s.on_hand::bigint * p.unit_cost_minor)::bigint as cost
        from unnest(${dateArraySql(dates)}) d
        cross join lateral (
          select distinct on (product_id, location_id) product_id, on_hand
          from stock_levels where as_of <= d
          order by product_id, location_id, as_of desc
        ) s
        join products p on p.id = s.product_id
        group by d, p.cost_currency`,
  );
  const byDate = new Map<string, CurrencyAmount[]>(dates.map((d) => [d, []]));
  for (const r of rows) byDate.get(isoText(r.date))?.push({ currency: r.currency, minor: toInt(r.cost) });
  return byDate;
}

export interface StockSliceRow {
  regionCode: string;
  sku: string;
  name: string;
  currency: string;
  costMinor: number;
}

/** Stock at cost on one date per region (of the location) and SKU, in each cost currency. */
export async function queryStockCostSlices(db: Database, date: string): Promise<StockSliceRow[]> {
  const rows = await queryRows<{
    region_code: string;
    sku: string;
    name: string;
    currency: string;
    cost: string;
  }>(
    db,
    sql`select l.region_code, p.sku, p.name, p.cost_currency as currency,
               sum(s.on_hand::bigint * p.unit_cost_minor)::bigint as cost
        from (
          select distinct on (product_id, location_id) product_id, location_id, on_hand
          from stock_levels where as_of <= ${date}::date
          order by product_id, location_id, as_of desc
        ) s
        join products p on p.id = s.product_id
        join locations l on l.id = s.location_id
        group by l.region_code, p.sku, p.name, p.cost_currency`,
  );
  return rows.map((r) => ({
    regionCode: r.region_code,
    sku: r.sku,
    name: r.name,
    currency: r.currency,
    costMinor: toInt(r.cost),
  }));
}
