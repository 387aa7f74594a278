import type {
  UnleashedAssembly,
  UnleashedProduct,
  UnleashedPurchaseOrder,
  UnleashedSalesOrder,
  UnleashedStockOnHand,
  UnleashedSupplier,
  UnleashedWarehouse,
} from '@sentia/domain';
import { formatDotNetDate, parseDotNetDate } from '@sentia/domain';
import { SimBucket, type SimRequest, type SimResponse, SimulatorServer } from '../common/simulator-server';
import { verifyUnleashedSignature } from './unleashed-signature';

/**
 * A local stand-in for the Unleashed API, following integration-contracts.md §3.8: `api-auth-id`
 * and `api-auth-signature` checked on every request (403 when wrong; the signature over the
 * URL-decoded query, or the raw form), paged lists at `/{Endpoint}`, `/{Endpoint}/{page}` and
 * `/{Endpoint}/Page/{page}` with `pageSize` 1–1000 (default 200) and the `Pagination`/`Items`
 * envelope, single items at `/{Endpoint}/{guid}`, `/Date(ms)/` dates, the filters the connector
 * uses (`modifiedSince`, `warehouseCode`, `orderStatus`, `startDate`/`endDate`, `orderBy`), a
 * per-account rate limit answered with 429 + Retry-After, and purchase-order creation. Faults
 * (5xx, delays, dropped connections) are injected through `server.inject`.
 */
export interface UnleashedSimData {
  warehouses: UnleashedWarehouse[];
  suppliers: UnleashedSupplier[];
  products: UnleashedProduct[];
  /** Per-warehouse rows (the all-warehouse totals are computed when no warehouse is asked for). */
  stock: UnleashedStockOnHand[];
  salesOrders: UnleashedSalesOrder[];
  purchaseOrders: UnleashedPurchaseOrder[];
  assemblies: UnleashedAssembly[];
}

export interface UnleashedSimulatorOptions {
  /** API id → API key. */
  accounts: Record<string, string>;
  data: UnleashedSimData;
  /** Requests per account (Unleashed publishes none; tests set one to provoke 429s). */
  rateLimit?: { capacity: number; refillPerSecond: number };
}

type Endpoint = keyof UnleashedSimData;

