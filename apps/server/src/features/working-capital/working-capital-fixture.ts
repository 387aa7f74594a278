import { type Database, schema } from '@sentia/db';
import { describe, expect, it } from 'vitest';
import { refreshSalesDaily } from '../analytics/refresh-sales-daily';
import { getCashForecast } from './cash-forecast/get-cash-forecast';
import { getAgeing } from './get-ageing';
import { getWorkingCapitalSummary } from './get-working-capital-summary';

/**
 * A small business whose figures are worked out by hand in the comments (GBP minor units).
 * FX from 2026-01-01: 1 EUR = 0.85 GBP, 1 USD = 0.80 GBP. Today is 30 April 2026.
 *
 * March (31 days): revenue 53 500 (Shopify UK, 19 gin) + €10 000 → 8 500 (Amazon EU, 1 gin) =
 * 62 000; COGS 20 gin × 620 = 12 400. April (30 days): no sales at all.
 * Stock (counted 31 March): 100 gin × 620 = 62 000 + 10 rum × $10.00 × 0.80 = 8 000 → 70 000.
 * Receivables 31 March: INV-A 10 000 + INV-B €20 000 → 17 000 = 27 000; 30 April: INV-A 10 000
 * (32 days overdue) + INV-C 5 000 (not yet due) = 15 000 (INV-B paid 10 April, 5 days late).
 * Payables 31 March: BILL-1 12 400; 30 April: BILL-2 $5 000 → 4 000 (BILL-1 paid on its due date).
 * Bank 30 April: 150 000 + €10 000 → 8 500 = 158 500.
 */
export const WC_TODAY = '2026-04-30';

