import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { toGbpMinorSql } from '../../analytics/fx-sql';
import { type SliceFilters, toInt } from './filter-sql';

/**
 * What was owed on `date`, in GBP at that date's rates: invoices issued by then, less the payments
 * recorded by then (for invoices that have payment records). Invoices without payment records count as open for their current amount due,
 * or as settled from their paid date. Receivables follow the region/channel filters through the
 * invoice's channel; payables are company-wide (suppliers are not assigned to a channel).
 */
export async function queryOpenInvoices(
  db: Database,
  type: 'receivable' | 'payable',
  date: string,
  filters: SliceFilters,
): Promise<number> {
  const slice =
    type === 'receivable'
      ? sql.join(
          [
            filters.region ? sql`and c.region_code = ${filters.region}` : sql``,
            filters.channel ? sql`and c.code = ${filters.channel}` : sql``,
          ],
          sql` `,
        )
      : sql``;
  const outstanding = sql`(case
      when coalesce(pay.n, 0) > 0 then greatest(i.amount_minor - pay.paid_minor, 0)
      when i.status = 'paid' then (case when i.paid_date is not null and i.paid_date <= ${date}::date then 0 else i.amount_minor end)
      else i.amount_due_minor end)`;
  // Sum per currency first, then convert each sum once at the date's rate.
  const [row] = await queryRows<{ value: string | null }>(
    db,
    sql`select round(sum(${toGbpMinorSql(sql`per_currency.owed`, sql`per_currency.currency`, sql`${date}::date`)}))::bigint as value
        from (
          select i.currency, sum(${outstanding}) as owed
          from invoices i
          left join channels c on c.id = i.channel_id
          left join (
            select pm.invoice_id, count(*) as n,
                   coalesce(sum(pm.amount_minor) filter (where pm.paid_on <= ${date}::date), 0) as paid_minor
            from payments pm group by pm.invoice_id
          ) pay on pay.invoice_id = i.id
          where i.type = ${type}
            and i.status in ('authorised', 'paid')
            and i.issue_date <= ${date}::date
            ${slice}
          group by i.currency
        ) per_currency`,
  );
  return toInt(row?.value);
}
