import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bankBalanceRecordSchema,
  checkRecord,
  fxRateRecordSchema,
  type InvoiceRecord,
  invoiceRecordSchema,
  orderRecordSchema,
  paymentRecordSchema,
  productionBatchRecordSchema,
  purchaseOrderRecordSchema,
  stockLevelRecordSchema,
} from '../records/index';
import { buildDemoCatalogue, demoWindow, generateDemoDays } from './generate-demo-data';

const END = '2026-11-28';

function fingerprint(options: Parameters<typeof generateDemoDays>[0]): string {
  const hash = createHash('sha256');
  for (const day of generateDemoDays(options)) hash.update(JSON.stringify(day));
  return hash.digest('hex');
}

describe('demo period', () => {
  it('covers three years ending on the end date by default, or the given number of days', () => {
    expect(demoWindow({ endDate: END })).toMatchObject({ startDate: '2023-11-29', days: 1096 });
    expect(demoWindow({ endDate: END, days: 60 })).toMatchObject({ startDate: '2026-09-30', days: 60 });
    expect(() => demoWindow({ endDate: END, days: 0 })).toThrow(RangeError);
  });
});

describe('determinism', () => {
  it('gives identical output for the same seed and end date, and different output otherwise', () => {
    const a = fingerprint({ endDate: END, days: 120 });
    expect(fingerprint({ endDate: END, days: 120 })).toBe(a);
    expect(fingerprint({ endDate: END, days: 120, seed: 99 })).not.toBe(a);
    expect(fingerprint({ endDate: '2026-11-27', days: 120 })).not.toBe(a);
  });
});

describe('catalogue', () => {
  const catalogue = buildDemoCatalogue({ endDate: END });

  it('has nine SKUs priced in GBP, EUR and USD, with a price rise in the period', () => {
    expect(catalogue.products).toHaveLength(9);
    for (const product of catalogue.products) {
      expect(new Set(product.prices.map((p) => p.currency))).toEqual(new Set(['GBP', 'EUR', 'USD']));
      expect(product.prices).toHaveLength(6);
      expect(product.source).toBe('demo');
    }
  });

  it('has Amazon (14 days), Shopify (3 days) per region and UK wholesale', () => {
    const settlement = Object.fromEntries(catalogue.channels.map((c) => [c.code, c.settlementDays]));
    expect(settlement).toMatchObject({ 'amazon-uk': 14, 'amazon-eu': 14, 'amazon-us': 14, 'shopify-uk': 3 });
    expect(settlement['shopify-eu']).toBe(3);
    expect(settlement['shopify-us']).toBe(3);
    expect(catalogue.channels.find((c) => c.code === 'wholesale-uk')?.kind).toBe('wholesale');
    expect(catalogue.suppliers.length).toBeGreaterThanOrEqual(3);
    expect(new Set(catalogue.productionLines.map((l) => l.kind))).toEqual(
      new Set(['infusion', 'bottling', 'contract']),
    );
  });
});

/** One pass over the full three years, keeping only aggregates so memory stays small. */
interface Summary {
  days: number;
  orders: number;
  linesPerOrder: Set<number>;
  invalid: string[];
  duplicateKeys: string[];
  negativeStock: number;
  overAllocated: number;
  unknownRefs: string[];
  saleDaysBySku: Map<string, Set<string>>;
  revenueByMonth: Map<string, number>;
  rtdUnitsByMonth: Map<number, number>;
  openReceivables: InvoiceRecord[];
  paidWithoutDate: number;
  paidNotMatchingPayments: number;
  paymentsByInvoice: Map<string, number>;
  invoices: Map<string, InvoiceRecord>;
  fxPerDay: Map<string, number>;
  fxRange: [number, number];
  balancesPerDay: Map<string, number>;
}

let summary: Summary;