const ENDPOINTS: Record<string, { key: Endpoint; sortBy: (item: never) => string }> = {
  Warehouses: { key: 'warehouses', sortBy: (w: UnleashedWarehouse) => w.WarehouseCode },
  Suppliers: { key: 'suppliers', sortBy: (s: UnleashedSupplier) => s.SupplierCode },
  Products: { key: 'products', sortBy: (p: UnleashedProduct) => p.ProductCode },
  StockOnHand: { key: 'stock', sortBy: (s: UnleashedStockOnHand) => s.ProductCode },
  SalesOrders: { key: 'salesOrders', sortBy: (o: UnleashedSalesOrder) => o.OrderNumber },
  PurchaseOrders: { key: 'purchaseOrders', sortBy: (o: UnleashedPurchaseOrder) => o.OrderNumber },
  Assemblies: { key: 'assemblies', sortBy: (a: UnleashedAssembly) => a.AssemblyNumber },
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class UnleashedSimulator {
  readonly server: SimulatorServer;
  readonly data: UnleashedSimData;
  private readonly buckets = new Map<string, SimBucket>();
  private purchaseOrderSequence = 0;

  constructor(private readonly options: UnleashedSimulatorOptions) {
    this.data = options.data;
    this.server = new SimulatorServer((req) => this.handle(req));
    this.purchaseOrderSequence = this.data.purchaseOrders.length;
  }

  start(port?: number): Promise<string> {
    return this.server.start(port);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  /** Adds or replaces an item as a user would in Unleashed; its LastModifiedOn becomes `at` (default now). */
  upsert<K extends Endpoint>(endpoint: K, item: UnleashedSimData[K][number], at: Date = new Date()): void {
    const list = this.data[endpoint] as { Guid?: string; LastModifiedOn?: string | null }[];
    const stamped = { ...(item as object), LastModifiedOn: formatDotNetDate(at) } as { Guid?: string };
    const index = list.findIndex((existing) => existing.Guid !== undefined && existing.Guid === stamped.Guid);
    if (index >= 0) list[index] = stamped;
    else list.push(stamped);
  }

  private bucket(apiId: string): SimBucket | null {
    const spec = this.options.rateLimit;
    if (!spec) return null;
    let bucket = this.buckets.get(apiId);
    if (!bucket) {
      bucket = new SimBucket(spec.capacity, spec.refillPerSecond);
      this.buckets.set(apiId, bucket);
    }
    return bucket;
  }

  private handle(req: SimRequest): SimResponse {
    const apiId = String(req.headers['api-auth-id'] ?? '');
    const signature = String(req.headers['api-auth-signature'] ?? '');
    const key = this.options.accounts[apiId];
    // The form-encoded query (what a client signing URLSearchParams output signs); its decoded text too.
    const rawQuery = req.query.toString();
    if (!key || !verifyUnleashedSignature(key, rawQuery, signature)) {
      return { status: 403, body: 'Forbidden' };
    }
    const bucket = this.bucket(apiId);
    if (bucket) {
      const taken = bucket.take();
      if (!taken.ok) {
        return {
          status: 429,
          headers: { 'retry-after': String(Math.max(1, Math.ceil(taken.waitMs / 1000))) },
          body: { Description: 'Too many requests' },
        };
      }
    }
    const segments = req.path.split('/').filter(Boolean);
    const endpoint = ENDPOINTS[segments[0] ?? ''];
    if (!endpoint) return { status: 404, body: { Description: `No such resource ${segments[0] ?? ''}` } };
    if (req.method === 'POST') {
      if (endpoint.key !== 'purchaseOrders' || !GUID.test(segments[1] ?? '')) {
        return { status: 405, body: { Description: 'Method not allowed' } };
      }
      return this.createPurchaseOrder(segments[1]!, req.body);
    }
    if (req.method !== 'GET') return { status: 405, body: { Description: 'Method not allowed' } };

    const tail = segments.slice(1);
    if (tail.length === 1 && GUID.test(tail[0]!)) {
      const item = (this.data[endpoint.key] as { Guid?: string }[]).find((i) => i.Guid === tail[0]);
      return item ? { status: 200, body: item } : { status: 404, body: { Description: 'Not found' } };
    }
    const pageText = tail[0] === 'Page' ? tail[1] : tail[0];
    const page = pageText === undefined ? 1 : Number(pageText);
    if (!Number.isInteger(page) || page < 1 || tail.length > (tail[0] === 'Page' ? 2 : 1)) {
      return { status: 404, body: { Description: 'Not found' } };
    }
    const pageSizeText = req.query.get('pageSize');
    const pageSize = pageSizeText === null ? 200 : Number(pageSizeText);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      return { status: 400, body: { Description: 'pageSize must be between 1 and 1000' } };
    }
    let items: unknown[];
    try {
      items = this.filter(endpoint.key, req.query);
    } catch (error) {
      return { status: 400, body: { Description: error instanceof Error ? error.message : String(error) } };
    }
    const orderBy = req.query.get('orderBy');
    const sortKey =
      endpoint.key === 'products' && orderBy === 'LastModifiedOn'
        ? (p: UnleashedProduct) =>
            `${modifiedMs(p.LastModifiedOn).toString().padStart(15, '0')}|${p.ProductCode}`
        : endpoint.sortBy;
    items.sort((a, b) => {
      const ka = (sortKey as (i: unknown) => string)(a);
      const kb = (sortKey as (i: unknown) => string)(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const numberOfPages = Math.ceil(items.length / pageSize);
    return {
      status: 200,
      body: {
        Pagination: {
          NumberOfItems: items.length,
          PageSize: pageSize,
          PageNumber: page,
          NumberOfPages: numberOfPages,
        },
        Items: items.slice((page - 1) * pageSize, page * pageSize),
      },
    };
  }

  private filter(endpoint: Endpoint, query: URLSearchParams): unknown[] {
    const since = parseFilterDate(query.get('modifiedSince'), 'modifiedSince');
    const warehouseCode = query.get('warehouseCode');
    const statuses = query
      .get('orderStatus')
      ?.split(',')
      .map((s) => s.trim());
    const start = parseFilterDate(query.get('startDate'), 'startDate');
    const end = parseFilterDate(query.get('endDate'), 'endDate');
    let items: unknown[] = [...(this.data[endpoint] as unknown[])];
    if (endpoint === 'stock' && !warehouseCode) items = totals(this.data.stock);
    return items.filter((raw) => {
      const item = raw as Record<string, unknown> & { LastModifiedOn?: string | null };
      if (since !== null && modifiedMs(item.LastModifiedOn) < since) return false;
      if (warehouseCode) {
        const code =
          endpoint === 'stock'
            ? (item.WarehouseCode as string | null)
            : (item.Warehouse as { WarehouseCode?: string } | null | undefined)?.WarehouseCode;
        if (code !== warehouseCode) return false;
      }
      if (endpoint === 'salesOrders' || endpoint === 'purchaseOrders') {
        const status = item.OrderStatus as string;
        // Deleted sales orders are left out unless asked for (§3.4).
        if (statuses ? !statuses.includes(status) : endpoint === 'salesOrders' && status === 'Deleted')
          return false;
        const orderMs = parseDotNetDate(item.OrderDate as string)?.getTime() ?? 0;
        if (start !== null && orderMs < start) return false;
        if (end !== null && orderMs > end) return false;
      }
      return true;
    });
  }

  private createPurchaseOrder(guid: string, bodyText: string): SimResponse {
    if (this.data.purchaseOrders.some((o) => o.Guid === guid)) {
      return { status: 400, body: { Description: `A purchase order with Guid ${guid} already exists` } };
    }
    let body: Partial<UnleashedPurchaseOrder>;
    try {
      body = JSON.parse(bodyText) as Partial<UnleashedPurchaseOrder>;
    } catch {
      return { status: 400, body: { Description: 'The body is not JSON' } };
    }
    const supplier = this.data.suppliers.find((s) => s.SupplierCode === body.Supplier?.SupplierCode);
    if (!supplier)
      return { status: 400, body: { Description: `Unknown supplier ${body.Supplier?.SupplierCode}` } };
    const lines = body.PurchaseOrderLines ?? [];
    if (lines.length === 0) return { status: 400, body: { Description: 'A purchase order needs lines' } };
    for (const line of lines) {
      const product = this.data.products.find((p) => p.ProductCode === line.Product?.ProductCode);
      if (!product)
        return { status: 400, body: { Description: `Unknown product ${line.Product?.ProductCode}` } };
      line.Product = {
        Guid: product.Guid,
        ProductCode: product.ProductCode,
        ProductDescription: product.ProductDescription,
      };
    }
    const now = formatDotNetDate(new Date());
    const order: UnleashedPurchaseOrder = {
      ...(body as UnleashedPurchaseOrder),
      Guid: guid,
      OrderNumber: `PO-${String(++this.purchaseOrderSequence).padStart(8, '0')}`,
      OrderStatus: body.OrderStatus ?? 'Parked',
      OrderDate: body.OrderDate ?? now,
      Supplier: {
        Guid: supplier.Guid,
        SupplierCode: supplier.SupplierCode,
        SupplierName: supplier.SupplierName,
      },
      PurchaseOrderLines: lines,
      CreatedOn: now,
      LastModifiedOn: now,
    };
    this.data.purchaseOrders.push(order);
    return { status: 201, body: order };
  }
}

function parseFilterDate(value: string | null, name: string): number | null {
  if (value === null || value === '') return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : `${value.replace(/Z$/, '')}Z`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${name} is not a valid date`);
  return ms;
}

function modifiedMs(value: string | null | undefined): number {
  return parseDotNetDate(value ?? null)?.getTime() ?? 0;
}

/** Without a warehouse, one row per product: the sum over warehouses with empty warehouse fields (§3.4). */
function totals(rows: readonly UnleashedStockOnHand[]): UnleashedStockOnHand[] {
  const byProduct = new Map<string, UnleashedStockOnHand>();
  for (const row of rows) {
    const sum = byProduct.get(row.ProductGuid);
    if (!sum) {
      byProduct.set(row.ProductGuid, { ...row, WarehouseId: null, WarehouseCode: '', Warehouse: '' });
      continue;
    }
    sum.QtyOnHand += row.QtyOnHand;
    sum.AllocatedQty = (sum.AllocatedQty ?? 0) + (row.AllocatedQty ?? 0);
    sum.OnPurchase = (sum.OnPurchase ?? 0) + (row.OnPurchase ?? 0);
    if (modifiedMs(row.LastModifiedOn) > modifiedMs(sum.LastModifiedOn))
      sum.LastModifiedOn = row.LastModifiedOn;
  }
  return [...byProduct.values()];
}
