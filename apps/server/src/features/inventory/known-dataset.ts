import { queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { AppContext } from '../../context';
import type { ApiServer } from '../../platform/http/create-server';
import { refreshSalesDaily } from '../analytics/refresh-sales-daily';
import { importClient } from '../imports/imports-behaviour';
import { upsertChannels, upsertLocations, upsertSuppliers } from '../ingest/index';
import { addDays } from './plan-model';

type Headers = { authorization: string };

export interface KnownDatasetHarness {
  app: ApiServer;
  ctx: AppContext;
  admin: Headers;
  planner: Headers;
  viewer: Headers;
  manager: Headers;
  finance: Headers;
}

/** The as-of date: a week before today, so the stock counts are the latest ones the plan can see. */
export const AS_OF = addDays(new Date().toISOString().slice(0, 10), -7);

/**
 * A small dataset whose plan is worked out by hand in `describeKnownDatasetBehaviour`. Suppliers,
 * channels and locations through the ingest functions (the import has no template for them); products,
 * orders, stock levels and purchase orders through the CSV import, as a customer would load them.
 *
 * - SUP-A (GBP, 30 days' terms) supplies BUY-1 (£10.00, pack 6, MOQ 120) and BUY-2 (£4.00, pack 12, MOQ 240).
 * - One channel (shop-uk) shipping from one warehouse (WH-UK).
 * - 52 weeks of orders ending on AS_OF, one a day: 10 × BUY-1 at £25 and 2 × BUY-2 at £10.
 * - BUY-1 bought three times, received after 12, 14 and 16 days.
 * - Stock on AS_OF: BUY-1 150 on hand, 10 allocated; BUY-2 5,000 on hand.
 */
export async function seedKnownDataset(h: KnownDatasetHarness): Promise<void> {
  const db = h.ctx.db;
  await upsertSuppliers(db, [
    {
      source: 'csv',
      code: 'SUP-A',
      name: 'Alpha Supplies',
      currency: 'GBP',
      paymentTermsDays: 30,
      leadTimeDays: 14,
    },
  ]);
  await upsertChannels(db, [
    {
      source: 'csv',
      code: 'shop-uk',
      name: 'Shop UK',
      kind: 'shopify',
      regionCode: 'UK',
      currency: 'GBP',
      settlementDays: 3,
    },
  ]);
  await upsertLocations(db, [
    { source: 'csv', code: 'WH-UK', name: 'Warehouse UK', kind: 'warehouse', regionCode: 'UK' },
  ]);

  const client = importClient(() => ({ app: h.app, ctx: h.ctx, admin: h.admin, viewer: h.viewer }));
  const load = async (kind: string, header: string, rows: string[]) => {
    const view = await client.importFile(kind, `${kind}.csv`, `${[header, ...rows].join('\n')}\n`);
    expect({ kind, status: view.status, errors: view.errors }).toEqual({
      kind,
      status: 'succeeded',
      errors: [],
    });
  };
  const priceFrom = addDays(AS_OF, -400);
  await load(
    'products',
    'sku,name,unit_cost,cost_currency,pack_size,moq,lead_time_days,supplier,price_gbp,price_valid_from',
    [
      `BUY-1,Bought one,10.00,GBP,6,120,14,SUP-A,25.00,${priceFrom}`,
      `BUY-2,Bought two,4.00,GBP,12,240,14,SUP-A,10.00,${priceFrom}`,
    ],
  );
  const orders: string[] = [];
  for (let d = 363; d >= 0; d--) {
    const day = addDays(AS_OF, -d);
    orders.push(
      `K-${day},shop-uk,${day},paid,GBP,BUY-1,10,25.00`,
      `K-${day},shop-uk,${day},paid,GBP,BUY-2,2,10.00`,
    );
  }
  await load('orders', 'order_id,channel,order_date,status,currency,sku,quantity,unit_price', orders);
  await load('stock-levels', 'sku,location,as_of,on_hand,allocated,inbound', [
    `BUY-1,WH-UK,${AS_OF},150,10,0`,
    `BUY-2,WH-UK,${AS_OF},5000,0,0`,
  ]);
  const po = (n: number, ordered: number, lead: number) =>
    `K-PO-${n},SUP-A,${addDays(AS_OF, -ordered)},${addDays(AS_OF, -ordered + lead)},received,GBP,BUY-1,600,600,10.00`;
  await load(
    'purchase-orders',
    'po_number,supplier,order_date,received_date,status,currency,sku,quantity,received_quantity,unit_cost',
    [po(1, 200, 12), po(2, 150, 14), po(3, 100, 16)],
  );
  await refreshSalesDaily(db);
}

const Z99 = 2.3263478740408408;

/**
 * The plan of the known dataset, computed by hand, against what the API returns — then the approval
 * workflow on it.
 */
export function describeKnownDatasetBehaviour(h: () => KnownDatasetHarness): void {
  const get = async (url: string, headers: Headers = h().viewer) => {
    const response = await h().app.inject({ method: 'GET', url, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const post = (url: string, headers: Headers, payload: unknown = {}) =>
    h().app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

  it('recommends what the textbook formulas give, worked by hand', async () => {
    /*
     * BUY-1: 10 a day every day → d̄ = 70 a week and the forecast is flat at 70 with no error (σd = 0).
     * Lead time from the three receipts: 12, 14, 16 days → mean 14 days = 2 weeks, sample sd 2 days = 2/7 week.
     * ABC: revenue 3,640 × £25 = £91,000 of £98,280 (BUY-2 728 × £10) → 92.6 % → A (99 %), BUY-2 → B.
     * SS = z·√(L·σd² + d̄²·σL²) = 2.32635 × 70 × 2/7 = 2.32635 × 20 = 46.53; s = 70 × 2 + 46.53 = 186.53.
     * EOQ = √(2 × 3,640 × £150 / (25 % × £10)) = √436,800 = 660.9 → Q = 666 (next multiple of 6 ≥ MOQ 120).
     * Position = 150 − 10 + 0 = 140 ≤ s → order s + Q − position = 712.53 → 714 (119 packs of 6).
     * Cash: 714 × £10.00 = £7,140.00 → within the manager's £50,000.
     * 140 units at 10 a day last 14 days: the 15th day after AS_OF runs short; an order now arrives on day 14.
     */
    const body = await get('/api/inventory/recommendations');
    expect(body.asOf).toBe(AS_OF);
    expect(body.items).toHaveLength(1);
    const [buy1] = body.items;
    expect(buy1).toMatchObject({
      sku: 'BUY-1',
      supply: 'purchase',
      supplierCode: 'SUP-A',
      onHand: 150,
      allocated: 10,
      inbound: 0,
      approvedNotOrdered: 0,
      position: 140,
      orderQuantity: 666,
      quantity: 714,
      amountMinor: 714_000,
      currency: 'GBP',
      amountGbpMinor: 714_000,
      stockOutDate: addDays(AS_OF, 15),
      expectedArrival: addDays(AS_OF, 14),
    });
    expect(buy1.safetyStock).toBeCloseTo(Z99 * 20, 6);
    expect(buy1.reorderPoint).toBeCloseTo(140 + Z99 * 20, 6);
    expect(buy1.reasons).toEqual([
      { code: 'below-reorder-point', position: 140, reorderPoint: buy1.reorderPoint },
      { code: 'projected-stock-out', date: addDays(AS_OF, 15) },
    ]);
    expect(buy1.proposalId).toEqual(expect.any(Number));

    const policies = await get('/api/inventory/policies');
    const byId = Object.fromEntries(policies.items.map((p: { sku: string }) => [p.sku, p]));
    expect(byId['BUY-1']).toMatchObject({
      abcClass: 'A',
      xyzClass: 'X',
      serviceLevel: 0.99,
      method: 'normal',
      cv: 0,
    });
    expect(byId['BUY-1'].leadTimeMeanDays).toBeCloseTo(14, 9);
    expect(byId['BUY-1'].leadTimeSdDays).toBeCloseTo(2, 9);
    expect(byId['BUY-1'].economicOrderQuantity).toBeCloseTo(Math.sqrt(436_800), 6);
    // BUY-2: B (98 %), no lead-time history → product master 14 days with no variability → SS 0, s = 28.
    expect(byId['BUY-2']).toMatchObject({
      abcClass: 'B',
      serviceLevel: 0.98,
      safetyStock: 0,
      position: 5000,
    });
    expect(byId['BUY-2'].reorderPoint).toBeCloseTo(28, 6);
    expect(policies.matrix).toEqual({
      A: { X: 1, Y: 0, Z: 0 },
      B: { X: 1, Y: 0, Z: 0 },
      C: { X: 0, Y: 0, Z: 0 },
    });
    // (R, S) with R = 7 days: S = 70 × 3 + 2.32635 × 70 × 2/7 = 210 + 46.53.
    expect(byId['BUY-1'].orderUpTo).toBeCloseTo(210 + Z99 * 20, 6);
  });

  it('groups the proposal under its supplier with the reason and the cash it commits', async () => {
    const body = await get('/api/purchase-proposals?status=proposed');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      sku: 'BUY-1',
      supplierCode: 'SUP-A',
      locationCode: 'WH-UK',
      quantity: 714,
      proposedQuantity: 714,
      amountMinor: 714_000,
      requiredTier: 'manager',
      requiredRole: 'manager',
      needBy: addDays(AS_OF, 15),
      status: 'proposed',
    });
    expect(body.items[0].reasonText).toMatch(
      /^Below reorder point \(position 140 ≤ 187\); Projected stock-out on /,
    );
    expect(body.suppliers).toEqual([
      {
        supplierCode: 'SUP-A',
        supplierName: 'Alpha Supplies',
        count: 1,
        amounts: [{ currency: 'GBP', amountMinor: 714_000 }],
        amountGbpMinor: 714_000,
      },
    ]);
  });

  it('enforces MOQ and pack size on edits, and the approval tier follows the amount', async () => {
    const [proposal] = (await get('/api/purchase-proposals?status=proposed')).items;
    const url = `/api/purchase-proposals/${proposal.id}`;
    const patch = (quantity: number, headers: Headers = h().planner) =>
      h().app.inject({ method: 'PATCH', url, headers, payload: { quantity } });
    const offPack = await patch(715);
    expect(offPack.statusCode).toBe(400);
    expect(offPack.json().errors[0]).toMatchObject({ field: 'body.quantity' });
    expect(offPack.json().errors[0].message).toContain('714 or 720');
    expect((await patch(114)).statusCode).toBe(400); // below the MOQ of 120
    expect((await patch(6000, h().viewer)).statusCode).toBe(403);
    // 6,000 × £10 = £60,000: above the manager's limit, within the director's.
    const edited = await patch(6000);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      quantity: 6000,
      proposedQuantity: 714,
      amountMinor: 6_000_000,
      requiredTier: 'director',
    });
    const byManager = await post(`${url}/approve`, h().manager);
    expect(byManager.statusCode).toBe(403);
    expect(byManager.json().detail).toContain('Director');
    // Planners approve routine proposals only: above the manager limit they are refused, saying why.
    const byPlanner = await post(`${url}/approve`, h().planner);
    expect(byPlanner.statusCode).toBe(403);
    expect(byPlanner.headers['content-type']).toContain('application/problem+json');
    expect(byPlanner.json()).toMatchObject({
      type: '/problems/forbidden',
      status: 403,
      detail:
        '£60,000.00 needs approval by the Director (finance role) tier or above; your role (planner) approves up to £50,000.00 (the manager limit).',
    });

    // The limits are settings an admin changes (audited); open proposals are re-tiered at once.
    const limitsUrl = '/api/purchase-proposals/approval-limits';
    const put = (headers: Headers, payload: Record<string, unknown>) =>
      h().app.inject({ method: 'PUT', url: limitsUrl, headers, payload });
    const current = await get(limitsUrl, h().planner);
    expect(current.limits).toEqual({ managerLimitGbpMinor: 5_000_000, directorLimitGbpMinor: 20_000_000 });
    expect(current.tiers.map((t: { roles: string[] }) => t.roles)).toEqual([
      ['manager', 'planner'],
      ['finance'],
      ['admin'],
    ]);
    const raised = { managerLimitGbpMinor: 7_500_000, directorLimitGbpMinor: 20_000_000 };
    expect((await put(h().planner, raised)).statusCode).toBe(403);
    expect(
      (await put(h().admin, { managerLimitGbpMinor: 30_000_000, directorLimitGbpMinor: 20_000_000 }))
        .statusCode,
    ).toBe(400);
    const saved = await put(h().admin, raised);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().tiers[0]).toMatchObject({ tier: 'manager', limitGbpMinor: 7_500_000 });
    expect((await get(`/api/purchase-proposals?status=proposed`)).items[0]).toMatchObject({
      id: proposal.id,
      requiredTier: 'manager',
      requiredRole: 'manager',
    });
    expect(
      (await put(h().admin, { managerLimitGbpMinor: 5_000_000, directorLimitGbpMinor: 20_000_000 }))
        .statusCode,
    ).toBe(200);
    expect((await get(`/api/purchase-proposals?status=proposed`)).items[0].requiredTier).toBe('director');
    // Back within the manager's limit.
    expect((await patch(720)).json()).toMatchObject({ amountMinor: 720_000, requiredTier: 'manager' });
  });

  it('lets only approvers approve (a planner within the manager limit), audits it, and nets the order', async () => {
    const [proposal] = (await get('/api/purchase-proposals?status=proposed')).items;
    const url = `/api/purchase-proposals/${proposal.id}/approve`;
    const byViewer = await post(url, h().viewer);
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().type).toBe('/problems/forbidden');
    // £7,200: a routine proposal within the manager tier, which planners act on as well as managers.
    const approved = await post(url, h().planner, { note: 'as planned' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decisionNote: 'as planned', quantity: 720 });
    expect(approved.json().decidedBy).toBeTruthy();
    expect((await post(url, h().admin)).statusCode).toBe(409);

    const audit = await queryRows<{ action: string; target_id: string }>(
      h().ctx.db,
      sql`select action, target_id from audit_log where target_type = 'purchase-proposal' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'purchase-proposals.quantity-changed',
      'purchase-proposals.quantity-changed',
      'purchase-proposals.approved',
    ]);
    // Position 140 + 720 approved = 860 > s: nothing more to recommend for BUY-1.
    expect((await get('/api/inventory/recommendations')).items).toEqual([]);
  });

  it('exports approved proposals as formula-safe CSV (audited) and exposes planned payments', async () => {
    expect(
      (
        await h().app.inject({
          method: 'GET',
          url: '/api/purchase-proposals/export.csv',
          headers: h().manager,
        })
      ).statusCode,
    ).toBe(403);
    const response = await h().app.inject({
      method: 'GET',
      url: '/api/purchase-proposals/export.csv',
      headers: h().finance,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Supplier code,Supplier,Deliver to,SKU,Product,Quantity,Currency,Unit cost,Amount,Expected delivery,Proposal',
    );
    expect(lines[1]).toMatch(
      /^SUP-A,Alpha Supplies,WH-UK,BUY-1,Bought one,720,GBP,10,7200,\d{4}-\d{2}-\d{2},\d+$/,
    );
    const [exported] = await queryRows<{ n: number }>(
      h().ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'data.exported' and target_type = 'purchase-proposals'`,
    );
    expect(exported?.n).toBe(1);

    const { queryPlannedPurchasesByPaymentDate } = await import('../purchasing/index');
    const today = new Date().toISOString().slice(0, 10);
    const payments = await queryPlannedPurchasesByPaymentDate(h().ctx.db, {
      from: today,
      to: addDays(today, 120),
    });
    // Approved today: delivery in 14 days (mean lead time), paid 30 days later.
    expect(payments).toEqual([
      expect.objectContaining({
        status: 'approved',
        supplierCode: 'SUP-A',
        expectedPaymentDate: addDays(today, 44),
        amountMinor: 720_000,
        amountGbpMinor: 720_000,
      }),
    ]);
  });

  it('marks approved proposals as ordered with the order number', async () => {
    const [proposal] = (await get('/api/purchase-proposals?status=approved')).items;
    const body = { ids: [proposal.id], reference: 'PO-7781' };
    expect((await post('/api/purchase-proposals/mark-ordered', h().viewer, body)).statusCode).toBe(403);
    const marked = await post('/api/purchase-proposals/mark-ordered', h().manager, body);
    expect(marked.json()).toEqual({ ordered: [proposal.id] });
    expect((await post('/api/purchase-proposals/mark-ordered', h().manager, body)).statusCode).toBe(409);
    const [ordered] = (await get('/api/purchase-proposals?status=ordered')).items;
    expect(ordered).toMatchObject({ externalRef: 'PO-7781', status: 'ordered' });
  });

  it('proposes again once the order is placed elsewhere, and finance approves as the director', async () => {
    // The ordered proposal no longer counts as on order (the order itself would arrive through the sync),
    // so a recompute proposes BUY-1 again with the same figures.
    const recompute = await post('/api/inventory/recompute', h().planner);
    expect(recompute.statusCode, recompute.body).toBe(200);
    const [again] = (await get('/api/purchase-proposals?status=proposed')).items;
    expect(again).toMatchObject({ sku: 'BUY-1', quantity: 714 });
    const url = `/api/purchase-proposals/${again.id}`;
    const edited = await h().app.inject({
      method: 'PATCH',
      url,
      headers: h().planner,
      payload: { quantity: 18_000 },
    });
    // £180,000: above the manager's £50,000, within the director's £200,000.
    expect(edited.json()).toMatchObject({
      amountMinor: 18_000_000,
      requiredTier: 'director',
      requiredRole: 'finance',
    });
    expect((await post(`${url}/approve`, h().manager)).statusCode).toBe(403);
    expect((await post(`${url}/approve`, h().planner)).statusCode).toBe(403);
    const approved = await post(`${url}/approve`, h().finance);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
  });

  it('rejects (audited) and does not propose a rejected need again until the data changes', async () => {
    const [approved] = (await get('/api/purchase-proposals?status=approved')).items;
    await post('/api/purchase-proposals/mark-ordered', h().manager, {
      ids: [approved.id],
      reference: 'PO-7790',
    });
    await post('/api/inventory/recompute', h().planner);
    const [open] = (await get('/api/purchase-proposals?status=proposed')).items;
    expect(open).toMatchObject({ sku: 'BUY-1', quantity: 714 });
    const url = `/api/purchase-proposals/${open.id}/reject`;
    expect((await post(url, h().viewer)).statusCode).toBe(403);
    const rejected = await post(url, h().manager, { note: 'supplier shut for August' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: 'supplier shut for August' });
    await post('/api/inventory/recompute', h().planner);
    expect((await get('/api/purchase-proposals?status=proposed')).items).toEqual([]);
    const [audit] = await queryRows<{ n: number }>(
      h().ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'purchase-proposals.rejected' and target_id = ${String(open.id)}`,
    );
    expect(audit?.n).toBe(1);
  });
}
