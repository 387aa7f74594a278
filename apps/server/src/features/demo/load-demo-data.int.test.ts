import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl } from '../../test-support/services';
import { isDemoDataLoaded } from './demo-settings';
import { loadDemoData } from './load-demo-data';

const TABLES = [
  'suppliers',
  'products',
  'price_lists',
  'channels',
  'locations',
  'customers',
  'production_lines',
  'orders',
  'order_lines',
  'refunds',
  'stock_levels',
  'production_batches',
  'purchase_orders',
  'purchase_order_lines',
  'invoices',
  'payments',
  'bank_accounts',
  'bank_balances',
  'fx_rates',
];

/** Natural keys that must stay unique however often the demo is loaded. */
const NATURAL_KEYS: Record<string, string> = {
  orders: 'source, external_id',
  order_lines: 'order_id, line_key',
  stock_levels: 'product_id, location_id, as_of',
  invoices: 'source, external_id',
  payments: 'source, external_id',
  bank_balances: 'account_id, as_of',
  fx_rates: 'rate_date, currency',
};

describeWithServices({ postgres: true }, 'loadDemoData on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let handle: DatabaseHandle;
  const logger = { info: () => {}, warn: () => {} };

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    handle = database.handle;
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await queryRows<{ n: number }>(
        handle.db,
        sql.raw(`select count(*)::int as n from ${table}`),
      );
      result[table] = row!.n;
    }
    return result;
  }

  it('loads 60 days twice with identical counts and no duplicates', async () => {
    const options = { db: handle.db, logger, endDate: '2026-11-28', days: 60 };
    const first = await loadDemoData(options);
    expect(first.totals.rejected).toBe(0);
    const afterFirst = await counts();
    for (const table of TABLES) expect(afterFirst[table], table).toBeGreaterThan(0);

    const second = await loadDemoData(options);
    expect(second.totals.read).toBe(first.totals.read);
    expect(await counts()).toEqual(afterFirst);
    for (const [table, key] of Object.entries(NATURAL_KEYS)) {
      const [row] = await queryRows<{ n: number }>(
        handle.db,
        sql.raw(
          `select count(*)::int as n from (select ${key} from ${table} group by ${key} having count(*) > 1) d`,
        ),
      );
      expect(row!.n, `duplicates in ${table}`).toBe(0);
    }
    expect(await isDemoDataLoaded(handle.db)).toBe(true);
    const [runs] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from sync_runs where connector = 'demo' and status = 'succeeded'`,
    );
    expect(runs!.n).toBe(2);
  });
});
