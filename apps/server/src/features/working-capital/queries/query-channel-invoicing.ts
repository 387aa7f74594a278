import { type Database, queryRows } from '@sentia/db';
import { shiftDate } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { toInt } from './sql-helpers';

export const COLLECTION_WINDOW_DAYS = 182;

export interface ChannelInvoicing {
  channelCode: string;
  /** The channel's latest customer invoice (settlement statement or trade invoice), if any. */
  lastInvoiceDate: string | null;
  /** Invoiced amounts issued in the window, per currency. */
  invoiced: { currency: string; minor: number }[];
  /** GBP revenue in the window up to the last invoice date. */
  invoicedRevenueGbpMinor: number;
}

/**
 * How each channel's sales turn into invoices: over the 26 weeks to `asOf`, what was invoiced and
 * the revenue it covers (sales up to the latest invoice). Their ratio captures marketplace fees,
 * refunds and anything else between revenue and the cash that arrives.
 */
export async function queryChannelInvoicing(db: Database, asOf: string): Promise<ChannelInvoicing[]> {
  const start = shiftDate(asOf, -(COLLECTION_WINDOW_DAYS - 1));
  const rows = await queryRows<{
    code: string;
    last_invoice: string | null;
    invoiced: { currency: string; minor: number | string }[] | string | null;
    revenue: string | null;
  }>(
    db,
    sql`select c.code,
               (select max(i.issue_date)::text from invoices i
                 where i.type = 'receivable' and i.channel_id = c.id and i.issue_date <= ${asOf}::date) as last_invoice,
               (select json_agg(json_build_object('currency', x.currency, 'minor', x.minor)) from (
                  select i.currency, sum(i.amount_minor)::bigint as minor from invoices i
                  where i.type = 'receivable' and i.channel_id = c.id and i.status in ('authorised', 'paid')
                    and i.issue_date between ${start}::date and ${asOf}::date
                  group by i.currency) x) as invoiced,
               (select sum(sd.revenue_gbp_minor)::bigint from sales_daily sd
                 where sd.channel_id = c.id and sd.day >= ${start}::date
                   and sd.day <= (select max(i.issue_date) from invoices i
                                   where i.type = 'receivable' and i.channel_id = c.id
                                     and i.issue_date <= ${asOf}::date)) as revenue
        from channels c order by c.code`,
  );
  return rows.map((r) => {
    const invoiced = typeof r.invoiced === 'string' ? JSON.parse(r.invoiced) : (r.invoiced ?? []);
    return {
      channelCode: r.code,
      lastInvoiceDate: r.last_invoice,
      invoiced: (invoiced as { currency: string; minor: number | string }[]).map((i) => ({
        currency: i.currency.trim(),
        minor: toInt(i.minor),
      })),
      invoicedRevenueGbpMinor: toInt(r.revenue),
    };
  });
}
