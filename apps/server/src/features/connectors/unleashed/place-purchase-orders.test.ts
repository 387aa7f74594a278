import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { buildHttpApp } from '../../../http-app';
import { createTestContext } from '../../../test-support/app-context';
import { signInAs } from '../../../test-support/auth';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { orderReference, placeApprovedPurchaseOrders } from './place-purchase-orders';
import { purchaseOrderGuid } from './unleashed-client';
import { unleashedClient } from './unleashed-connector';
import type { UnleashedSimulator } from './unleashed-simulator';
import { connectorFor, startTestUnleashed, sync, TEST_ACCOUNT } from './unleashed-test-kit';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let ctx: AppContext;
let simulator: UnleashedSimulator;
const actor = { userId: null, label: 'buyer@example.test' };

beforeAll(async () => {
  simulator = await startTestUnleashed();
});
afterAll(() => simulator?.stop());
beforeEach(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
  ctx = testContext.ctx;
  // The catalogue (products, suppliers, warehouses) comes from Unleashed itself.
  await sync(ctx, connectorFor(simulator), 'full');
});
afterEach(async () => {
  await testContext.inProcessJobs?.whenIdle();
  await testContext.close();
  await database.close();
});

const client = () =>
  unleashedClient(
    ctx,
    { baseUrl: simulator.url, credentials: TEST_ACCOUNT },
    { bucket: { capacity: 50, refillPerSecond: 100 } },
  );

async function referenceOf(ids: number[]): Promise<string> {
  const rows = await queryRows<{ id: number; created_at: string | Date }>(
    ctx.db,
    sql`select id, created_at from purchase_proposals where id = any(${sql.param(ids)}::int[])`,
  );
  return orderReference(ids, new Map(rows.map((r) => [r.id, new Date(r.created_at).getTime()])));
}

/** Two approved proposals for products of one supplier, delivered to DIST-UK. */
async function approveTwo(): Promise<{ ids: number[]; supplier: string; skus: string[] }> {
  const products = await queryRows<{ id: number; sku: string; supplier_id: number; supplier: string }>(
    ctx.db,
    sql`select p.id, p.sku, p.supplier_id, s.code as supplier from products p join suppliers s on s.id = p.supplier_id
        order by s.code, p.sku`,
  );
  const supplier = products[0]!.supplier;
  const chosen = products.filter((p) => p.supplier === supplier).slice(0, 2);
  const ids: number[] = [];
  for (const [i, p] of chosen.entries()) {
    const [row] = await queryRows<{ id: number }>(
      ctx.db,
      sql`insert into purchase_proposals (product_id, supplier_id, location_id, quantity, unit_cost_minor, amount_minor,
                                          currency, reason, status, required_approver, expected_delivery)
          values (${p.id}, ${p.supplier_id}, (select id from locations where code = 'DIST-UK'), ${600 * (i + 1)}, 125,
                  ${125 * 600 * (i + 1)}, 'GBP', 'below reorder point', 'approved', 'manager', ${`2025-08-0${i + 1}`})
          returning id`,
    );
    ids.push(row!.id);
  }
  return { ids, supplier, skus: chosen.map((p) => p.sku) };
}

describe('placing approved purchase proposals in Unleashed', () => {
  it('creates one parked order per supplier and marks the proposals ordered with its number', async () => {
    const { ids, supplier, skus } = await approveTwo();
    const result = await placeApprovedPurchaseOrders(ctx, actor, { client: client(), today: '2025-07-01' });
    expect(result.notPlaced).toEqual([]);
    expect(result.placed).toHaveLength(1);
    const [placed] = result.placed;
    expect(placed).toMatchObject({
      created: true,
      supplierCode: supplier,
      proposalIds: ids,
      currency: 'GBP',
      totalMinor: 225_000,
    });
    const order = simulator.data.purchaseOrders.find((o) => o.OrderNumber === placed!.orderNumber)!;
    expect(order).toMatchObject({
      Guid: purchaseOrderGuid(await referenceOf(ids)),
      OrderStatus: 'Parked',
      Warehouse: { WarehouseCode: 'DIST-UK' },
      RequiredDate: '/Date(1754006400000)/',
      SubTotal: 2250,
    });
    expect(
      order.PurchaseOrderLines.map((l) => [l.Product.ProductCode, l.OrderQuantity, l.UnitPrice]),
    ).toEqual([
      [skus[0], 600, 1.25],
      [skus[1], 1200, 1.25],
    ]);
    const proposals = await queryRows<{ status: string; external_ref: string }>(
      ctx.db,
      sql`select status, external_ref from purchase_proposals order by id`,
    );
    expect(proposals).toEqual(ids.map(() => ({ status: 'ordered', external_ref: placed!.orderNumber })));
    const [audit] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'purchase-proposals.ordered' and actor_label = ${actor.label}`,
    );
    expect(audit!.n).toBe(2);
    // Nothing approved is left: placing again does nothing.
    expect(await placeApprovedPurchaseOrders(ctx, actor, { client: client() })).toEqual({
      placed: [],
      notPlaced: [],
    });
  });

  it('finds the order an interrupted placement created instead of creating a second one', async () => {
    const { ids, supplier } = await approveTwo();
    // An earlier attempt created the order in Unleashed, then stopped before marking the proposals.
    const earlier = await client().createPurchaseOrder({
      reference: await referenceOf(ids),
      supplierCode: supplier,
      currency: 'GBP',
      orderDate: '2025-07-01',
      lines: [{ sku: simulator.data.products[0]!.ProductCode, quantity: 1, unitCostMinor: 1 }],
    });
    const count = simulator.data.purchaseOrders.length;
    const result = await placeApprovedPurchaseOrders(ctx, actor, { client: client() });
    expect(result.placed[0]).toMatchObject({ created: false, orderNumber: earlier.order.OrderNumber });
    expect(simulator.data.purchaseOrders).toHaveLength(count);
  });

  it('reports what Unleashed refused and leaves those proposals approved', async () => {
    const { ids } = await approveTwo();
    await ctx.db.execute(
      sql`update suppliers set code = 'SUP-UNKNOWN' where id = (select supplier_id from purchase_proposals limit 1)`,
    );
    const result = await placeApprovedPurchaseOrders(ctx, actor, { client: client() });
    expect(result.placed).toEqual([]);
    expect(result.notPlaced).toEqual([
      { proposalIds: ids, supplierCode: 'SUP-UNKNOWN', reason: expect.stringContaining('400') },
    ]);
    const [row] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from purchase_proposals where status = 'approved'`,
    );
    expect(row!.n).toBe(2);
  });

  it('is an API action for approvers only, and says so when Unleashed is not connected', async () => {
    await approveTwo();
    const app = await buildHttpApp(ctx, { serveWeb: false });
    try {
      const viewer = await signInAs(app, ctx, 'viewer');
      const refused = await app.inject({
        method: 'POST',
        url: '/api/connectors/unleashed/purchase-orders',
        headers: viewer.headers,
      });
      expect(refused.statusCode).toBe(403);
      const admin = await signInAs(app, ctx, 'admin');
      const response = await app.inject({
        method: 'POST',
        url: '/api/connectors/unleashed/purchase-orders',
        headers: admin.headers,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().detail).toMatch(/Unleashed is not connected/);
    } finally {
      await app.close();
    }
  });
});
