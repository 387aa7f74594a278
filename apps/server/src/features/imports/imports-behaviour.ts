import type { ImportView } from '@sentia/contracts';
import { type Database, queryRows } from '@sentia/db';
import { buildDemoCatalogue, IMPORT_KINDS } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import {
  upsertChannels,
  upsertCustomers,
  upsertLocations,
  upsertProductionLines,
  upsertProducts,
  upsertSuppliers,
} from '../ingest/index';
import { makeZip, multipartUpload } from './test-files';

export interface ImportsHarness {
  app: ApiServer;
  ctx: AppContext;
  admin: { authorization: string };
  viewer: { authorization: string };
}

/** The demo business's master data, so the templates' examples (demo SKUs, channels…) resolve. */
export async function seedDemoCatalogue(db: Database): Promise<void> {
  const catalogue = buildDemoCatalogue({ endDate: '2026-03-31', days: 30 });
  await upsertSuppliers(db, catalogue.suppliers);
  await upsertProducts(db, catalogue.products);
  await upsertChannels(db, catalogue.channels);
  await upsertLocations(db, catalogue.locations);
  await upsertCustomers(db, catalogue.customers);
  await upsertProductionLines(db, catalogue.productionLines);
}

export function importClient(h: () => ImportsHarness) {
  async function upload(kind: string, filename: string, content: Buffer | string, mode?: string) {
    const body = multipartUpload(filename, content);
    return h().app.inject({
      method: 'POST',
      url: `/api/imports/${kind}${mode ? `?mode=${mode}` : ''}`,
      headers: { ...h().admin, ...body.headers },
      payload: body.payload,
    });
  }
  async function waitFor(id: string): Promise<ImportView> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const response = await h().app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: h().admin });
      const view = response.json() as ImportView;
      if (view.status === 'succeeded' || view.status === 'failed') return view;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${view.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async function importFile(kind: string, filename: string, content: Buffer | string, mode?: string) {
    const response = await upload(kind, filename, content, mode);
    expect(response.statusCode, response.body).toBe(202);
    return waitFor(response.json().import.id);
  }
  return { upload, waitFor, importFile };
}

const ORDER_HEADER = 'order_id,channel,order_date,status,currency,sku,quantity,unit_price';
const ordersFile = (rows: string[]) => `${[ORDER_HEADER, ...rows].join('\n')}\n`;

