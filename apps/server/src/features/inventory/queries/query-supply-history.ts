import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

/**
 * Observed lead times per SKU in days, newest first: order to receipt of received purchase orders, and
 * planned start to completion (+1 day, when the stock is usable) of completed batches, over `days`.
 */
export async function queryObservedLeadTimes(
  db: Pick<Database, 'execute'>,
  asOf: string,
  days: number,
): Promise<{ productId: number; kind: 'purchase' | 'production'; days: number }[]> {
  return queryRows(
    db,
    sql`select l.product_id as "productId", 'purchase' as kind, (o.received_date - o.order_date)::int as days
        from purchase_orders o join purchase_order_lines l on l.purchase_order_id = o.id
        where o.status = 'received' and o.received_date is not null
          and o.order_date > ${asOf}::date - ${days}::int and o.received_date <= ${asOf}::date
        union all
        select b.product_id, 'production', (b.actual_end - b.planned_start + 1)::int
        from production_batches b
        where b.status = 'completed' and b.actual_end is not null
          and b.planned_start > ${asOf}::date - ${days}::int and b.actual_end <= ${asOf}::date`,
  );
}
