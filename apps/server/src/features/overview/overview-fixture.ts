import { type Database, schema } from '@sentia/db';
import { describe, expect, it } from 'vitest';
import { refreshSalesDaily } from '../analytics/refresh-sales-daily';
import { getOverview } from './get-overview';

/**
 * A small dataset whose figures are worked out by hand in the comments, in GBP minor units.
 * FX: 1 EUR = 0.85 GBP, 1 USD = 0.80 GBP from 2026-01-01.
 */
export async function seedOverviewFixture(db: Database): Promise<void> {
  const [shopifyUk, amazonEu] = await db
    .insert(schema.channels)
    .values([
      {
        code: 'shopify-uk',
        name: 'Shopify UK',
        kind: 'shopify',
        regionCode: 'UK',
        currency: 'GBP',
        source: 'test',
      },
      {
        code: 'amazon-eu',
        name: 'Amazon EU',
        kind: 'amazon',
        regionCode: 'EU',
        currency: 'EUR',
        source: 'test',
      },
    ])
    .returning();
  const [gin, rum] = await db
    .insert(schema.products)
    .values([
      { sku: 'GIN-70', name: 'Gin 70cl', unitCost: 800, costCurrency: 'GBP', source: 'test' },
      { sku: 'RUM-70', name: 'Rum 70cl', unitCost: 1000, costCurrency: 'USD', source: 'test' },
    ])
    .returning();
  await db.insert(schema.fxRates).values([
    { rateDate: '2026-01-01', currency: 'EUR', rateToGbp: '0.85', source: 'test' },
    { rateDate: '2026-01-01', currency: 'USD', rateToGbp: '0.80', source: 'test' },
  ]);
  const order = async (
    externalId: string,
    channelId: number,
    day: string,
    status: 'paid' | 'cancelled',
    currency: string,
    lines: { productId: number; quantity: number; net: number }[],
  ) => {
    const [o] = await db
      .insert(schema.orders)
      .values({
        source: 'test',
        externalId,
        channelId,
        orderDate: day,
        orderedAt: new Date(`${day}T12:00:00Z`),
        status,
        currency,
        total: lines.reduce((s, l) => s + l.net, 0),
      })
      .returning();
    await db.insert(schema.orderLines).values(
      lines.map((l, i) => ({
        orderId: o!.id,
        lineKey: String(i + 1),
        productId: l.productId,
        quantity: l.quantity,
        unitPrice: l.net / l.quantity,
        netAmount: l.net,
        currency,
      })),
    );
  };
  // March: 5000 (UK) + 3000 EUR→2550 + 2000 EUR→1700 = 9250 revenue, 4 units.
  await order('S-1', shopifyUk!.id, '2026-03-10', 'paid', 'GBP', [
    { productId: gin!.id, quantity: 2, net: 5000 },
  ]);
  await order('A-1', amazonEu!.id, '2026-03-11', 'paid', 'EUR', [
    { productId: gin!.id, quantity: 1, net: 3000 },
    { productId: rum!.id, quantity: 1, net: 2000 },
  ]);
  await order('S-2', shopifyUk!.id, '2026-03-12', 'cancelled', 'GBP', [
    { productId: gin!.id, quantity: 5, net: 12500 },
  ]);
  // February (previous period): 2500 revenue, 1 unit.
  await order('S-0', shopifyUk!.id, '2026-02-20', 'paid', 'GBP', [
    { productId: gin!.id, quantity: 1, net: 2500 },
  ]);

  const [whUk, fbaEu] = await db
    .insert(schema.locations)
    .values([
      { code: 'WH-UK', name: 'Warehouse UK', kind: 'warehouse', regionCode: 'UK', source: 'test' },
      { code: 'FBA-EU', name: 'FBA EU', kind: 'fba', regionCode: 'EU', source: 'test' },
    ])
    .returning();
  await db.insert(schema.stockLevels).values([
    { productId: gin!.id, locationId: whUk!.id, asOf: '2026-02-15', onHand: 100, source: 'test' },
    { productId: gin!.id, locationId: whUk!.id, asOf: '2026-03-20', onHand: 120, source: 'test' },
    { productId: rum!.id, locationId: fbaEu!.id, asOf: '2026-03-05', onHand: 10, source: 'test' },
  ]);

  const [invoiceB] = await db
    .insert(schema.invoices)
    .values([
      // Paid after the period end with no payment records: still owed on 31 March.
      {
        source: 'test',
        externalId: 'INV-A',
        type: 'receivable',
        contactName: 'Shop customers',
        channelId: shopifyUk!.id,
        issueDate: '2026-03-01',
        dueDate: '2026-03-15',
        status: 'paid',
        currency: 'GBP',
        amount: 10000,
        amountDue: 0,
        paidDate: '2026-04-10',
      },
      {
        source: 'test',
        externalId: 'INV-B',
        type: 'receivable',
        contactName: 'Amazon EU',
        channelId: amazonEu!.id,
        issueDate: '2026-02-01',
        dueDate: '2026-03-01',
        status: 'authorised',
        currency: 'EUR',
        amount: 20000,
        amountDue: 5000,
      },
      {
        source: 'test',
        externalId: 'BILL-1',
        type: 'payable',
        contactName: 'Glass Co',
        issueDate: '2026-03-05',
        dueDate: '2026-04-05',
        status: 'authorised',
        currency: 'GBP',
        amount: 30000,
        amountDue: 30000,
      },
    ])
    .returning()
    .then((rows) => rows.slice(1));
  await db.insert(schema.payments).values({
    source: 'test',
    externalId: 'PAY-1',
    invoiceId: invoiceB!.id,
    paidOn: '2026-03-15',
    amount: 15000,
    currency: 'EUR',
  });
  await refreshSalesDaily(db);
}

