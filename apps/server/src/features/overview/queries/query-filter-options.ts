import type { FilterOptionsResponse } from '@sentia/contracts';
import { type Database, queryRows, schema } from '@sentia/db';
import { asc, sql } from 'drizzle-orm';

/** The regions, channels and SKUs the filter bar offers, and the range of dates with sales. */
export async function queryFilterOptions(db: Database): Promise<FilterOptionsResponse> {
  const [regions, channels, skus, range] = await Promise.all([
    db
      .select({ code: schema.regions.code, name: schema.regions.name })
      .from(schema.regions)
      .orderBy(asc(schema.regions.code)),
    db
      .select({
        code: schema.channels.code,
        name: schema.channels.name,
        regionCode: schema.channels.regionCode,
      })
      .from(schema.channels)
      .orderBy(asc(schema.channels.code)),
    db
      .select({ sku: schema.products.sku, name: schema.products.name })
      .from(schema.products)
      .orderBy(asc(schema.products.sku)),
    queryRows<{ from: string | null; to: string | null }>(
      db,
      sql`select min(order_date)::text as "from", max(order_date)::text as "to" from orders`,
    ),
  ]);
  return { regions, channels, skus, dataRange: { from: range[0]?.from ?? null, to: range[0]?.to ?? null } };
}
