import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

export interface DataPresence {
  orders: boolean;
  stock: boolean;
  receivables: boolean;
  payables: boolean;
  /** Any figure could come from the labelled demo data set. */
  demo: boolean;
  /** When the last sync, import or demo load finished. */
  updatedAt: string | null;
}

/** Which kinds of data exist at all, so a page can say what would supply the missing ones. */
export async function queryDataPresence(db: Database): Promise<DataPresence> {
  const [row] = await queryRows<{
    orders: boolean;
    stock: boolean;
    receivables: boolean;
    payables: boolean;
    demo: boolean;
    updated_at: string | null;
  }>(
    db,
    sql`select exists(select 1 from orders) as orders,
               exists(select 1 from stock_levels) as stock,
               exists(select 1 from invoices where type = 'receivable') as receivables,
               exists(select 1 from invoices where type = 'payable') as payables,
               (exists(select 1 from orders where source = 'demo')
                 or exists(select 1 from stock_levels where source = 'demo')
                 or exists(select 1 from invoices where source = 'demo')) as demo,
               (select to_char(max(finished_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                  from sync_runs where status = 'succeeded') as updated_at`,
  );
  return {
    orders: Boolean(row?.orders),
    stock: Boolean(row?.stock),
    receivables: Boolean(row?.receivables),
    payables: Boolean(row?.payables),
    demo: Boolean(row?.demo),
    updatedAt: row?.updated_at ?? null,
  };
}
