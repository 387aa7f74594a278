import { type DatabaseHandle, queryRows } from '@sentia/db';
import type { InvoiceRecord, ProductRecord, PurchaseOrderRecord, StockLevelRecord } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../test-support/database';
import {
  upsertChannels,
  upsertCustomers,
  upsertLocations,
  upsertProducts,
  upsertSuppliers,
} from './upsert-catalogue';
import {
  upsertBankAccounts,
  upsertBankBalances,
  upsertFxRates,
  upsertInvoices,
  upsertPayments,
} from './upsert-finance';
import { upsertProductionBatches, upsertProductionLines, upsertStockLevels } from './upsert-operations';
import { upsertPurchaseOrders } from './upsert-purchase-orders';

let handle: DatabaseHandle;
const source = 'unleashed';

beforeAll(async () => {
  handle = await createPgliteTestDatabase();
  const { db } = handle;
  await upsertSuppliers(db, [
    { source, code: 'SUP-1', name: 'Glass Ltd', currency: 'GBP', paymentTermsDays: 60, leadTimeDays: 21 },
  ]);
  await upsertChannels(db, [
    {
      source,
      code: 'wholesale-uk',
      name: 'Trade',
      kind: 'wholesale',
      regionCode: 'UK',
      currency: 'GBP',
      settlementDays: 30,
    },
  ]);
  await upsertLocations(db, [{ source, code: 'WH-1', name: 'Main', kind: 'warehouse', regionCode: 'UK' }]);
  await upsertCustomers(db, [
    { source, code: 'C-1', name: 'Bar Ltd', channelCode: 'wholesale-uk', paymentTermsDays: 30 },
  ]);
});

afterAll(async () => {
  await handle.close();
});

async function count(table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(handle.db, sql.raw(`select count(*)::int as n from ${table}`));
  return row!.n;
}

const gin = (overrides: Partial<ProductRecord> = {}): ProductRecord => ({
  source,
  sku: 'GIN-70',
  name: 'Gin 70cl',
  unitCostMinor: 900,
  costCurrency: 'GBP',
  packSize: 6,
  moq: 60,
  leadTimeDays: 14,
  supplierCode: 'SUP-1',
  prices: [
    { currency: 'GBP', priceMinor: 2900, validFrom: '2026-01-01' },
    { currency: 'EUR', priceMinor: 3300, validFrom: '2026-01-01' },
  ],
  ...overrides,
});

describe('catalogue upserts', () => {
  it('writes products with their price lists and rejects an unknown supplier', async () => {
    const result = await upsertProducts(handle.db, [gin(), gin({ sku: 'RUM-70', supplierCode: 'SUP-404' })]);
    expect(result).toMatchObject({ read: 2, written: 1, rejected: 1 });
    expect(result.rejections[0]).toMatchObject({ key: 'RUM-70', reason: 'unknown supplier "SUP-404"' });
    await upsertProducts(handle.db, [gin()]);
    expect(await count('products')).toBe(1);
    expect(await count('price_lists')).toBe(2);
  });

  it('ignores a product version older than the stored one', async () => {
    await upsertProducts(handle.db, [
      gin({ name: 'Gin (new label)', sourceUpdatedAt: '2026-05-02T00:00:00Z' }),
    ]);
    const stale = await upsertProducts(handle.db, [
      gin({ name: 'Gin (old)', sourceUpdatedAt: '2026-05-01T00:00:00Z' }),
    ]);
    expect(stale).toMatchObject({ written: 0, skipped: 1 });
    const [row] = await queryRows<{ name: string }>(
      handle.db,
      sql`select name from products where sku = 'GIN-70'`,
    );
    expect(row?.name).toBe('Gin (new label)');
  });
});

describe('operations upserts', () => {
  const level = (onHand: number, sourceUpdatedAt?: string): StockLevelRecord => ({
    source,
    sku: 'GIN-70',
    locationCode: 'WH-1',
    asOf: '2026-05-03',
    onHand,
    ...(sourceUpdatedAt ? { sourceUpdatedAt } : {}),
  });

  it('keeps one stock level per SKU, location and date, and the latest source version', async () => {
    await upsertStockLevels(handle.db, [level(120, '2026-05-03T18:00:00Z')]);
    expect(await upsertStockLevels(handle.db, [level(90, '2026-05-03T08:00:00Z')])).toMatchObject({
      written: 0,
      skipped: 1,
    });
    expect(await upsertStockLevels(handle.db, [level(100, '2026-05-03T18:00:00Z')])).toMatchObject({
      written: 1,
    });
    const rows = await queryRows<{ on_hand: number }>(handle.db, sql`select on_hand from stock_levels`);
    expect(rows).toEqual([{ on_hand: 100 }]);
    const unknown = await upsertStockLevels(handle.db, [{ ...level(1), locationCode: 'WH-9' }]);
    expect(unknown.rejections[0]?.reason).toBe('unknown location "WH-9"');
  });

  it('writes production lines and batches idempotently', async () => {
    await upsertProductionLines(handle.db, [
      { source, code: 'LINE-B', name: 'Bottling', kind: 'bottling', capacityPerDay: 2000, leadTimeDays: 2 },
    ]);
    const batch = {
      source,
      externalId: 'ASM-1',
      sku: 'GIN-70',
      lineCode: 'LINE-B',
      quantity: 600,
      plannedStart: '2026-05-04',
      plannedEnd: '2026-05-06',
      status: 'planned' as const,
    };
    expect(await upsertProductionBatches(handle.db, [batch])).toMatchObject({ written: 1 });
    expect(await upsertProductionBatches(handle.db, [batch])).toMatchObject({ written: 1 });
    expect(await count('production_batches')).toBe(1);
  });

  it('writes purchase orders with their lines and drops lines the source removed', async () => {
    const po: PurchaseOrderRecord = {
      source,
      externalId: 'PO-1',
      supplierCode: 'SUP-1',
      orderDate: '2026-05-01',
      expectedDate: '2026-05-22',
      status: 'placed',
      currency: 'GBP',
      lines: [
        { lineKey: '1', sku: 'GIN-70', quantity: 600, unitCostMinor: 900 },
        { lineKey: '2', sku: 'GIN-70', quantity: 60, unitCostMinor: 900 },
      ],
    };
    await upsertPurchaseOrders(handle.db, [po]);
    await upsertPurchaseOrders(handle.db, [po]);
    expect(await count('purchase_order_lines')).toBe(2);
    await upsertPurchaseOrders(handle.db, [{ ...po, status: 'received', lines: [po.lines[0]!] }]);
    expect(await count('purchase_order_lines')).toBe(1);
    const [row] = await queryRows<{ total: string }>(
      handle.db,
      sql`select total_minor::text as total from purchase_orders`,
    );
    expect(row?.total).toBe('540000');
  });
});

