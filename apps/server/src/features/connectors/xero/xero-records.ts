import { type Database, queryRows } from '@sentia/db';
import {
  normaliseXeroBankBalances,
  normaliseXeroInvoices,
  normaliseXeroPayments,
  type XeroContactRef,
  type XeroInvoice,
  type XeroPayment,
  type XeroReport,
} from '@sentia/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import type { PageRecords } from '../../sync/connector';
import type { XeroPayload } from './xero-pages';

/**
 * Kept payloads → records. A Xero contact becomes our customer (receivables) or supplier (bills)
 * when the catalogue has one with its account number as code, or with its name; a receivable also
 * takes that customer's channel. Bank accounts are created when new; existing ones keep their
 * name and currency (balances come in the base currency, each balance row saying so).
 */
export async function xeroRecords(
  ctx: AppContext,
  entity: string,
  payloads: readonly unknown[],
): Promise<PageRecords> {
  const items = payloads as XeroPayload[];
  if (items.length === 0) return { records: {}, rejections: [] };
  const account = items[0]!.account;
  switch (entity) {
    case 'organisation':
      return { records: {}, rejections: [] };
    case 'invoice': {
      const invoices = items.map((p) => p.item as XeroInvoice);
      const contacts = invoices.map((i) => i.Contact).filter((c): c is XeroContactRef => !!c);
      const [customers, suppliers] = await Promise.all([
        counterparties(ctx.db, 'customers', contacts),
        counterparties(ctx.db, 'suppliers', contacts),
      ]);
      const out = normaliseXeroInvoices(invoices, {
        source: account.source,
        customerFor: (c) => {
          const row = match(customers, c);
          return row
            ? { code: row.code, ...(row.channel_code ? { channelCode: row.channel_code } : {}) }
            : undefined;
        },
        supplierFor: (c) => match(suppliers, c)?.code,
      });
      return { records: { invoices: out.records }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'payment': {
      const out = normaliseXeroPayments(
        items.map((p) => p.item as XeroPayment),
        { source: account.source },
      );
      return { records: { payments: out.records }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'balance-sheet': {
      const out = normaliseXeroBankBalances(items[0]!.item as XeroReport, {
        source: account.source,
        baseCurrency: account.baseCurrency,
        asOf: account.asOf!,
      });
      const known = await queryRows<{ external_id: string }>(
        ctx.db,
        sql`select external_id from bank_accounts where source = ${account.source}
            and external_id = any(${sql.param(out.accounts.map((a) => a.externalId))}::text[])`,
      );
      const existing = new Set(known.map((r) => r.external_id));
      return {
        records: {
          bankAccounts: out.accounts.filter((a) => !existing.has(a.externalId)),
          bankBalances: out.records,
        },
        rejections: out.rejections,
        skipped: out.skipped,
      };
    }
    default:
      return {
        records: {},
        rejections: items.map((_, i) => ({ key: `#${i}`, reason: `unknown entity ${entity}` })),
      };
  }
}

interface Counterparty {
  code: string;
  name: string;
  channel_code: string | null;
}

async function counterparties(db: Database, table: 'customers' | 'suppliers', contacts: XeroContactRef[]) {
  const codes = [...new Set(contacts.map((c) => c.AccountNumber?.trim()).filter((c): c is string => !!c))];
  const names = [
    ...new Set(contacts.map((c) => c.Name?.trim().toLowerCase()).filter((n): n is string => !!n)),
  ];
  if (codes.length === 0 && names.length === 0) return [];
  const channel =
    table === 'customers'
      ? sql`(select ch.code from channels ch where ch.id = t.channel_id)`
      : sql`null::text`;
  return queryRows<Counterparty>(
    db,
    sql`select t.code, t.name, ${channel} as channel_code from ${sql.raw(table)} t
        where t.code = any(${sql.param(codes)}::text[]) or lower(t.name) = any(${sql.param(names)}::text[])`,
  );
}

/** By account number first (exact), else by name (case-insensitive, and only when one row has it). */
function match(rows: Counterparty[], contact: XeroContactRef): Counterparty | undefined {
  const code = contact.AccountNumber?.trim();
  if (code) {
    const byCode = rows.find((r) => r.code === code);
    if (byCode) return byCode;
  }
  const name = contact.Name?.trim().toLowerCase();
  const byName = name ? rows.filter((r) => r.name.toLowerCase() === name) : [];
  return byName.length === 1 ? byName[0] : undefined;
}
