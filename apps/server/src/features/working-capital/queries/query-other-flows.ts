import { type Database, queryRows } from '@sentia/db';
import { shiftDate } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { queryBankTotalsAt } from './query-bank-position';
import { toInt } from './sql-helpers';

export const OTHER_FLOWS_WINDOW_DAYS = 91;

/**
 * Per currency, the bank movement over the 91 days to `asOf` that invoice payments do not explain
 * (payroll, overhead, VAT, transfers between currency accounts, …): change in the bank balance less
 * customer payments received plus supplier payments made. Null when the bank history does not
 * reach back that far.
 */
export async function queryUnexplainedBankMovements(
  db: Database,
  asOf: string,
): Promise<Map<string, number> | null> {
  const start = shiftDate(asOf, -OTHER_FLOWS_WINDOW_DAYS);
  const [[earliest], before, after, invoiceCash] = await Promise.all([
    queryRows<{ first: string | null }>(db, sql`select min(as_of)::text as first from bank_balances`),
    queryBankTotalsAt(db, start),
    queryBankTotalsAt(db, asOf),
    queryRows<{ currency: string; net: string }>(
      db,
      sql`select currency, sum(signed)::bigint as net from (
            select pm.currency, case when i.type = 'receivable' then pm.amount_minor else -pm.amount_minor end as signed
            from payments pm join invoices i on i.id = pm.invoice_id
            where pm.paid_on > ${start}::date and pm.paid_on <= ${asOf}::date
            union all
            select i.currency, case when i.type = 'receivable' then i.amount_minor else -i.amount_minor end
            from invoices i
            where i.status = 'paid' and i.paid_date > ${start}::date and i.paid_date <= ${asOf}::date
              and not exists (select 1 from payments p where p.invoice_id = i.id)
          ) x group by currency`,
    ),
  ]);
  if (!earliest?.first || earliest.first > start) return null;
  const other = new Map<string, number>();
  for (const currency of new Set([...before.keys(), ...after.keys()])) {
    other.set(currency, (after.get(currency) ?? 0) - (before.get(currency) ?? 0));
  }
  for (const row of invoiceCash) {
    const currency = row.currency.trim();
    other.set(currency, (other.get(currency) ?? 0) - toInt(row.net));
  }
  return other;
}