beforeAll(() => {
  const catalogue = buildDemoCatalogue({ endDate: END });
  const skus = new Set(catalogue.products.map((p) => p.sku));
  const channels = new Set(catalogue.channels.map((c) => c.code));
  const customers = new Set(catalogue.customers.map((c) => c.code));
  const locations = new Set(catalogue.locations.map((l) => l.code));
  const seen = new Set<string>();
  const s: Summary = {
    days: 0,
    orders: 0,
    linesPerOrder: new Set(),
    invalid: [],
    duplicateKeys: [],
    negativeStock: 0,
    overAllocated: 0,
    unknownRefs: [],
    saleDaysBySku: new Map(),
    revenueByMonth: new Map(),
    rtdUnitsByMonth: new Map(),
    openReceivables: [],
    paidWithoutDate: 0,
    paidNotMatchingPayments: 0,
    paymentsByInvoice: new Map(),
    invoices: new Map(),
    fxPerDay: new Map(),
    fxRange: [Number.POSITIVE_INFINITY, 0],
    balancesPerDay: new Map(),
  };
  const unique = (key: string) => {
    if (seen.has(key)) s.duplicateKeys.push(key);
    seen.add(key);
  };
  const validate = (schema: Parameters<typeof checkRecord>[0], record: unknown, key: string) => {
    const check = checkRecord(schema, record);
    if (!check.ok) s.invalid.push(`${key}: ${check.reason}`);
  };
  const gbpRate: Record<string, number> = { GBP: 1 };

  for (const day of generateDemoDays({ endDate: END })) {
    s.days++;
    for (const fx of day.fxRates) {
      validate(fxRateRecordSchema, fx, `fx ${fx.rateDate}`);
      unique(`fx|${fx.rateDate}|${fx.currency}`);
      gbpRate[fx.currency] = Number(fx.rateToGbp);
      s.fxPerDay.set(fx.rateDate, (s.fxPerDay.get(fx.rateDate) ?? 0) + 1);
      s.fxRange = [
        Math.min(s.fxRange[0], Number(fx.rateToGbp)),
        Math.max(s.fxRange[1], Number(fx.rateToGbp)),
      ];
    }
    for (const order of day.orders) {
      s.orders++;
      validate(orderRecordSchema, order, order.externalId);
      unique(`order|${order.externalId}`);
      s.linesPerOrder.add(order.lines.length);
      if (!channels.has(order.channelCode)) s.unknownRefs.push(order.channelCode);
      if (order.customerCode && !customers.has(order.customerCode)) s.unknownRefs.push(order.customerCode);
      if (order.status === 'cancelled' || order.status === 'refunded') continue;
      const month = order.orderDate.slice(0, 7);
      s.revenueByMonth.set(
        month,
        (s.revenueByMonth.get(month) ?? 0) + order.totalMinor! * gbpRate[order.currency]!,
      );
      for (const line of order.lines) {
        if (!skus.has(line.sku)) s.unknownRefs.push(line.sku);
        if (!s.saleDaysBySku.has(line.sku)) s.saleDaysBySku.set(line.sku, new Set());
        s.saleDaysBySku.get(line.sku)!.add(order.orderDate);
        if (line.sku.startsWith('RTD-')) {
          const m = Number(order.orderDate.slice(5, 7));
          s.rtdUnitsByMonth.set(m, (s.rtdUnitsByMonth.get(m) ?? 0) + line.quantity);
        }
      }
    }
    for (const level of day.stockLevels) {
      validate(stockLevelRecordSchema, level, `stock ${level.sku}`);
      unique(`stock|${level.sku}|${level.locationCode}|${level.asOf}`);
      if (!locations.has(level.locationCode)) s.unknownRefs.push(level.locationCode);
      if (level.onHand < 0 || (level.inbound ?? 0) < 0) s.negativeStock++;
      if ((level.allocated ?? 0) > level.onHand) s.overAllocated++;
    }
    for (const batch of day.productionBatches) {
      validate(productionBatchRecordSchema, batch, batch.externalId);
      unique(`batch|${batch.externalId}`);
    }
    for (const po of day.purchaseOrders) {
      validate(purchaseOrderRecordSchema, po, po.externalId);
      unique(`po|${po.externalId}`);
    }
    for (const invoice of day.invoices) {
      validate(invoiceRecordSchema, invoice, invoice.externalId);
      unique(`invoice|${invoice.externalId}`);
      s.invoices.set(invoice.externalId, invoice);
      if (invoice.status === 'paid' && !invoice.paidDate) s.paidWithoutDate++;
      if (invoice.type === 'receivable' && invoice.status === 'authorised') s.openReceivables.push(invoice);
    }
    for (const payment of day.payments) {
      validate(paymentRecordSchema, payment, payment.externalId);
      unique(`payment|${payment.externalId}`);
      const id = payment.invoiceExternalId!;
      s.paymentsByInvoice.set(id, (s.paymentsByInvoice.get(id) ?? 0) + payment.amountMinor);
    }
    for (const balance of day.bankBalances) {
      validate(bankBalanceRecordSchema, balance, `balance ${balance.asOf}`);
      s.balancesPerDay.set(balance.asOf, (s.balancesPerDay.get(balance.asOf) ?? 0) + 1);
    }
  }
  for (const invoice of s.invoices.values()) {
    const paid = s.paymentsByInvoice.get(invoice.externalId) ?? 0;
    if (paid !== invoice.amountMinor - invoice.amountDueMinor) s.paidNotMatchingPayments++;
  }
  summary = s;
}, 120_000);

