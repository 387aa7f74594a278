import type { UnleashedProduct, UnleashedSupplier } from '@sentia/domain';
import { formatDotNetDate } from '@sentia/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HttpClient,
  HttpNetworkError,
  HttpStatusError,
  MemoryRequestLimiter,
} from '../../../platform/http-client/index';
import { purchaseOrderGuid, UnleashedClient } from './unleashed-client';
import {
  signUnleashedQuery,
  unleashedQueryText,
  unleashedQueryWire,
  verifyUnleashedSignature,
} from './unleashed-signature';
import { type UnleashedSimData, UnleashedSimulator } from './unleashed-simulator';

const API_ID = '1f8a5c8e-0d6a-4a36-9b1e-7f3f7c2d9a10';
const API_KEY = 'sim-api-key-0123456789';

describe('Unleashed signature', () => {
  it('matches the contract test vectors', () => {
    expect(signUnleashedQuery('my-api-key', '')).toBe('g/sLGpl3EjQxdUrl9Fy60IBziH8XHBzXVA9NZuWIRGU=');
    expect(signUnleashedQuery('my-api-key', 'pageSize=200&modifiedSince=2024-01-01')).toBe(
      '0DUAzt/dnd24KyRHBJmCdSqsLIz9M28g4+AdNUqlMYY=',
    );
  });

  it('signs the decoded query text and encodes only the wire form', () => {
    const query = { orderNumber: 'DTC#13633', customerCode: 'a b+c@d', pageSize: 200, empty: undefined };
    expect(unleashedQueryText(query)).toBe('orderNumber=DTC#13633&customerCode=a b+c@d&pageSize=200');
    expect(unleashedQueryWire(query)).toBe('orderNumber=DTC%2313633&customerCode=a%20b%2Bc@d&pageSize=200');
    const signature = signUnleashedQuery('k', unleashedQueryText(query));
    // The server decodes what it received, then checks: the two agree.
    expect(verifyUnleashedSignature('k', unleashedQueryWire(query), signature)).toBe(true);
    // Signing the encoded form instead is what gives 403 on the real service.
    expect(signUnleashedQuery('k', unleashedQueryWire(query))).not.toBe(signature);
    expect(verifyUnleashedSignature('k', unleashedQueryWire(query), signature.replace(/^./, 'A'))).toBe(
      false,
    );
  });
});

function products(n: number): UnleashedProduct[] {
  return Array.from({ length: n }, (_, i) => ({
    Guid: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    ProductCode: `SKU-${String(i + 1).padStart(3, '0')}`,
    ProductDescription: `Product ${i + 1}`,
    AverageLandPrice: 1.25,
    LastModifiedOn: formatDotNetDate(new Date(Date.UTC(2026, 0, 1, 0, 0, i))),
  }));
}

const supplier: UnleashedSupplier = {
  Guid: 's-1',
  SupplierCode: 'SUP-GLASS',
  SupplierName: 'Northern Glass',
};

function simData(): UnleashedSimData {
  return {
    warehouses: [],
    suppliers: [supplier],
    products: products(45),
    stock: [],
    salesOrders: [],
    purchaseOrders: [],
    assemblies: [],
  };
}

function client(sim: UnleashedSimulator, options: { key?: string; id?: string; timeoutMs?: number } = {}) {
  const http = new HttpClient({
    name: 'unleashed',
    baseUrl: sim.url,
    timeoutMs: options.timeoutMs ?? 2_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 4 },
    limiter: new MemoryRequestLimiter(),
  });
  return new UnleashedClient(
    http,
    { apiId: options.id ?? API_ID, apiKey: options.key ?? API_KEY },
    {
      capacity: 100,
      refillPerSecond: 100,
    },
  );
}

