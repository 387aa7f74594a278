import { type Database, executeCount, queryRows } from '@sentia/db';
import { type SQL, sql } from 'drizzle-orm';
import { toGbpMinorSql } from './fx-sql';

export interface RefreshSalesDailyResult {
  rowsWritten: number;
  /** Order-line groups left out because no FX rate to GBP was known on or before their day. */
  groupsWithoutRate: number;
}

/**
 * Rebuilds `sales_daily` (units, orders, revenue and COGS in GBP per day × SKU × channel) from
 * order lines, one calendar month per transaction: readers see each month's old figures or its
 * new ones, never a half month, and no single transaction holds the (embedded, single-threaded)
 * database for long. Months that no longer have orders are cleared too.
 * Revenue is net line value of orders not cancelled or refunded; COGS is units × the SKU's unit cost.
 */
export async function refreshSalesDaily(db: Database): Promise<RefreshSalesDailyResult> {
  const months = await queryRows<{ month: string }>(
    db,
    sql`select distinct date_trunc('month', d)::date::text as month
        from (select order_date as d from orders union all select day from sales_daily) days
        order by month`,
  );
  const total: RefreshSalesDailyResult = { rowsWritten: 0, groupsWithoutRate: 0 };
  for (const { month } of months) {
    const result = await refreshMonth(db, month);
    total.rowsWritten += result.rowsWritten;
    total.groupsWithoutRate += result.groupsWithoutRate;
  }
  return total;
}

async function refreshMonth(db: Database, month: string): Promise<RefreshSalesDailyResult> {
  const inMonth = (column: SQL) =>
    sql`${column} >= ${month}::date and ${column} < (${month}::date + interval '1 month')`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from sales_daily where ${inMonth(sql`day`)}`);
    const groups = sql`
      select o.order_date as day, l.product_id, o.channel_id, l.currency,
             sum(l.quantity)::bigint as units,
             count(distinct o.id)::bigint as orders,
             sum(l.net_amount_minor)::bigint as net_minor
      from order_lines l
      join orders o on o.id = l.order_id
      where o.status not in ('cancelled', 'refunded') and ${inMonth(sql`o.order_date`)}
      group by o.order_date, l.product_id, o.channel_id, l.currency`;
    const priced = sql`
      select g.day, g.product_id, g.channel_id, g.units, g.orders,
             ${toGbpMinorSql(sql`g.net_minor`, sql`g.currency`, sql`g.day`)} as revenue_gbp,
             ${toGbpMinorSql(sql`(g.units * p.unit_cost_minor)`, sql`p.cost_currency`, sql`g.day`)} as cogs_gbp
      from (${groups}) g
      join products p on p.id = g.product_id`;
    const rowsWritten = await executeCount(
      tx,
      sql`
      insert into sales_daily (day, product_id, channel_id, units, orders, revenue_gbp_minor, cogs_gbp_minor)
      select day, product_id, channel_id, sum(units), sum(orders), round(sum(revenue_gbp)), round(sum(cogs_gbp))
      from (${priced}) x
      where revenue_gbp is not null and cogs_gbp is not null
      group by day, product_id, channel_id`,
    );
    const [missing] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from (${priced}) x where revenue_gbp is null or cogs_gbp is null`,
    );
    return { rowsWritten, groupsWithoutRate: Number(missing?.n ?? 0) };
  });
}

/**
 * A fingerprint of the order data: when it differs from the one the last refresh recorded, the
 * daily figures are stale. Used as the refresh job's idempotency key.
 */
export async function salesDataVersion(db: Database): Promise<string> {
  const [row] = await queryRows<{ n: number; latest: string | null }>(
    db,
    sql`select (select count(*) from order_lines)::int as n, (select max(updated_at) from orders)::text as latest`,
  );
  return `${row?.n ?? 0}@${row?.latest ?? 'none'}`;
}
