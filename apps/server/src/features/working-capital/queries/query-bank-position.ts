import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { toInt } from './sql-helpers';

export interface BankAccountBalance {
  name: string;
  currency: string;
  balanceMinor: number;
  asOf: string;
}

/** Each bank account's latest balance on or before `date`. */
export async function queryBankPosition(db: Database, date: string): Promise<BankAccountBalance[]> {
  const rows = await queryRows<{ name: string; currency: string; balance: string; as_of: string }>(
    db,
    sql`select a.name, b.currency, b.balance_minor as balance, b.as_of::text as as_of
        from bank_accounts a
        join lateral (
          select currency, balance_minor, as_of from bank_balances
          where account_id = a.id and as_of <= ${date}::date
          order by as_of desc limit 1
        ) b on true
        order by a.name`,
  );
  return rows.map((r) => ({
    name: r.name,
    currency: r.currency.trim(),
    balanceMinor: toInt(r.balance),
    asOf: r.as_of,
  }));
}

/** Each currency's total bank balance on `date` (latest per account on or before it). */
export async function queryBankTotalsAt(db: Database, date: string): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const account of await queryBankPosition(db, date)) {
    totals.set(account.currency, (totals.get(account.currency) ?? 0) + account.balanceMinor);
  }
  return totals;
}