describe('Unleashed client against the simulator', () => {
  let sim: UnleashedSimulator;
  beforeAll(async () => {
    sim = new UnleashedSimulator({ accounts: { [API_ID]: API_KEY }, data: simData() });
    await sim.start();
  });
  afterAll(() => sim.stop());
  afterEach(() => {
    sim.server.clearFaults();
    sim.server.log.length = 0;
  });

  it('sends the signed headers and reads a page with its server time', async () => {
    const page = await client(sim).list<UnleashedProduct>('Products', 1, { pageSize: 20 });
    expect(page.list.Pagination).toEqual({
      NumberOfItems: 45,
      PageSize: 20,
      PageNumber: 1,
      NumberOfPages: 3,
    });
    expect(page.list.Items.map((p) => p.ProductCode).slice(0, 2)).toEqual(['SKU-001', 'SKU-002']);
    expect(Math.abs(Date.parse(page.serverTime!) - Date.now())).toBeLessThan(5_000);
    const [sent] = sim.server.requests();
    expect(sent!.path).toBe('/Products/1');
    expect(sent!.headers['api-auth-id']).toBe(API_ID);
    expect(sent!.headers['api-auth-signature']).toBe(signUnleashedQuery(API_KEY, 'pageSize=20'));
    expect(sent!.headers['client-type']).toBe('sentia/dashboardsync');
    expect(sent!.headers.accept).toBe('application/json');
  });

  it('pages to the end: full pages, a short last page, past the end, and the /Page/ and bare forms', async () => {
    const c = client(sim);
    const sizes = [];
    for (let page = 1; page <= 4; page++) {
      sizes.push((await c.list<UnleashedProduct>('Products', page, { pageSize: 20 })).list.Items.length);
    }
    expect(sizes).toEqual([20, 20, 5, 0]);
    // An empty result: zero pages.
    const none = await c.list<UnleashedProduct>('Products', 1, { modifiedSince: '2027-01-01' });
    expect(none.list.Pagination.NumberOfPages).toBe(0);
    // The other two page addressings the contract lists.
    const sign = signUnleashedQuery(API_KEY, 'pageSize=20');
    const headers = { 'api-auth-id': API_ID, 'api-auth-signature': sign, accept: 'application/json' };
    const bare = (await (await fetch(`${sim.url}/Products?pageSize=20`, { headers })).json()) as {
      Pagination: { PageNumber: number };
    };
    const paged = (await (await fetch(`${sim.url}/Products/Page/3?pageSize=20`, { headers })).json()) as {
      Items: unknown[];
    };
    expect(bare.Pagination.PageNumber).toBe(1);
    expect(paged.Items).toHaveLength(5);
  });

  it('filters by modifiedSince (a date-time, signed as sent) in modification order', async () => {
    const page = await client(sim).list<UnleashedProduct>('Products', 1, {
      modifiedSince: '2026-01-01T00:00:40',
      orderBy: 'LastModifiedOn',
    });
    expect(page.list.Items.map((p) => p.ProductCode)).toEqual([
      'SKU-041',
      'SKU-042',
      'SKU-043',
      'SKU-044',
      'SKU-045',
    ]);
  });

  it('refuses a wrong signature or an unknown API id with 403, without retrying', async () => {
    for (const c of [client(sim, { key: 'wrong-key' }), client(sim, { id: 'unknown-id' })]) {
      const error = await c.list('Products', 1, { pageSize: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpStatusError);
      expect((error as HttpStatusError).status).toBe(403);
      expect((error as HttpStatusError).attempts).toBe(1);
    }
  });

  it('retries a 5xx and a timeout, then succeeds', async () => {
    sim.server.inject({ kind: 'status', status: 503 }, { times: 2 });
    const page = await client(sim).list<UnleashedProduct>('Products', 2, { pageSize: 20 });
    expect(page.list.Items).toHaveLength(20);
    expect(sim.server.requests().map((r) => r.status)).toEqual([503, 503, 200]);

    sim.server.log.length = 0;
    sim.server.inject({ kind: 'delay', ms: 400 }, { times: 1 });
    const slow = await client(sim, { timeoutMs: 150 }).list<UnleashedProduct>('Products', 1, { pageSize: 5 });
    expect(slow.list.Items).toHaveLength(5);
  });

  it('gives up after its attempts on a persistent 5xx, with the status', async () => {
    sim.server.inject({ kind: 'status', status: 500 }, { times: 10 });
    const error = await client(sim)
      .list('Products', 1, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).attempts).toBe(4);
  });
});