describe('finance upserts', () => {
  const invoice = (overrides: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
    source: 'xero',
    externalId: 'INV-1',
    type: 'receivable',
    contactName: 'Bar Ltd',
    customerCode: 'C-1',
    channelCode: 'wholesale-uk',
    issueDate: '2026-05-01',
    dueDate: '2026-05-31',
    status: 'authorised',
    currency: 'GBP',
    amountMinor: 100_000,
    amountDueMinor: 60_000,
    ...overrides,
  });

  it('rejects an invoice owing more than its amount, and a payment for an unknown invoice', async () => {
    const invoices = await upsertInvoices(handle.db, [
      invoice(),
      invoice({ externalId: 'INV-2', amountDueMinor: 200_000 }),
    ]);
    expect(invoices).toMatchObject({ written: 1, rejected: 1 });
    expect(invoices.rejections[0]?.reason).toContain('amountDueMinor: amount due must not exceed the amount');

    const payments = await upsertPayments(handle.db, [
      {
        source: 'xero',
        externalId: 'PAY-1',
        invoiceExternalId: 'INV-1',
        paidOn: '2026-05-20',
        amountMinor: 40_000,
        currency: 'GBP',
      },
      {
        source: 'xero',
        externalId: 'PAY-2',
        invoiceExternalId: 'INV-9',
        paidOn: '2026-05-20',
        amountMinor: 1,
        currency: 'GBP',
      },
      // The same invoice id from another source is a different invoice.
      {
        source: 'csv',
        externalId: 'PAY-3',
        invoiceExternalId: 'INV-1',
        paidOn: '2026-05-20',
        amountMinor: 1,
        currency: 'GBP',
      },
    ]);
    expect(payments).toMatchObject({ read: 3, written: 1, rejected: 2 });
    expect(payments.rejections.map((r) => r.reason)).toEqual([
      'unknown invoice "INV-9"',
      'unknown invoice "INV-1"',
    ]);
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from payments p join invoices i on i.id = p.invoice_id where i.external_id = 'INV-1'`,
    );
    expect(row?.n).toBe(1);
  });

  it('writes bank balances and FX rates idempotently', async () => {
    await upsertBankAccounts(handle.db, [
      { source: 'xero', externalId: 'ACC-1', name: 'Current', currency: 'GBP' },
    ]);
    const balances = [
      {
        source: 'xero',
        accountExternalId: 'ACC-1',
        asOf: '2026-05-01',
        balanceMinor: 1_000_00,
        currency: 'GBP',
      },
      {
        source: 'xero',
        accountExternalId: 'ACC-1',
        asOf: '2026-05-02',
        balanceMinor: -5_00,
        currency: 'GBP',
      },
    ];
    const rates = [
      { source: 'ecb', rateDate: '2026-05-01', currency: 'EUR', rateToGbp: '0.85123456' },
      { source: 'ecb', rateDate: '2026-05-01', currency: 'USD', rateToGbp: '0.79' },
    ];
    for (let run = 0; run < 2; run++) {
      expect(await upsertBankBalances(handle.db, balances)).toMatchObject({ written: 2, rejected: 0 });
      expect(await upsertFxRates(handle.db, rates)).toMatchObject({ written: 2, rejected: 0 });
    }
    expect(await count('bank_balances')).toBe(2);
    const [eur] = await queryRows<{ rate: string }>(
      handle.db,
      sql`select rate_to_gbp::text as rate from fx_rates where currency = 'EUR'`,
    );
    expect(eur?.rate).toBe('0.85123456');
    const bad = await upsertFxRates(handle.db, [
      { source: 'ecb', rateDate: '2026-05-01', currency: 'GBP', rateToGbp: '1' },
    ]);
    expect(bad.rejections[0]?.reason).toContain('GBP is the base currency');
  });
});