export async function seedWorkingCapitalFixture(db: Database): Promise<void> {
  const [shopify, amazon] = await db
    .insert(schema.channels)
    .values([
      {
        code: 'shopify-uk',
        name: 'Shopify UK',
        kind: 'shopify',
        regionCode: 'UK',
        currency: 'GBP',
        settlementDays: 3,
        source: 'test',
      },
      {
        code: 'amazon-eu',
        name: 'Amazon EU',
        kind: 'amazon',
        regionCode: 'EU',
        currency: 'EUR',
        settlementDays: 14,
        source: 'test',
      },
    ])
    .returning();
  const [supplier] = await db
    .insert(schema.suppliers)
    .values({ code: 'SUP-RUM', name: 'Rum Co', currency: 'USD', paymentTermsDays: 30, source: 'test' })
    .returning();
  const [gin, rum] = await db
    .insert(schema.products)
    .values([
      { sku: 'GIN-70', name: 'Gin 70cl', unitCost: 620, costCurrency: 'GBP', source: 'test' },
      {
        sku: 'RUM-70',
        name: 'Rum 70cl',
        unitCost: 1000,
        costCurrency: 'USD',
        supplierId: supplier!.id,
        source: 'test',
      },
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
    currency: string,
    quantity: number,
    net: number,
  ) => {
    const [o] = await db
      .insert(schema.orders)
      .values({
        source: 'test',
        externalId,
        channelId,
        orderDate: day,
        orderedAt: new Date(`${day}T12:00:00Z`),
        status: 'paid',
        currency,
        total: net,
      })
      .returning();
    await db.insert(schema.orderLines).values({
      orderId: o!.id,
      lineKey: '1',
      productId: gin!.id,
      quantity,
      unitPrice: Math.round(net / quantity),
      netAmount: net,
      currency,
    });
  };
  await order('S-1', shopify!.id, '2026-03-10', 'GBP', 19, 53_500);
  await order('A-1', amazon!.id, '2026-03-20', 'EUR', 1, 10_000);

  const [warehouse, fba] = await db
    .insert(schema.locations)
    .values([
      { code: 'WH-UK', name: 'Warehouse UK', kind: 'warehouse', regionCode: 'UK', source: 'test' },
      { code: 'FBA-EU', name: 'FBA EU', kind: 'fba', regionCode: 'EU', source: 'test' },
    ])
    .returning();
  await db.insert(schema.stockLevels).values([
    { productId: gin!.id, locationId: warehouse!.id, asOf: '2026-03-31', onHand: 100, source: 'test' },
    { productId: rum!.id, locationId: fba!.id, asOf: '2026-03-31', onHand: 10, source: 'test' },
  ]);

  const invoice = (values: Partial<typeof schema.invoices.$inferInsert> & { externalId: string }) => ({
    source: 'test',
    contactName: 'Shop customers',
    status: 'authorised' as const,
    currency: 'GBP',
    type: 'receivable' as const,
    issueDate: '2026-03-01',
    dueDate: '2026-03-31',
    amount: 0,
    amountDue: 0,
    ...values,
  });
  const inserted = await db
    .insert(schema.invoices)
    .values([
      invoice({
        externalId: 'INV-A',
        channelId: shopify!.id,
        issueDate: '2026-03-15',
        dueDate: '2026-03-29',
        amount: 10_000,
        amountDue: 10_000,
      }),
      invoice({
        externalId: 'INV-B',
        contactName: 'Amazon EU',
        channelId: amazon!.id,
        issueDate: '2026-03-22',
        dueDate: '2026-04-05',
        status: 'paid',
        currency: 'EUR',
        amount: 20_000,
        amountDue: 0,
        paidDate: '2026-04-10',
      }),
      invoice({
        externalId: 'INV-C',
        channelId: shopify!.id,
        issueDate: '2026-04-20',
        dueDate: '2026-05-20',
        amount: 5_000,
        amountDue: 5_000,
      }),
      invoice({
        externalId: 'BILL-1',
        type: 'payable',
        contactName: 'Glass Co',
        issueDate: '2026-03-05',
        dueDate: '2026-04-04',
        status: 'paid',
        amount: 12_400,
        amountDue: 0,
        paidDate: '2026-04-04',
      }),
      invoice({
        externalId: 'BILL-2',
        type: 'payable',
        contactName: 'Rum Co',
        supplierId: supplier!.id,
        issueDate: '2026-04-15',
        dueDate: '2026-05-15',
        currency: 'USD',
        amount: 5_000,
        amountDue: 5_000,
      }),
    ])
    .returning();
  const byId = new Map(inserted.map((i) => [i.externalId, i.id]));
  await db.insert(schema.payments).values([
    {
      source: 'test',
      externalId: 'PAY-B',
      invoiceId: byId.get('INV-B')!,
      paidOn: '2026-04-10',
      amount: 20_000,
      currency: 'EUR',
    },
    {
      source: 'test',
      externalId: 'PAY-1',
      invoiceId: byId.get('BILL-1')!,
      paidOn: '2026-04-04',
      amount: 12_400,
      currency: 'GBP',
    },
  ]);

  const [gbp, eur] = await db
    .insert(schema.bankAccounts)
    .values([
      { source: 'test', externalId: 'BANK-GBP', name: 'Current account', currency: 'GBP' },
      { source: 'test', externalId: 'BANK-EUR', name: 'Euro account', currency: 'EUR' },
    ])
    .returning();
  await db.insert(schema.bankBalances).values([
    { accountId: gbp!.id, asOf: '2026-01-31', balance: 100_000, currency: 'GBP', source: 'test' },
    { accountId: gbp!.id, asOf: '2026-04-30', balance: 150_000, currency: 'GBP', source: 'test' },
    { accountId: eur!.id, asOf: '2026-04-30', balance: 10_000, currency: 'EUR', source: 'test' },
  ]);
  await refreshSalesDaily(db);
}

const period = { from: '2026-03-01', to: '2026-04-30' };

/** The behaviour both the PGlite and the PostgreSQL suites check on the fixture above. */
export function describeWorkingCapitalBehaviour(database: () => Database): void {
  describe('working-capital summary', () => {
    it('computes each month on its month-end balances, and n/a for the month without revenue', async () => {
      const summary = await getWorkingCapitalSummary({ db: database() }, period, WC_TODAY);
      const [march, april] = summary.months;
      expect(march).toMatchObject({
        from: '2026-03-01',
        to: '2026-03-31',
        revenueMinor: 62_000,
        cogsMinor: 12_400,
        receivablesMinor: 27_000,
        inventoryMinor: 70_000,
        payablesMinor: 12_400,
        netWorkingCapitalMinor: 84_600,
      });
      // DSO = 27 000 ÷ 62 000 × 31 = 13.5; DIO = 70 000 ÷ 12 400 × 31 = 175; DPO = 12 400 ÷ 12 400 × 31 = 31.
      expect(march!.dso).toBeCloseTo(13.5, 10);
      expect(march!.dio).toBeCloseTo(175, 10);
      expect(march!.dpo).toBeCloseTo(31, 10);
      expect(march!.ccc).toBeCloseTo(157.5, 10);
      expect(april).toMatchObject({ revenueMinor: 0, receivablesMinor: 15_000, payablesMinor: 4_000 });
      expect(april!.dso).toBeNull();
      expect(april!.ccc).toBeNull();
    });

    it('uses the trailing three months to the period end for the tiles (89 days: February to April)', async () => {
      const summary = await getWorkingCapitalSummary({ db: database() }, period, WC_TODAY);
      expect(summary.trailing3).toMatchObject({ from: '2026-02-01', to: '2026-04-30', days: 89 });
      const kpi = (key: string) => summary.kpis.find((k) => k.key === key)!;
      expect(kpi('dso').value).toBeCloseTo((15_000 / 62_000) * 89, 10);
      expect(kpi('dio').value).toBeCloseTo((70_000 / 12_400) * 89, 10);
      expect(kpi('dpo').value).toBeCloseTo((4_000 / 12_400) * 89, 10);
      expect(kpi('ccc')).toMatchObject({ status: 'critical' });
      expect(kpi('cash')).toMatchObject({ value: 158_500, asOf: '2026-04-30' });
      expect(kpi('receivables').trend).toEqual([27_000, 15_000]);
      expect(summary.leverBasis).toMatchObject({
        revenuePerDayMinor: 62_000 / 89,
        cogsPerDayMinor: 12_400 / 89,
      });
      expect(summary.balanceSheet.currentRatio).toBeNull();
      expect(summary.balanceSheet.gap?.supplyBy[0]?.label).toMatch(/Xero/);
    });

    it('breaks DSO down by channel and DIO by product on the same window', async () => {
      const { breakdown } = await getWorkingCapitalSummary({ db: database() }, period, WC_TODAY);
      expect(breakdown.byChannel.find((c) => c.code === 'shopify-uk')).toMatchObject({
        revenueMinor: 53_500,
        receivablesMinor: 15_000,
      });
      expect(breakdown.byChannel.find((c) => c.code === 'amazon-eu')).toMatchObject({
        receivablesMinor: 0,
        dso: 0,
      });
      expect(breakdown.byProduct.find((p) => p.sku === 'RUM-70')).toMatchObject({
        inventoryMinor: 8_000,
        dio: null,
      });
      expect(breakdown.byRegion.find((r) => r.code === 'EU')).toMatchObject({
        revenueMinor: 8_500,
        inventoryMinor: 8_000,
      });
    });

    it('reports in another currency at the period-end rate, saying which', async () => {
      const summary = await getWorkingCapitalSummary(
        { db: database() },
        { ...period, currency: 'EUR' },
        WC_TODAY,
      );
      expect(summary.conversion).toEqual({ currency: 'EUR', gbpPerUnit: 0.85, rateDate: '2026-01-01' });
      expect(summary.months[0]?.revenueMinor).toBe(Math.round(62_000 / 0.85));
      expect(summary.kpis.find((k) => k.key === 'cash')).toMatchObject({
        currency: 'EUR',
        value: Math.round(158_500 / 0.85),
      });
      expect(summary.months[0]?.dso).toBeCloseTo(13.5, 10);
    });
  });

  describe('ageing', () => {
    it('ages the open receivables on the day from the invoices themselves', async () => {
      const ageing = await getAgeing({ db: database() }, 'receivable', WC_TODAY);
      expect(ageing.totals).toEqual({ current: 5_000, '1-30': 0, '31-60': 10_000, '61-90': 0, '90+': 0 });
      expect(ageing.invoices.map((i) => [i.invoiceNumber ?? i.id, i.daysOverdue, i.bucket])).toEqual([
        [expect.anything(), 32, '31-60'],
        [expect.anything(), -20, 'current'],
      ]);
      // On 31 March INV-B (€20 000) was still open, 0 days… and INV-A 2 days overdue.
      const march = await getAgeing({ db: database() }, 'receivable', '2026-03-31');
      expect(march.totals).toMatchObject({ current: 17_000, '1-30': 10_000 });
      expect(march.byCurrency.find((c) => c.key === 'EUR')).toMatchObject({
        totalMinor: 20_000,
        gbpMinor: 17_000,
      });
    });

    it('ages payables in GBP at the day’s rate', async () => {
      const ageing = await getAgeing({ db: database() }, 'payable', WC_TODAY);
      expect(ageing.totalMinor).toBe(4_000);
      expect(ageing.rates).toEqual([{ currency: 'USD', gbpPerUnit: 0.8, rateDate: '2026-01-01' }]);
    });
  });

  describe('cash forecast', () => {
    it('reconciles receipts and payments to the open invoices exactly, on their expected days', async () => {
      const forecast = await getCashForecast({ db: database() }, { horizon: '30d' }, WC_TODAY);
      const receivables = await getAgeing({ db: database() }, 'receivable', WC_TODAY);
      const payables = await getAgeing({ db: database() }, 'payable', WC_TODAY);
      const receipts = forecast.periods.reduce((s, p) => s + p.receipts.receivables, 0);
      const payments = forecast.periods.reduce((s, p) => s + p.payments.payables, 0);
      expect(receipts).toBe(receivables.totalMinor);
      expect(payments).toBe(payables.totalMinor);
      expect(forecast.openingCashMinor).toBe(158_500);
      const day = (date: string) => forecast.periods.find((p) => p.start === date)!;
      // INV-A is overdue: expected on the first day; INV-C on its due date (no history for that customer).
      expect(day('2026-05-01').receipts.receivables).toBe(10_000);
      expect(day('2026-05-20').receipts.receivables).toBe(5_000);
      expect(day('2026-05-15').payments.payables).toBe(4_000);
      expect(day('2026-05-30').closingCashMinor).toBe(158_500 + 15_000 - 4_000);
      // One month of sales is too little history to forecast: said, not invented.
      expect(forecast.salesForecast.channels.every((c) => c.model === null)).toBe(true);
      expect(forecast.periods.every((p) => p.receipts.sales === 0 && p.payments.replenishment === 0)).toBe(
        true,
      );
      expect(forecast.firstBreach).toBeNull();
    });

    it('applies a scenario: slower customers and a weaker euro', async () => {
      const base = await getCashForecast({ db: database() }, { horizon: '30d' }, WC_TODAY);
      const stress = await getCashForecast(
        { db: database() },
        { horizon: '30d', scenario: 'stress' },
        WC_TODAY,
      );
      expect(stress.scenario).toMatchObject({ name: 'Stress', kind: 'stress', standard: true });
      // Opening €10 000 at 0.85 × 0.90 = 7 650 instead of 8 500.
      expect(stress.openingCashMinor).toBe(150_000 + 7_650);
      // INV-C (due 20 May) arrives 20 days later, after the 30 days.
      const received = (f: typeof base) => f.periods.reduce((s, p) => s + p.receipts.receivables, 0);
      expect(received(stress)).toBe(received(base) - 5_000);
    });
  });
}
