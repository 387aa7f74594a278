import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

export interface StockPosition {
  productId: number;
  locationId: number;
  asOf: string;
  onHand: number;
  allocated: number;
  inbound: number;
  demo: boolean;
}

/** The latest date with stock counts on or before `today`; null when no stock is known. */
export async function queryStockDate(db: Pick<Database, 'execute'>, today: string): Promise<string | null> {
  const [row] = await queryRows<{ asOf: string | null }>(
    db,
    sql`select max(as_of)::text as "asOf" from stock_levels where as_of <= ${today}::date`,
  );
  return row?.asOf ?? null;
}

/** For each SKU × location the latest count on or before `asOf`. */
export async function queryStockPositions(
  db: Pick<Database, 'execute'>,
  asOf: string,
): Promise<StockPosition[]> {
  return queryRows<StockPosition>(
    db,
    sql`select distinct on (product_id, location_id)
               product_id as "productId", location_id as "locationId", as_of::text as "asOf",
               on_hand as "onHand", allocated, inbound, source = 'demo' as demo
        from stock_levels
        where as_of <= ${asOf}::date
        order by product_id, location_id, as_of desc`,
  );
}

/**
 * Mean inbound units per SKU × location over the counts of the `days` before `asOf`: with the mean
 * daily demand it gives the replenishment time by Little's law (pipeline stock = rate × lead time).
 */
export async function queryMeanInbound(
  db: Pick<Database, 'execute'>,
  asOf: string,
  days: number,
): Promise<{ productId: number; locationId: number; meanInbound: number; counts: number }[]> {
  return queryRows(
    db,
    sql`select product_id as "productId", location_id as "locationId",
               avg(inbound)::float8 as "meanInbound", count(*)::int as counts
        from stock_levels
        where as_of <= ${asOf}::date and as_of > ${asOf}::date - ${days}::int
        group by product_id, location_id`,
  );
}