async function orderSnapshot(db: Database, prefix: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select o.external_id, o.source, o.status, o.total_minor::text, l.line_key, l.quantity, l.net_amount_minor::text
        from orders o join order_lines l on l.order_id = o.id
        where o.external_id like ${`${prefix}%`} order by o.external_id, l.line_key`,
  );
}

/** The import scenarios, run on PGlite with the in-process runner and on PostgreSQL with BullMQ. */
export function describeImportsBehaviour(h: () => ImportsHarness): void {
  const client = importClient(h);

  it('imports every template, as downloaded in CSV and in XLSX, without a single error', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      for (const kind of IMPORT_KINDS) {
        const template = await h().app.inject({
          method: 'GET',
          url: `/api/imports/templates/${kind}?format=${format}`,
          headers: h().viewer,
        });
        expect(template.statusCode).toBe(200);
        const view = await client.importFile(kind, `${kind}-template.${format}`, template.rawPayload);
        expect({ kind, format, status: view.status, errors: view.errors }).toEqual({
          kind,
          format,
          status: 'succeeded',
          errors: [],
        });
        expect(view.rowsImported).toBeGreaterThan(0);
        expect(view.rowsImported).toBe(view.rowsTotal);
      }
    }
    const [order] = await queryRows<{ source: string; total: string; lines: number }>(
      h().ctx.db,
      sql`select o.source, o.total_minor::text as total, count(l.id)::int as lines
          from orders o join order_lines l on l.order_id = o.id where o.external_id = 'EX-1001' group by o.id`,
    );
    expect(order).toEqual({ source: 'csv', total: '8500', lines: 2 });
    const [payment] = await queryRows<{ invoice: string }>(
      h().ctx.db,
      sql`select i.external_id as invoice from payments p join invoices i on i.id = p.invoice_id
          where p.external_id = 'EX-PAY-9001'`,
    );
    expect(payment?.invoice).toBe('EX-BILL-77');
  });

  it('reports every bad row with line, column and reason, and all-or-nothing writes nothing', async () => {
    const view = await client.importFile(
      'orders',
      'bad-orders.csv',
      ordersFile([
        'AON-1,shopify-uk,2026-03-14,paid,GBP,GIN-LDN-70,2,29.00',
        'AON-2,shopify-uk,2026-03-14,paid,GBP,GIN-LDN-70,0,29.00',
        'AON-3,shopify-uk,14/03/2026,paid,GBP,GIN-LDN-70,1,£29',
        'AON-4,shopify-uk,2026-03-14,paid,GBP,GIN-NOPE-70,1,29.00',
        'AON-5,shopify-uk,2026-03-14,paid,GBP,GIN-PINK-70,1,30.00',
      ]),
    );
    expect(view.status).toBe('failed');
    expect(view.message).toMatch(/3 of 5 rows have errors: nothing was imported/);
    expect(view.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, 'quantity', '0'],
      [4, 'order_date', '14/03/2026'],
      [4, 'unit_price', '£29'],
      [5, 'sku', 'GIN-NOPE-70'],
    ]);
    expect(view.errors[3]!.reason).toMatch(/no sku "GIN-NOPE-70" exists/);
    expect(await orderSnapshot(h().ctx.db, 'AON-')).toEqual([]);
    expect(view.canRetry).toBe(true);

    const retried = await h().app.inject({
      method: 'POST',
      url: `/api/imports/${view.id}/retry`,
      headers: h().admin,
      payload: { mode: 'valid-rows' },
    });
    expect(retried.statusCode).toBe(202);
    const second = await client.waitFor(retried.json().import.id);
    expect(second).toMatchObject({ status: 'succeeded', rowsImported: 2, rowsRejected: 3, retryOf: view.id });
    expect((await orderSnapshot(h().ctx.db, 'AON-')).map((r) => r.external_id)).toEqual(['AON-1', 'AON-5']);
    const errors = await h().app.inject({
      method: 'GET',
      url: `/api/imports/${second.id}/errors`,
      headers: h().viewer,
    });
    expect(errors.json()).toMatchObject({ total: 4, next: null });
  });

  it('reports rules across cells (checked once, by the ingest) on the cell at fault', async () => {
    const header = 'invoice_id,type,contact_name,issue_date,due_date,status,currency,amount,amount_due';
    const view = await client.importFile(
      'invoices',
      'rules.csv',
      `${header}\nRULE-1,receivable,Harvey,2026-03-01,2026-03-31,authorised,GBP,10.00,10.00\nRULE-2,receivable,Harvey,2026-03-10,2026-03-01,authorised,GBP,10.00,12.50\n`,
      'valid-rows',
    );
    expect(view).toMatchObject({ status: 'succeeded', rowsImported: 1, rowsRejected: 1 });
    expect(view.errors).toEqual([
      { line: 3, column: 'amount_due', value: '12.50', reason: 'amount due must not exceed the amount' },
      {
        line: 3,
        column: 'due_date',
        value: '2026-03-01',
        reason: 'due date must not be before the issue date',
      },
    ]);
  });

  it('re-importing the same file changes nothing, recognised by checksum or by natural keys', async () => {
    const rows = [
      'IDEM-1,shopify-uk,2026-03-10,paid,GBP,GIN-LDN-70,2,29.00',
      'IDEM-1,shopify-uk,2026-03-10,paid,GBP,GIN-PINK-70,1,30.00',
      'IDEM-2,wholesale-uk,2026-03-11,shipped,GBP,GIN-LDN-70,12,18.50',
    ];
    const first = await client.importFile('orders', 'idem.csv', ordersFile(rows));
    expect(first.status).toBe('succeeded');
    const before = await orderSnapshot(h().ctx.db, 'IDEM-');
    expect(before).toHaveLength(3);

    const again = await client.upload('orders', 'idem-copy.csv', ordersFile(rows));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, import: { id: first.id } });

    const reordered = await client.importFile(
      'orders',
      'idem-reordered.csv',
      ordersFile([rows[2]!, rows[0]!, rows[1]!]),
    );
    expect(reordered).toMatchObject({ status: 'succeeded', rowsImported: 3 });
    expect(await orderSnapshot(h().ctx.db, 'IDEM-')).toEqual(before);
    const [count] = await queryRows<{ n: number }>(
      h().ctx.db,
      sql`select count(*)::int as n from orders where external_id like 'IDEM-%'`,
    );
    expect(count?.n).toBe(2);
  });

  it('keeps a row its source changed later, and lets a later import win when rows carry no time', async () => {
    const file = (onHand: number, updatedAt: string) =>
      `sku,location,as_of,on_hand,updated_at\nGIN-LDN-70,DIST-UK,2026-02-01,${onHand},${updatedAt}\n`;
    const onHand = async () =>
      (
        await queryRows<{ on_hand: number }>(
          h().ctx.db,
          sql`select s.on_hand from stock_levels s join products p on p.id = s.product_id
              join locations l on l.id = s.location_id
              where p.sku = 'GIN-LDN-70' and l.code = 'DIST-UK' and s.as_of = '2026-02-01'`,
        )
      )[0]?.on_hand;
    await client.importFile('stock-levels', 'a.csv', file(100, '2026-02-02T10:00:00Z'));
    const older = await client.importFile('stock-levels', 'b.csv', file(50, '2026-02-01T10:00:00Z'));
    expect(older).toMatchObject({ status: 'succeeded', recordsWritten: 0, recordsKept: 1 });
    expect(await onHand()).toBe(100);
    await client.importFile('stock-levels', 'c.csv', file(75, ''));
    expect(await onHand()).toBe(75);
  });

  it('refuses a header that does not match its template, naming the columns at fault', async () => {
    const view = await client.importFile(
      'stock-levels',
      'header.csv',
      'sku,locaton,as_of\nGIN-LDN-70,DIST-UK,2026-03-01\n',
    );
    expect(view.status).toBe('failed');
    expect(view.message).toMatch(/header row does not match/);
    expect(view.errors.map((e) => [e.line, e.column])).toEqual([
      [1, null],
      [1, 'location'],
      [1, 'on_hand'],
    ]);
    expect(view.errors[0]!.reason).toMatch(/did you mean location/);
  });

  it('refuses oversized uploads and XLSX zip bombs with 413 problem+json, as the limits say', async () => {
    const set = (body: object) =>
      h().app.inject({ method: 'PUT', url: '/api/imports/limits', headers: h().admin, payload: body });
    expect((await set({ maxUploadBytes: 2048 })).statusCode).toBe(200);
    try {
      const big = await client.upload(
        'fx-rates',
        'big.csv',
        `date,currency,rate_to_gbp\n${'2026-03-01,EUR,0.85\n'.repeat(200)}`,
      );
      expect(big.statusCode).toBe(413);
      expect(big.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(big.json()).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
    } finally {
      await set({ maxUploadBytes: 100 * 1024 * 1024 });
    }
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const ratioBomb = await client.upload(
      'orders',
      'bomb.xlsx',
      makeZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]),
    );
    expect(ratioBomb.statusCode).toBe(413);
    expect(ratioBomb.json().detail).toMatch(/zip bomb/);
    await set({ maxXlsxExpandedBytes: 8 * 1024 * 1024, maxXlsxCompressionRatio: 100_000 });
    try {
      const liar = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1000 }]);
      const lying = await client.upload('orders', 'liar.xlsx', liar);
      expect(lying.statusCode).toBe(400);
      expect(lying.json().detail).toMatch(/expands to more than its directory says/);
      const bomb = await client.upload('orders', 'big.xlsx', makeZip([{ name: 'a.xml', data: zeros }]));
      expect(bomb.statusCode).toBe(413);
      expect(bomb.json().detail).toMatch(/expands to more than the limit of 8 MB/);
    } finally {
      await set({ maxXlsxExpandedBytes: 1024 * 1024 * 1024, maxXlsxCompressionRatio: 200 });
    }
    const stored = await queryRows<{ n: number }>(
      h().ctx.db,
      sql`select count(*)::int as n from import_files where not complete`,
    );
    expect(stored[0]?.n).toBe(0);
  });

  it('audits uploads, neutralises formulas in the errors export, and needs write:imports to upload', async () => {
    const view = await client.importFile(
      'stock-levels',
      'formula.csv',
      'sku,location,as_of,on_hand\n"=HYPERLINK(""http://x"",""y"")",DIST-UK,2026-03-01,5\n',
      'valid-rows',
    );
    expect(view).toMatchObject({ status: 'succeeded', rowsImported: 0, rowsRejected: 1 });
    const csv = await h().app.inject({
      method: 'GET',
      url: `/api/imports/${view.id}/errors?format=csv`,
      headers: h().admin,
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[1]).toMatch(/^2,sku,"'=HYPERLINK/);
    const audit = await queryRows<{ action: string }>(
      h().ctx.db,
      sql`select action from audit_log where target_id = ${view.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['imports.uploaded', 'data.exported']);

    const body = multipartUpload('x.csv', 'date,currency,rate_to_gbp\n');
    const refused = await h().app.inject({
      method: 'POST',
      url: '/api/imports/fx-rates',
      headers: { ...h().viewer, ...body.headers },
      payload: body.payload,
    });
    expect(refused.statusCode).toBe(403);
    const history = await h().app.inject({ method: 'GET', url: '/api/imports?limit=5', headers: h().viewer });
    expect(history.statusCode).toBe(200);
    expect(history.headers['cache-control']).toBe('no-store');
    expect(history.json().imports.length).toBe(5);
  });
}