describe('three years of demo data', () => {
  it('produces valid records with unique natural keys and known references', () => {
    expect(summary.days).toBe(1096);
    expect(summary.invalid.slice(0, 5)).toEqual([]);
    expect(summary.duplicateKeys.slice(0, 5)).toEqual([]);
    expect(summary.unknownRefs.slice(0, 5)).toEqual([]);
  });

  it('has roughly 100–200 orders a day with 1–3 lines (trade orders up to 5)', () => {
    const perDay = summary.orders / summary.days;
    expect(perDay).toBeGreaterThan(100);
    expect(perDay).toBeLessThan(200);
    expect([...summary.linesPerOrder].every((n) => n >= 1 && n <= 5)).toBe(true);
  });

  it('never lets stock go negative or allocate more than is on hand', () => {
    expect(summary.negativeStock).toBe(0);
    expect(summary.overAllocated).toBe(0);
  });

  it('keeps invoices consistent with their payments', () => {
    expect(summary.paidWithoutDate).toBe(0);
    expect(summary.paidNotMatchingPayments).toBe(0);
    for (const invoice of summary.invoices.values()) {
      expect(invoice.amountDueMinor).toBeLessThanOrEqual(invoice.amountMinor);
    }
    for (const id of summary.paymentsByInvoice.keys()) expect(summary.invoices.has(id)).toBe(true);
  });

  it('leaves some receivables open, overdue in every ageing bucket', () => {
    const end = Date.parse(END);
    const buckets = new Set(
      summary.openReceivables.map((i) => {
        const overdue = (end - Date.parse(i.dueDate)) / 86_400_000;
        return overdue <= 0
          ? 'current'
          : overdue <= 30
            ? '1-30'
            : overdue <= 60
              ? '31-60'
              : overdue <= 90
                ? '61-90'
                : '90+';
      }),
    );
    expect(buckets).toEqual(new Set(['current', '1-30', '31-60', '61-90', '90+']));
  });

  it('has two intermittent SKUs with many zero-sale days', () => {
    const intermittent = ['GIN-NAVY-50', 'LIQ-COFFEE-50'];
    for (const sku of intermittent) {
      const zeroShare = 1 - summary.saleDaysBySku.get(sku)!.size / summary.days;
      expect(zeroShare).toBeGreaterThan(0.5);
    }
    expect(summary.saleDaysBySku.get('GIN-LDN-70')!.size).toBe(summary.days);
  });

  it('shows seasonality: December above the average month, canned drinks peaking in summer', () => {
    const full = [...summary.revenueByMonth].filter(([m]) => m > '2023-11' && m < '2026-11');
    const average = full.reduce((sum, [, v]) => sum + v, 0) / full.length;
    for (const [month, revenue] of full)
      if (month.endsWith('-12')) expect(revenue).toBeGreaterThan(1.3 * average);
    expect(summary.rtdUnitsByMonth.get(7)!).toBeGreaterThan(2.5 * summary.rtdUnitsByMonth.get(1)!);
  });

  it('has daily FX rates for EUR and USD near their usual levels and a daily balance per bank account', () => {
    expect(summary.fxPerDay.size).toBe(summary.days);
    expect([...summary.fxPerDay.values()].every((n) => n === 2)).toBe(true);
    expect(summary.fxRange[0]).toBeGreaterThan(0.6);
    expect(summary.fxRange[1]).toBeLessThan(1.05);
    expect([...summary.balancesPerDay.values()].every((n) => n === 3)).toBe(true);
  });
});
