import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../test-support/database';
import { findDemoLoad, isDemoDataLoaded } from './demo-settings';
import { type DemoLoadProgress, loadDemoData } from './load-demo-data';

let handle: DatabaseHandle;
const logger = { info: () => {}, warn: () => {} };

beforeAll(async () => {
  handle = await createPgliteTestDatabase();
});

afterAll(async () => {
  await handle.close();
});

const TABLES = [
  'products',
  'channels',
  'orders',
  'order_lines',
  'stock_levels',
  'invoices',
  'payments',
  'fx_rates',
];

async function counts(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    TABLES.map(async (t) => {
      const [row] = await queryRows<{ n: number }>(handle.db, sql.raw(`select count(*)::int as n from ${t}`));
      return [t, row!.n] as const;
    }),
  );
  return Object.fromEntries(entries);
}

describe('loadDemoData on PGlite', () => {
  it('loads a short demo period, records the run and the setting, and a second run changes nothing', async () => {
    expect(await isDemoDataLoaded(handle.db)).toBe(false);
    const progress: DemoLoadProgress[] = [];
    const first = await loadDemoData({
      db: handle.db,
      logger,
      endDate: '2026-03-31',
      days: 21,
      batchSize: 1_000,
      onProgress: (p) => progress.push(p),
    });
    expect(first.totals.rejected).toBe(0);
    expect(first.totals.written).toBe(first.totals.read);
    expect(first.window).toMatchObject({ startDate: '2026-03-11', endDate: '2026-03-31', days: 21 });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ percent: 100, daysDone: 21 });

    const after = await counts();
    expect(after.products).toBe(9);
    expect(after.channels).toBe(7);
    expect(after.orders).toBeGreaterThan(21 * 80);
    expect(after.fx_rates).toBe(42);
    expect(await isDemoDataLoaded(handle.db)).toBe(true);
    expect(await findDemoLoad(handle.db)).toMatchObject({
      endDate: '2026-03-31',
      days: 21,
      syncRunId: first.syncRunId,
    });

    const second = await loadDemoData({ db: handle.db, logger, endDate: '2026-03-31', days: 21 });
    expect(second.totals.read).toBe(first.totals.read);
    expect(await counts()).toEqual(after);

    const runs = await queryRows<{ status: string; read: number; written: number; progress: number }>(
      handle.db,
      sql`select status, records_read as read, records_written as written, progress
          from sync_runs where connector = 'demo' and kind = 'demo' order by started_at`,
    );
    expect(runs).toHaveLength(2);
    for (const run of runs)
      expect(run).toMatchObject({ status: 'succeeded', progress: 100, read: first.totals.read });
  });

  it('labels every record it wrote as demo data', async () => {
    const [row] = await queryRows<{ other: number }>(
      handle.db,
      sql`select ((select count(*) from orders where source <> 'demo') + (select count(*) from invoices where source <> 'demo')
              + (select count(*) from stock_levels where source <> 'demo') + (select count(*) from products where source <> 'demo'))::int as other`,
    );
    expect(row?.other).toBe(0);
  });
});
