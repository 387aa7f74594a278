import { type Database, queryRows } from '@sentia/db';
import type { InvoiceHistory } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { toInt } from './sql-helpers';

export interface InvoiceRow extends InvoiceHistory {
  invoiceNumber: string | null;
  contactName: string;
  channelCode: string | null;
  regionCode: string | null;
}

/**
 * Authorised and paid invoices of one type issued by `to` that were still open at some time on or
 * after `from` (so balances on any date in [from, to] and payment behaviour since `from` can be
 * worked out), each with its payments. The counterparty is the customer or supplier record when
 * linked, else the contact name.
 */
export async function queryInvoiceHistories(
  db: Database,
  type: 'receivable' | 'payable',
  from: string,
  to: string,
): Promise<InvoiceRow[]> {
  const rows = await queryRows<{
    id: number | string;
    status: InvoiceHistory['status'];
    invoice_number: string | null;
    contact_name: string;
    customer_id: number | null;
    supplier_id: number | null;
    channel_code: string | null;
    region_code: string | null;
    issue_date: string;
    due_date: string;
    paid_date: string | null;
    currency: string;
    amount_minor: string | number;
    amount_due_minor: string | number;
    payments: { paidOn: string; amountMinor: number | string }[] | string;
  }>(
    db,
    sql`select i.id, i.status, i.invoice_number, i.contact_name, i.customer_id, i.supplier_id,
               c.code as channel_code, c.region_code,
               i.issue_date::text as issue_date, i.due_date::text as due_date, i.paid_date::text as paid_date,
               i.currency, i.amount_minor, i.amount_due_minor,
               coalesce((select json_agg(json_build_object('paidOn', p.paid_on::text, 'amountMinor', p.amount_minor)
                                        order by p.paid_on)
                         from payments p where p.invoice_id = i.id), '[]'::json) as payments
        from invoices i
        left join channels c on c.id = i.channel_id
        where i.type = ${type}
          and i.status in ('authorised', 'paid')
          and i.issue_date <= ${to}::date
          and (i.status = 'authorised'
               or i.paid_date >= ${from}::date
               or (i.paid_date is null and not exists (select 1 from payments p0 where p0.invoice_id = i.id))
               or exists (select 1 from payments p1 where p1.invoice_id = i.id and p1.paid_on >= ${from}::date))
        order by i.id`,
  );
  return rows.map((r) => {
    const payments = typeof r.payments === 'string' ? JSON.parse(r.payments) : r.payments;
    return {
      id: toInt(r.id),
      type,
      status: r.status,
      counterparty:
        type === 'receivable'
          ? r.customer_id !== null
            ? `customer:${r.customer_id}`
            : `contact:${r.contact_name}`
          : r.supplier_id !== null
            ? `supplier:${r.supplier_id}`
            : `contact:${r.contact_name}`,
      invoiceNumber: r.invoice_number,
      contactName: r.contact_name,
      channelCode: r.channel_code,
      regionCode: r.region_code,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      paidDate: r.paid_date,
      currency: r.currency,
      amountMinor: toInt(r.amount_minor),
      amountDueMinor: toInt(r.amount_due_minor),
      payments: (payments as { paidOn: string; amountMinor: number | string }[]).map((p) => ({
        paidOn: p.paidOn,
        amountMinor: toInt(p.amountMinor),
      })),
    };
  });
}
