import { type DatabaseHandle, schema } from '@sentia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { refreshSalesDaily } from '../../analytics/refresh-sales-daily';
import type { Actor } from '../../audit/record-audit';
import { markProposalsOrdered } from '../../purchasing';
import { approveProposal, rejectProposal } from '../../purchasing/decide-proposal';
import { seedWorkingCapitalFixture, WC_TODAY } from '../working-capital-fixture';
import { getCashForecast } from './get-cash-forecast';

/**
 * The working-capital fixture (today 30 April 2026; Rum Co, USD at 0.80, 30 days' terms, no settled
 * bills so no observed delay) plus a wholesale channel: GBP, 30 days' settlement, no invoices (all
 * revenue arrives), 10 gin sold on 15 March for £250.00 — £25.00 a unit.
 */
let handle: DatabaseHandle;
let approver: { actor: Actor; userId: string; role: string };
let rumId: number;
let rumSupplierId: number;

beforeAll(async () => {
  handle = await createPgliteTestDatabase();
  const db = handle.db;
  await seedWorkingCapitalFixture(db);
  const [user] = await db
    .insert(schema.users)
    .values({ email: 'cfo@example.test', name: 'CFO', role: 'admin' })
    .returning();
  approver = { actor: { userId: user!.id, label: 'CFO' }, userId: user!.id, role: 'admin' };
  const products = await db.select().from(schema.products);
  const gin = products.find((p) => p.sku === 'GIN-70')!;
  const rum = products.find((p) => p.sku === 'RUM-70')!;
  rumId = rum.id;
  rumSupplierId = rum.supplierId!;
  const [wholesale] = await db
    .insert(schema.channels)
    .values({
      code: 'wholesale-uk',
      name: 'Wholesale UK',
      kind: 'wholesale',
      regionCode: 'UK',
      currency: 'GBP',
      settlementDays: 30,
      source: 'test',
    })
    .returning();
  const [order] = await db
    .insert(schema.orders)
    .values({
      source: 'test',
      externalId: 'W-1',
      channelId: wholesale!.id,
      orderDate: '2026-03-15',
      orderedAt: new Date('2026-03-15T12:00:00Z'),
      status: 'paid',
      currency: 'GBP',
      total: 25_000,
    })
    .returning();
  await db.insert(schema.orderLines).values({
    orderId: order!.id,
    lineKey: '1',
    productId: gin.id,
    quantity: 10,
    unitPrice: 2_500,
    netAmount: 25_000,
    currency: 'GBP',
  });
  await refreshSalesDaily(db);
});
afterAll(async () => handle?.close());

/** A proposal of 100 rum at $10.00 ($1,000.00 = £800.00), 14 days' lead time, awaiting approval. */
async function proposeRum(): Promise<number> {
  const [row] = await handle.db
    .insert(schema.purchaseProposals)
    .values({
      productId: rumId,
      supplierId: rumSupplierId,
      quantity: 100,
      proposedQuantity: 100,
      unitCost: 1_000,
      amount: 100_000,
      currency: 'USD',
      amountGbp: 80_000,
      reason: 'Below reorder point',
      details: { leadTimeMeanDays: 14 },
      needBy: '2026-05-20',
      expectedDelivery: '2026-05-14',
      status: 'proposed',
      requiredApprover: 'manager',
    })
    .returning();
  return row!.id;
}

const purchases = async () => {
  const forecast = await getCashForecast({ db: handle.db }, { horizon: '13w' }, WC_TODAY);
  return {
    forecast,
    flows: forecast.inputs.flows.filter((f) => f.category === 'purchases'),
    paid: forecast.periods.reduce((s, p) => s + p.payments.purchases, 0),
  };
};

describe('cash forecast: the inventory plan’s purchase proposals', () => {
  it('pays an approved proposal on delivery + terms; a proposal awaiting approval or rejected commits nothing', async () => {
    // One open proposal per SKU: the first is rejected before the plan proposes again.
    const rejected = await proposeRum();
    await rejectProposal(handle.db, approver, rejected, 'not now');
    const awaiting = await proposeRum();
    expect((await purchases()).flows).toEqual([]);

    await approveProposal(handle.db, approver, awaiting, undefined, WC_TODAY);
    const { flows, paid, forecast } = await purchases();
    // Approved today: delivered 30 April + 14 days = 14 May, paid 30 days later, in dollars.
    expect(flows).toEqual([{ category: 'purchases', date: '2026-06-13', currency: 'USD', minor: -100_000 }]);
    expect(paid).toBe(80_000);
    // 14 May + 30 days = 13 June: the seventh week from 1 May (12–18 June).
    expect(forecast.periods[6]).toMatchObject({ start: '2026-06-12' });
    expect(forecast.periods[6]!.payments.purchases).toBe(80_000);
    const text = forecast.assumptions.find((a) => a.category === 'purchases')!.text;
    expect(text).toContain('Approved purchase proposals');
    expect(text).toMatch(/In all 1 committed item\(s\) not yet billed, £800/);
    expect(text).not.toMatch(/when that feature lands/);

    // Placed as PO-9: still counted (the order has not arrived), once.
    await markProposalsOrdered(handle.db, approver.actor, [awaiting], 'PO-9');
    expect((await purchases()).flows).toEqual(flows);

    // The order arrives through the sync: counted as the purchase order, not again as the proposal.
    await handle.db.insert(schema.purchaseOrders).values({
      source: 'test',
      externalId: 'PO-9',
      supplierId: rumSupplierId,
      orderDate: WC_TODAY,
      expectedDate: '2026-05-20',
      status: 'placed',
      currency: 'USD',
      total: 100_000,
    });
    const placed = await purchases();
    expect(placed.flows).toEqual([
      { category: 'purchases', date: '2026-06-19', currency: 'USD', minor: -100_000 },
    ]);
    expect(placed.paid).toBe(80_000);
  });
});