const march = { from: '2026-03-01', to: '2026-03-31' };
const kpiOf = (overview: Awaited<ReturnType<typeof getOverview>>, key: string) =>
  overview.kpis.find((k) => k.key === key);

/** The behaviour both the PGlite and the PostgreSQL suites check on the fixture above. */
export function describeOverviewBehaviour(database: () => Database): void {
  describe('getOverview', () => {
    it('computes sales KPIs in GBP, excluding cancelled orders, against the previous period', async () => {
      const overview = await getOverview({ db: database() }, march, '2026-11-28');
      expect(overview.previousPeriod).toEqual({ from: '2026-01-29', to: '2026-02-28' });
      expect(kpiOf(overview, 'revenue')).toMatchObject({ value: 9250, previous: 2500, currency: 'GBP' });
      expect(kpiOf(overview, 'units')).toMatchObject({ value: 4, previous: 1 });
      // COGS: 3 gin × 800 + 1 rum × 1000 USD cents × 0.80 = 3200 → margin 6050; before: 2500 − 800.
      expect(kpiOf(overview, 'grossMargin')).toMatchObject({ value: 6050, previous: 1700 });
      expect(kpiOf(overview, 'grossMarginPct')?.value).toBeCloseTo(6050 / 9250, 10);
      expect(overview.demoData).toBe(false);
    });

    it('values stock at the latest count on or before the period end', async () => {
      const overview = await getOverview({ db: database() }, march, '2026-11-28');
      // 120 gin × 800 + 10 rum × 1000 × 0.80 = 104000; end of February: 100 × 800.
      expect(kpiOf(overview, 'stockValue')).toMatchObject({
        value: 104000,
        previous: 80000,
        asOf: '2026-03-20',
      });
    });

    it('measures what was owed at the period end from invoices and payments', async () => {
      const overview = await getOverview({ db: database() }, march, '2026-11-28');
      // INV-A 10000 (paid in April) + INV-B 20000 EUR − 15000 EUR paid = 5000 EUR → 4250.
      expect(kpiOf(overview, 'receivables')).toMatchObject({ value: 14250, previous: 17000 });
      expect(kpiOf(overview, 'payables')).toMatchObject({ value: 30000, previous: 0 });
    });

    it('applies region, channel and SKU filters', async () => {
      const uk = await getOverview({ db: database() }, { ...march, region: 'UK' }, '2026-11-28');
      expect(kpiOf(uk, 'revenue')?.value).toBe(5000);
      expect(kpiOf(uk, 'stockValue')?.value).toBe(96000);
      expect(kpiOf(uk, 'receivables')?.value).toBe(10000);
      const rum = await getOverview({ db: database() }, { ...march, sku: 'RUM-70' }, '2026-11-28');
      expect(kpiOf(rum, 'revenue')?.value).toBe(1700);
      expect(kpiOf(rum, 'units')?.value).toBe(1);
      const amazon = await getOverview({ db: database() }, { ...march, channel: 'amazon-eu' }, '2026-11-28');
      expect(kpiOf(amazon, 'revenue')?.value).toBe(4250);
    });

    it('returns one trend point per day, with real zeros on days without sales', async () => {
      const overview = await getOverview({ db: database() }, march, '2026-11-28');
      expect(overview.trend).toHaveLength(31);
      expect(overview.trend.find((p) => p.day === '2026-03-11')).toEqual({
        day: '2026-03-11',
        revenueMinor: 4250,
        units: 2,
        grossMarginMinor: 4250 - 800 - 800,
      });
      expect(overview.trend.find((p) => p.day === '2026-03-12')?.revenueMinor).toBe(0);
      expect(overview.trend.reduce((s, p) => s + p.revenueMinor, 0)).toBe(9250);
    });
  });
}
