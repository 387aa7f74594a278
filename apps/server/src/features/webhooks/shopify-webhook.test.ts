import type { AddressInfo } from 'node:net';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { sandboxSecret } from '../connectors/common/http';
import { ensureShopifySandbox, stopShopifySandboxes } from '../connectors/shopify/shopify-sandbox';
import type { ShopifySimulator } from '../connectors/shopify/shopify-simulator';
import { markDemoLoaded } from '../demo/demo-settings';
import { getConnectorState } from '../sync/connector-state';

const SECRET = 'shpss_test_app_secret';
const UK = 'sentia-uk-sandbox.myshopify.com';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let app: Awaited<ReturnType<typeof buildHttpApp>>;
let url: string;
let simulator: ShopifySimulator;

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database, { env: { SHOPIFY_API_SECRET: SECRET } });
  app = await buildHttpApp(testContext.ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/webhooks/shopify`;
  const admin = (await signInAs(app, testContext.ctx, 'admin')).headers;
  await markDemoLoaded(testContext.ctx.db, {
    loadedAt: new Date().toISOString(),
    seed: 20_240_917,
    startDate: '2025-06-21',
    endDate: '2025-06-30',
    days: 10,
    syncRunId: '00000000-0000-4000-8000-000000000000',
    recordsWritten: 0,
  });
  // The sandbox store, synced once so its channel and catalogue exist.
  await app.inject({
    method: 'PUT',
    url: '/api/connections/shopify/sandbox',
    headers: admin,
    payload: { enabled: true },
  });
  const { run } = (
    await app.inject({ method: 'POST', url: '/api/connections/shopify/sync', headers: admin, payload: {} })
  ).json();
  await testContext.inProcessJobs!.whenIdle();
  expect(
    (
      await app.inject({ method: 'GET', url: `/api/connections/shopify/runs/${run.id}`, headers: admin })
    ).json().status,
  ).toBe('succeeded');
  simulator = await ensureShopifySandbox(
    (await getConnectorState(testContext.ctx.db, 'shopify')).sandboxDataset!,
  );
});
afterAll(async () => {
  await testContext?.inProcessJobs?.whenIdle();
  await app?.close();
  await testContext?.close();
  await stopShopifySandboxes();
  await database?.close();
});

const anOrder = () => [...simulator.shop(UK).orders.values()].find((o) => o.order.status === 'shipped')!;

async function stored(externalId: string) {
  const [row] = await queryRows<{ status: string; source_updated_at: string; n: number }>(
    testContext.ctx.db,
    sql`select status, source_updated_at::text, (select count(*)::int from orders where external_id = ${externalId}) as n
        from orders where external_id = ${externalId}`,
  );
  return row;
}

const receipts = (id: string) =>
  queryRows<{ status: string; error: string | null }>(
    testContext.ctx.db,
    sql`select status, error from webhook_receipts where provider = 'shopify' and delivery_id = ${id}`,
  );

describe('POST /api/webhooks/shopify', () => {
  it('accepts a delivery signed with the app secret, answers at once, and the worker writes the order', async () => {
    const entry = anOrder();
    const order = simulator.restOrder(UK, entry.order.externalId);
    const changed = {
      ...order,
      updated_at: '2025-07-02T10:00:00.000Z',
      cancelled_at: '2025-07-02T10:00:00.000Z',
      financial_status: 'voided',
    };
    const started = performance.now();
    const response = await simulator.sendWebhook(url, {
      topic: 'orders/updated',
      domain: UK,
      body: JSON.stringify(changed),
      secret: SECRET,
      webhookId: 'delivery-1',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'accepted', deliveryId: 'delivery-1' });
    expect(performance.now() - started).toBeLessThan(1_000);
    await testContext.inProcessJobs!.whenIdle();
    expect(await stored(entry.order.externalId)).toMatchObject({ status: 'cancelled', n: 1 });
    expect(await receipts('delivery-1')).toEqual([{ status: 'processed', error: null }]);
  });

  it('accepts the sandbox store’s own signing secret too', async () => {
    const entry = anOrder();
    const response = await simulator.sendWebhook(url, {
      topic: 'orders/paid',
      domain: UK,
      body: JSON.stringify(simulator.restOrder(UK, entry.order.externalId)),
      secret: sandboxSecret(testContext.ctx, 'shopify-webhooks'),
      webhookId: 'delivery-sandbox',
    });
    expect(response.status).toBe(200);
  });

  it('refuses a forged signature with 401 and records nothing', async () => {
    const response = await simulator.sendWebhook(url, {
      topic: 'orders/updated',
      domain: UK,
      body: JSON.stringify(simulator.restOrder(UK, anOrder().order.externalId)),
      secret: 'not-the-secret',
      webhookId: 'forged-1',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await receipts('forged-1')).toEqual([]);
  });

  it('acknowledges a repeated delivery and records it once', async () => {
    const entry = [...simulator.shop(UK).orders.values()][5]!;
    const body = JSON.stringify({
      ...simulator.restOrder(UK, entry.order.externalId),
      updated_at: '2025-07-03T00:00:00.000Z',
    });
    const first = await simulator.sendWebhook(url, {
      topic: 'orders/updated',
      domain: UK,
      body,
      secret: SECRET,
      webhookId: 'delivery-2',
    });
    const second = await simulator.sendWebhook(url, {
      topic: 'orders/updated',
      domain: UK,
      body,
      secret: SECRET,
      webhookId: 'delivery-2',
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(((await second.json()) as { status: string }).status).toBe('duplicate');
    await testContext.inProcessJobs!.whenIdle();
    expect(await receipts('delivery-2')).toHaveLength(1);
    const [raw] = await queryRows<{ n: number }>(
      testContext.ctx.db,
      sql`select count(*)::int as n from raw_payloads where entity = 'order-rest' and external_id = ${entry.order.externalId}`,
    );
    expect(raw!.n).toBe(1);
    expect((await stored(entry.order.externalId))?.n).toBe(1);
  });

  it('does not let an older delivery arriving late overwrite a newer one', async () => {
    const entry = [...simulator.shop(UK).orders.values()][9]!;
    const base = simulator.restOrder(UK, entry.order.externalId);
    const newer = {
      ...base,
      updated_at: '2025-07-05T12:00:00.000Z',
      cancelled_at: '2025-07-05T12:00:00.000Z',
      financial_status: 'voided',
    };
    const older = { ...base, updated_at: '2025-07-04T12:00:00.000Z' };
    await simulator.sendWebhook(url, {
      topic: 'orders/cancelled',
      domain: UK,
      body: JSON.stringify(newer),
      secret: SECRET,
      webhookId: 'late-2',
    });
    await testContext.inProcessJobs!.whenIdle();
    await simulator.sendWebhook(url, {
      topic: 'orders/updated',
      domain: UK,
      body: JSON.stringify(older),
      secret: SECRET,
      webhookId: 'late-1',
    });
    await testContext.inProcessJobs!.whenIdle();
    const row = await stored(entry.order.externalId);
    expect(row?.status).toBe('cancelled');
    expect(Date.parse(row!.source_updated_at)).toBe(Date.parse(newer.updated_at));
    expect(await receipts('late-1')).toEqual([{ status: 'processed', error: null }]);
  });

  it('records topics it leaves to the catch-up sync as processed without writing', async () => {
    const response = await simulator.sendWebhook(url, {
      topic: 'products/update',
      domain: UK,
      body: JSON.stringify({ id: 1, admin_graphql_api_id: 'gid://shopify/Product/1' }),
      secret: SECRET,
      webhookId: 'product-1',
    });
    expect(response.status).toBe(200);
    await testContext.inProcessJobs!.whenIdle();
    expect((await receipts('product-1'))[0]).toMatchObject({
      status: 'processed',
      error: expect.stringMatching(/catch-up/),
    });
  });
});