describe('cash forecast: sales from the stored demand forecast', () => {
  const bottom = 'sku=GIN-70|channel=wholesale-uk|region=UK';
  const channel = 'channel=wholesale-uk|region=UK';

  it('uses the engine when no run is stored, and says so', async () => {
    const forecast = await getCashForecast({ db: handle.db }, { horizon: '13w' }, WC_TODAY);
    expect(forecast.salesForecast.method).toBe('auto');
    const text = forecast.assumptions.find((a) => a.category === 'sales')!.text;
    expect(text).toMatch(/No stored demand forecast/);
    expect(forecast.periods.every((p) => p.receipts.sales === 0)).toBe(true);
  });

  it('receives a stored weekly run’s revenue on the channel’s settlement dates, adjustments included', async () => {
    const db = handle.db;
    const [run] = await db
      .insert(schema.forecastRuns)
      .values({
        status: 'succeeded',
        granularity: 'week',
        horizon: 2,
        method: 'auto',
        historyStart: '2026-03-09',
        historyEnd: '2026-04-20',
        finishedAt: new Date('2026-04-28T02:30:00Z'),
      })
      .returning();
    const series = await db
      .insert(schema.forecastSeries)
      .values([
        { runId: run!.id, seriesKey: bottom, level: 'sku-channel', method: 'auto' },
        { runId: run!.id, seriesKey: channel, level: 'channel', method: 'auto' },
      ])
      .returning();
    // 7 gin in the week of 27 April (£175.00, £25.00 a day), 14 in the week of 4 May (£50.00 a day).
    const band = { lo80: 0, hi80: 0, lo95: 0, hi95: 0 };
    await db.insert(schema.forecastValues).values(
      series.flatMap((s) => [
        { seriesId: s.id, periodStart: '2026-04-27', point: 7, ...band },
        { seriesId: s.id, periodStart: '2026-05-04', point: 14, ...band },
      ]),
    );
    const receipts = async () => {
      const forecast = await getCashForecast({ db }, { horizon: '13w' }, WC_TODAY);
      return { forecast, weeks: forecast.periods.map((p) => p.receipts.sales) };
    };
    const { forecast, weeks } = await receipts();
    // Sales of 1–3 May (2 500 a day) arrive 31 May–2 June, those of 4–10 May (5 000 a day) 3–9 June:
    // the week of 29 May–4 June gets 3 × 2 500 + 2 × 5 000, the week of 5–11 June 5 × 5 000.
    expect(forecast.periods[4]).toMatchObject({ start: '2026-05-29' });
    expect(weeks).toEqual([0, 0, 0, 0, 17_500, 25_000, 0, 0, 0, 0, 0, 0, 0]);
    expect(forecast.salesForecast.method).toBe('stored weekly run to 2026-05-10; auto after');
    const text = forecast.assumptions.find((a) => a.category === 'sales')!.text;
    expect(text).toContain('the weekly run of 2026-04-28');
    expect(text).toContain('from 2026-05-01 to 2026-05-10');
    expect(text).toContain('From 2026-05-11, beyond the runs');

    // A planner doubles the channel's week of 4 May: the receipts of 3–9 June double.
    await db.insert(schema.forecastAdjustments).values({
      seriesKey: channel,
      granularity: 'week',
      version: 1,
      adjustments: {
        growthPct: 0,
        seasonalityStrength: 1,
        promotions: [{ periodStart: '2026-05-04', upliftPct: 100 }],
      },
    });
    const adjusted = await receipts();
    expect(adjusted.weeks.slice(4, 6)).toEqual([7_500 + 2 * 10_000, 5 * 10_000]);
    expect(adjusted.forecast.assumptions.find((a) => a.category === 'sales')!.text).toContain(
      `adjustments of 1 series (${channel})`,
    );
  });
});
