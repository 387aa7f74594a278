import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { queryRows } from '@sentia/db';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../context';
import { buildHttpApp } from '../../http-app';
import { allJobs } from '../../jobs';
import { BullmqJobWorker } from '../../platform/jobs/bullmq-queue';
import { connectRedis } from '../../platform/redis';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPostgresTestDatabase } from '../../test-support/database';
import { describeWithServices, testDatabaseUrl, testRedisUrl } from '../../test-support/services';
import {
  describeImportsBehaviour,
  type ImportsHarness,
  importClient,
  seedDemoCatalogue,
} from './imports-behaviour';

/** A large orders file: `orders` orders of 1–4 lines each, generated, never held as rows in memory twice. */
function bigOrdersFile(lines: number): Buffer {
  const skus = ['GIN-LDN-70', 'GIN-PINK-70', 'GIN-NAVY-50'];
  const out = [
    'order_id,channel,order_date,ordered_at,status,currency,line_id,sku,quantity,unit_price,discount',
  ];
  let written = 0;
  for (let order = 1; written < lines; order++) {
    const day = String(1 + (order % 28)).padStart(2, '0');
    for (let line = 1; line <= 1 + (order % 4) && written < lines; line++, written++) {
      out.push(
        `BIG-${order},shopify-uk,2026-02-${day},2026-02-${day}T12:00:00Z,paid,GBP,${line},${skus[(order + line) % 3]},${1 + (line % 3)},29.00,${line === 2 ? '1.50' : ''}`,
      );
    }
  }
  return Buffer.from(`${out.join('\n')}\n`);
}

/** A stock-levels workbook of `rows` rows written with exceljs's streaming writer (shared strings, dates as dates). */
async function bigStockWorkbook(rows: number): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sentia-xlsx-'));
  const filename = path.join(dir, 'stock.xlsx');
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename,
      useSharedStrings: true,
      useStyles: true,
    });
    const sheet = workbook.addWorksheet('stock');
    sheet.addRow(['SKU', 'Location', 'As of', 'On hand', 'Allocated']).commit();
    const skus = ['GIN-LDN-70', 'GIN-PINK-70', 'GIN-NAVY-50'];
    const locations = ['DIST-UK', 'FBA-UK', 'WH-EU', 'WH-US'];
    for (let i = 0; i < rows; i++) {
      const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 12) * 86_400_000);
      const row = sheet.addRow([skus[i % 3], locations[Math.floor(i / 3) % 4], day, 1000 + (i % 500), i % 7]);
      row.getCell(3).numFmt = 'yyyy-mm-dd';
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
    return readFileSync(filename);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The import scenarios on real PostgreSQL, with the job run by a BullMQ worker as in server mode
 * (web and worker in separate contexts sharing only PostgreSQL and Redis), plus a 100,000-row
 * file streamed through.
 */
describeWithServices({ postgres: true, redis: true }, 'spreadsheet imports on PostgreSQL and BullMQ', () => {
  const prefix = `test-${randomUUID()}`;
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let web: ReturnType<typeof createTestContext>;
  let worker: ReturnType<typeof createTestContext>;
  let jobWorker: BullmqJobWorker<AppContext>;
  let workerConnection: ReturnType<typeof connectRedis>;
  let harness: ImportsHarness;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!, { poolMax: 8 });
    web = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
    worker = createTestContext(database.handle, { redisUrl: testRedisUrl!, bullmqPrefix: prefix });
    workerConnection = connectRedis(testRedisUrl!, 'worker', 'sentia-test-worker');
    jobWorker = new BullmqJobWorker<AppContext>({
      connection: workerConnection,
      prefix,
      concurrency: 2,
      definitions: allJobs,
      ctx: worker.ctx,
      logger: worker.ctx.logger,
    });
    await jobWorker.start();
    await seedDemoCatalogue(database.handle.db);
    const app = await buildHttpApp(web.ctx, { serveWeb: false });
    harness = {
      app,
      ctx: web.ctx,
      admin: (await signInAs(app, web.ctx, 'admin')).headers,
      viewer: (await signInAs(app, web.ctx, 'viewer')).headers,
    };
  });

  afterAll(async () => {
    await harness?.app.close();
    await jobWorker?.close();
    await workerConnection?.quit();
    await web?.close();
    await worker?.close();
    await database?.drop();
  });

  describeImportsBehaviour(() => harness);

  it('streams a 24,000-row XLSX workbook through the streaming reader (dates and shared strings)', async () => {
    const client = importClient(() => harness);
    const view = await client.importFile('stock-levels', 'stock.xlsx', await bigStockWorkbook(24_000));
    expect(view).toMatchObject({
      status: 'succeeded',
      format: 'xlsx',
      rowsTotal: 24_000,
      rowsImported: 24_000,
    });
    const [stored] = await queryRows<{ n: number; first: string; last: string }>(
      database.handle.db,
      sql`select count(*)::int as n, min(as_of)::text as first, max(as_of)::text as last from stock_levels
          where source = 'csv' and as_of between '2024-01-01' and '2029-06-22'`,
    );
    // Twelve rows a day (three SKUs at four locations) for 2,000 days from 2024-01-01.
    expect(stored).toEqual({ n: 24_000, first: '2024-01-01', last: '2029-06-22' });
  });

  it('streams a 100,000-row file through, reporting progress to the job and the import', async () => {
    const client = importClient(() => harness);
    const file = bigOrdersFile(100_000);
    const response = await client.upload('orders', 'big-orders.csv', file);
    expect(response.statusCode).toBe(202);
    const id = response.json().import.id as string;
    const view = await client.waitFor(id);
    expect(view).toMatchObject({
      status: 'succeeded',
      rowsTotal: 100_000,
      rowsImported: 100_000,
      rowsRejected: 0,
      errorCount: 0,
      percent: 100,
      canRetry: false,
    });
    const [counts] = await queryRows<{ orders: number; lines: number; total: string }>(
      database.handle.db,
      sql`select count(distinct o.id)::int as orders, count(l.id)::int as lines, sum(l.net_amount_minor)::text as total
          from orders o join order_lines l on l.order_id = o.id where o.external_id like 'BIG-%'`,
    );
    expect(counts?.lines).toBe(100_000);
    expect(counts?.orders).toBe(view.recordsWritten);
    // Every line is 29.00 × quantity, less 1.50 on second lines: summed exactly in pence.
    const expected = file
      .toString()
      .trim()
      .split('\n')
      .slice(1)
      .reduce((sum, row) => {
        const cells = row.split(',');
        return sum + Number(cells[8]) * 2900 - (cells[10] ? 150 : 0);
      }, 0);
    expect(counts?.total).toBe(String(expected));

    const queue = new Queue('imports', { connection: workerConnection, prefix });
    const job = await queue.getJob(`imports.run%3A${id}`);
    expect(job?.progress).toMatchObject({ percent: 100, done: 100_000 });
    await queue.close();
    const [run] = await queryRows<{ status: string; records_read: number; progress: number }>(
      database.handle.db,
      sql`select s.status, s.records_read, s.progress from import_runs r join sync_runs s on s.id = r.sync_run_id
          where r.import_id = ${id}`,
    );
    expect(run).toEqual({ status: 'succeeded', records_read: 100_000, progress: 100 });
    const [stored] = await queryRows<{ n: number }>(
      database.handle.db,
      sql`select count(*)::int as n from import_files f join import_runs r on r.file_id = f.id where r.import_id = ${id}`,
    );
    expect(stored?.n).toBe(0);
  });
});
