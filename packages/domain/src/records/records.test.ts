import { describe, expect, it } from 'vitest';
import { productRecordSchema } from './catalogue-records';
import { fxRateRecordSchema, invoiceRecordSchema } from './finance-records';
import { productionBatchRecordSchema } from './operations-records';
import { orderRecordSchema, orderTotalMinor } from './sales-records';
import { checkRecord, RECORD_SCHEMAS } from './validate-record';

const order = {
  source: 'shopify',
  externalId: '1001',
  channelCode: 'shopify-uk',
  orderDate: '2026-03-10',
  orderedAt: '2026-03-10T16:09:54-04:00',
  status: 'paid',
  currency: 'GBP',
  lines: [
    { lineKey: '1', sku: 'GIN-70', quantity: 2, unitPriceMinor: 2500, netAmountMinor: 5000 },
    {
      lineKey: '2',
      sku: 'RUM-70',
      quantity: 1,
      unitPriceMinor: 2500,
      discountMinor: 250,
      netAmountMinor: 2250,
    },
  ],
};

describe('normalised record schemas', () => {
  it('accepts a well-formed order and totals its lines when the source gives no total', () => {
    const check = checkRecord(orderRecordSchema, order);
    expect(check.ok).toBe(true);
    if (check.ok) expect(orderTotalMinor(check.value)).toBe(7250);
  });

  it('names every field at fault', () => {
    const check = checkRecord(orderRecordSchema, {
      ...order,
      currency: 'gbp',
      orderDate: '2026-02-30',
      lines: [{ ...order.lines[0], quantity: 1.5 }],
    });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toContain('currency: must be an ISO 4217 code');
      expect(check.reason).toContain('orderDate');
      expect(check.reason).toContain('lines.0.quantity');
    }
  });

  it('refuses duplicate line keys, amounts due above the amount and paid invoices without a date', () => {
    expect(checkRecord(orderRecordSchema, { ...order, lines: [order.lines[0], order.lines[0]] }).ok).toBe(
      false,
    );
    const invoice = {
      source: 'xero',
      externalId: 'i-1',
      type: 'receivable',
      contactName: 'Acme',
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      status: 'authorised',
      currency: 'GBP',
      amountMinor: 1000,
      amountDueMinor: 1000,
    };
    expect(checkRecord(invoiceRecordSchema, invoice).ok).toBe(true);
    expect(checkRecord(invoiceRecordSchema, { ...invoice, amountDueMinor: 1001 }).ok).toBe(false);
    expect(checkRecord(invoiceRecordSchema, { ...invoice, status: 'paid', amountDueMinor: 0 }).ok).toBe(
      false,
    );
    expect(checkRecord(invoiceRecordSchema, { ...invoice, dueDate: '2025-12-31' }).ok).toBe(false);
  });

  it('checks products, batches and FX rates', () => {
    const product = {
      source: 'unleashed',
      sku: 'GIN-70',
      name: 'Gin',
      unitCostMinor: 900,
      costCurrency: 'GBP',
      packSize: 6,
      moq: 60,
      leadTimeDays: 14,
      prices: [{ currency: 'GBP', priceMinor: 2900, validFrom: '2026-01-01' }],
    };
    expect(checkRecord(productRecordSchema, product).ok).toBe(true);
    expect(checkRecord(productRecordSchema, { ...product, packSize: 0 }).ok).toBe(false);
    expect(
      checkRecord(productRecordSchema, { ...product, prices: [...product.prices, ...product.prices] }).ok,
    ).toBe(false);
    const batch = {
      source: 'unleashed',
      externalId: 'ASM-1',
      sku: 'GIN-70',
      quantity: 600,
      plannedStart: '2026-05-04',
      plannedEnd: '2026-05-03',
      status: 'planned',
    };
    expect(checkRecord(productionBatchRecordSchema, batch).ok).toBe(false);
    expect(
      checkRecord(fxRateRecordSchema, {
        source: 'ecb',
        rateDate: '2026-01-01',
        currency: 'EUR',
        rateToGbp: '0.85',
      }).ok,
    ).toBe(true);
    expect(
      checkRecord(fxRateRecordSchema, {
        source: 'ecb',
        rateDate: '2026-01-01',
        currency: 'EUR',
        rateToGbp: '0',
      }).ok,
    ).toBe(false);
  });

  it('lists a schema for every record kind', () => {
    expect(Object.keys(RECORD_SCHEMAS).sort()).toEqual(
      [
        'bankAccount',
        'bankBalance',
        'channel',
        'customer',
        'fxRate',
        'invoice',
        'location',
        'order',
        'payment',
        'product',
        'productionBatch',
        'productionLine',
        'purchaseOrder',
        'stockLevel',
        'supplier',
      ].sort(),
    );
  });
});