describe('Unleashed rate limit', () => {
  it('waits out a 429 for the Retry-After the simulator asks, then carries on', async () => {
    const sim = new UnleashedSimulator({
      accounts: { [API_ID]: API_KEY },
      data: simData(),
      rateLimit: { capacity: 2, refillPerSecond: 1 },
    });
    await sim.start();
    try {
      const c = client(sim);
      const started = Date.now();
      for (let page = 1; page <= 3; page++) await c.list('Products', page, { pageSize: 20 });
      const statuses = sim.server.requests().map((r) => r.status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      // Retry-After is 1 s: the retry did not come sooner.
      const first429 = sim.server.requests().findIndex((r) => r.status === 429);
      const retry = sim.server.requests()[first429 + 1]!;
      expect(retry.at - sim.server.requests()[first429]!.at).toBeGreaterThanOrEqual(950);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    } finally {
      await sim.stop();
    }
  });
});

describe('Creating purchase orders in Unleashed', () => {
  let sim: UnleashedSimulator;
  beforeAll(async () => {
    sim = new UnleashedSimulator({ accounts: { [API_ID]: API_KEY }, data: simData() });
    await sim.start();
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.server.clearFaults());

  const draft = (reference: string) => ({
    reference,
    supplierCode: 'SUP-GLASS',
    warehouseCode: 'DIST-UK',
    currency: 'GBP',
    orderDate: '2026-03-02',
    requiredDate: '2026-03-23',
    lines: [
      { sku: 'SKU-001', quantity: 600, unitCostMinor: 125 },
      { sku: 'SKU-002', quantity: 120, unitCostMinor: 1999 },
    ],
  });

  it('creates a parked order with exact amounts, and a repeated call returns the same order', async () => {
    const c = client(sim);
    const first = await c.createPurchaseOrder(draft('proposals:1,2'));
    expect(first.created).toBe(true);
    expect(first.order).toMatchObject({
      Guid: purchaseOrderGuid('proposals:1,2'),
      OrderStatus: 'Parked',
      Supplier: { SupplierCode: 'SUP-GLASS' },
      Warehouse: { WarehouseCode: 'DIST-UK' },
      SubTotal: 3148.8,
      RequiredDate: '/Date(1774224000000)/',
    });
    expect(
      first.order.PurchaseOrderLines.map((l) => [l.Product.ProductCode, l.OrderQuantity, l.UnitPrice]),
    ).toEqual([
      ['SKU-001', 600, 1.25],
      ['SKU-002', 120, 19.99],
    ]);
    const again = await c.createPurchaseOrder(draft('proposals:1,2'));
    expect(again).toEqual({ order: first.order, created: false });
    expect(sim.data.purchaseOrders.filter((o) => o.Guid === first.order.Guid)).toHaveLength(1);
  });

  it('creates one order when two callers race with the same reference', async () => {
    const [a, b] = await Promise.all([
      client(sim).createPurchaseOrder(draft('proposals:7')),
      client(sim).createPurchaseOrder(draft('proposals:7')),
    ]);
    expect(a.order.Guid).toBe(b.order.Guid);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(sim.data.purchaseOrders.filter((o) => o.Guid === purchaseOrderGuid('proposals:7'))).toHaveLength(
      1,
    );
  });

  it('retries a POST whose answer was lost without creating a second order', async () => {
    // The simulator takes the order after 300 ms; the client stops waiting after 100 ms.
    sim.server.inject({ kind: 'delay', ms: 300 }, { times: 1, match: (r) => r.method === 'POST' });
    const result = await client(sim, { timeoutMs: 100 }).createPurchaseOrder(draft('proposals:9'));
    await new Promise((r) => setTimeout(r, 350));
    expect(result.order.Guid).toBe(purchaseOrderGuid('proposals:9'));
    expect(sim.data.purchaseOrders.filter((o) => o.Guid === purchaseOrderGuid('proposals:9'))).toHaveLength(
      1,
    );
  });

  it('refuses to take an order with the derived Guid but another reference as this one', async () => {
    const created = await client(sim).createPurchaseOrder(draft('proposals:first'));
    sim.data.purchaseOrders.push({
      ...created.order,
      Guid: purchaseOrderGuid('proposals:second'),
      OrderNumber: 'PO-X',
    });
    const error = await client(sim)
      .createPurchaseOrder(draft('proposals:second'))
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/PO-X has this order's Guid but another reference \(proposals:first\)/);
  });

  it('does not retry an order Unleashed refuses', async () => {
    const bad = { ...draft('proposals:bad'), supplierCode: 'SUP-NONE' };
    const error = await client(sim)
      .createPurchaseOrder(bad)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(400);
    expect(sim.data.purchaseOrders.some((o) => o.Guid === purchaseOrderGuid('proposals:bad'))).toBe(false);
  });

  it('gives a network error when the service never answers', async () => {
    sim.server.inject({ kind: 'drop' }, { times: 20 });
    const error = await client(sim)
      .createPurchaseOrder(draft('proposals:down'), { maxAttempts: 2 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpNetworkError);
  });
});
