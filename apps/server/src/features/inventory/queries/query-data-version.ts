import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

/**
 * A fingerprint of the data the plan is computed from: the latest successful sync, import and sales
 * refresh, the latest stock date, and the catalogue, purchase orders and batches. Cheap: each part is an
 * index lookup or a scan of a small table. When it differs from the one the stored plan was computed
 * from, the plan is recomputed.
 */
export async function queryPlanDataVersion(db: Pick<Database, 'execute'>): Promise<string> {
  const [row] = await queryRows<Record<string, string | null>>(
    db,
    sql`select
          (select max(finished_at) from sync_runs where status = 'succeeded')::text as syncs,
          (select max(finished_at) from imports where status = 'succeeded')::text as imports,
          (select updated_at from settings where key = 'analytics.salesDaily')::text as sales,
          (select max(day) from sales_daily)::text as sales_day,
          (select max(as_of) from stock_levels)::text as stock,
          (select count(*) || '/' || coalesce(max(updated_at)::text, '') from products) as products,
          (select count(*) || '/' || coalesce(max(updated_at)::text, '') from purchase_orders) as orders,
          (select count(*) || '/' || coalesce(max(updated_at)::text, '') from production_batches) as batches,
          (select count(*) from production_lines)::text as lines`,
  );
  return Object.values(row ?? {})
    .map((v) => v ?? '-')
    .join('|');
}
