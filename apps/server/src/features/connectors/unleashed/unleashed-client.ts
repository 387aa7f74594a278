import { createHash } from 'node:crypto';
import {
  formatDotNetDate,
  formatMinorAsDecimal,
  type UnleashedList,
  type UnleashedPurchaseOrder,
} from '@sentia/domain';
import {
  backoffWithJitter,
  DEFAULT_RETRY_POLICY,
  type HttpClient,
  HttpClientError,
  HttpStatusError,
  type RequestLimit,
  sleep,
} from '../../../platform/http-client/index';
import {
  signUnleashedQuery,
  type UnleashedQuery,
  unleashedQueryText,
  unleashedQueryWire,
} from './unleashed-signature';

export const UNLEASHED_BASE_URL = 'https://api.unleashedsoftware.com';
/** Sent as `client-type` (lower case, no spaces, ~20 characters, as the contract asks). */
export const UNLEASHED_CLIENT_TYPE = 'sentia/dashboardsync';
/** Items per page: the contract's maximum is 1000; 200 (the default) keeps one page's transaction short. */
export const UNLEASHED_PAGE_SIZE = 200;

/**
 * Unleashed publishes no rate limit; the contract recommends 1–2 requests a second per account.
 * A short burst lets the first pages of a run go at once, then the run settles at 2/s.
 */
export const UNLEASHED_BUCKET = { capacity: 4, refillPerSecond: 2 };

export interface UnleashedCredentials {
  apiId: string;
  apiKey: string;
}

export interface UnleashedPage<T> {
  list: UnleashedList<T>;
  /** The service's clock (`Date` header) when it answered: where the next incremental pass starts. */
  serverTime: string | null;
}

/**
 * A client of the Unleashed API: every request signed (HMAC-SHA256 of the query string with the
 * API key), page numbers in the path, JSON both ways. Timeouts, retries (429/5xx/network, with
 * full-jitter backoff honouring Retry-After; never other 4xx such as the 403 of a bad signature)
 * and the per-account rate limit come from the shared HttpClient.
 */
export class UnleashedClient {
  private readonly limit: RequestLimit;

  constructor(
    private readonly http: HttpClient,
    private readonly credentials: UnleashedCredentials,
    bucket = UNLEASHED_BUCKET,
  ) {
    this.limit = { key: `unleashed:${credentials.apiId}`, bucket };
  }

  /** Page `page` (1-based) of a paged endpoint such as `Products` or `SalesOrders`. */
  async list<T>(
    endpoint: string,
    page: number,
    query: UnleashedQuery,
    options: { signal?: AbortSignal } = {},
  ): Promise<UnleashedPage<T>> {
    const response = await this.send('GET', `${endpoint}/${page}`, query, undefined, options.signal);
    const list = response.json<UnleashedList<T>>();
    if (!list || !Array.isArray(list.Items) || !list.Pagination) {
      throw new HttpClientError(
        `unleashed ${endpoint}: the answer is not a paged list`,
        'unleashed',
        endpoint,
        response.attempts,
      );
    }
    const date = response.headers.get('date');
    return {
      list,
      serverTime: date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : null,
    };
  }

  /** One purchase order by its Guid, or null when there is none. */
  async findPurchaseOrder(guid: string, signal?: AbortSignal): Promise<UnleashedPurchaseOrder | null> {
    const response = await this.send('GET', `PurchaseOrders/${guid}`, {}, undefined, signal, [404]);
    if (response.status === 404) return null;
    const body = response.json<UnleashedPurchaseOrder | UnleashedList<UnleashedPurchaseOrder>>();
    // Some endpoints wrap a single item in a list envelope.
    if ('Items' in body) return body.Items[0] ?? null;
    return body;
  }

  /**
   * Creates a purchase order, exactly once per `draft.reference`. Unleashed lets the client choose
   * the new order's Guid, so the Guid is derived from the reference: before each attempt the
   * client looks the Guid up and returns the order already there instead of posting a second one.
   * A POST whose answer was lost (timeout, connection reset, 5xx) is therefore retried safely,
   * and two callers racing with the same reference end with one order. `created` is false when
   * the order was already there (an earlier call, or an attempt whose answer was lost).
   */
  async createPurchaseOrder(
    draft: UnleashedPurchaseOrderDraft,
    options: { signal?: AbortSignal; maxAttempts?: number } = {},
  ): Promise<{ order: UnleashedPurchaseOrder; created: boolean }> {
    const guid = purchaseOrderGuid(draft.reference);
    const body = purchaseOrderBody(guid, draft);
    const attempts = options.maxAttempts ?? 3;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1)
        await sleep(backoffWithJitter(DEFAULT_RETRY_POLICY, attempt - 1, Math.random), options.signal);
      const existing = await this.findPurchaseOrder(guid, options.signal);
      if (existing) return { order: sameOrder(existing, draft), created: false };
      try {
        const response = await this.send('POST', `PurchaseOrders/${guid}`, {}, body, options.signal);
        return { order: response.json<UnleashedPurchaseOrder>(), created: true };
      } catch (error) {
        lastError = error;
        // A refused order (bad supplier, unknown product) will not be accepted on a second try;
        // a 4xx can also mean a racing caller created it first, which the next lookup finds.
        if (error instanceof HttpStatusError && error.status < 500 && error.status !== 429) {
          const raced = await this.findPurchaseOrder(guid, options.signal);
          if (raced) return { order: sameOrder(raced, draft), created: false };
          throw error;
        }
      }
    }
    throw lastError;
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    query: UnleashedQuery,
    body: object | undefined,
    signal: AbortSignal | undefined,
    acceptStatuses?: number[],
  ) {
    const text = unleashedQueryText(query);
    const wire = unleashedQueryWire(query);
    return this.http.request({
      method,
      url: wire ? `${path}?${wire}` : path,
      operation: `${method} ${path.split('/')[0]}`,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'api-auth-id': this.credentials.apiId,
        'api-auth-signature': signUnleashedQuery(this.credentials.apiKey, text),
        'client-type': UNLEASHED_CLIENT_TYPE,
      },
      ...(body ? { body } : {}),
      // The POST is not retried by the HTTP client: createPurchaseOrder retries it behind its lookup.
      idempotent: method === 'GET',
      limit: this.limit,
      ...(signal ? { signal } : {}),
      ...(acceptStatuses ? { acceptStatuses } : {}),
    });
  }
}

/** A purchase order to create in Unleashed (from approved purchase proposals). */
export interface UnleashedPurchaseOrderDraft {
  /** Stable for the order being placed (e.g. the proposal ids): the idempotency key. */
  reference: string;
  supplierCode: string;
  /** Delivery warehouse; Unleashed's default warehouse when absent. */
  warehouseCode?: string | null;
  currency: string;
  orderDate: string;
  requiredDate?: string | null;
  comments?: string;
  lines: { sku: string; quantity: number; unitCostMinor: number; dueDate?: string | null }[];
}

/** An order found under the derived Guid must be this draft's (our reference is its SupplierRef). */
function sameOrder(
  order: UnleashedPurchaseOrder,
  draft: UnleashedPurchaseOrderDraft,
): UnleashedPurchaseOrder {
  if (order.SupplierRef && order.SupplierRef !== draft.reference.slice(0, 100)) {
    throw new HttpClientError(
      `unleashed: purchase order ${order.OrderNumber} has this order's Guid but another reference (${order.SupplierRef})`,
      'unleashed',
      'POST PurchaseOrders',
      0,
    );
  }
  return order;
}

/** A name-based UUID (RFC 4122 version 5) of the reference, so the same order always has the same Guid. */
export function purchaseOrderGuid(reference: string): string {
  // Namespace: a fixed UUID of our own, so these Guids cannot collide with another system's v5 ids.
  const namespace = Buffer.from('6f1d0c9e4b2a4e5f9a7b3c2d1e0f4a5b', 'hex');
  const hash = createHash('sha1')
    .update(namespace)
    .update(`sentia-purchase-order:${reference}`, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The request body. The contract documents reading purchase orders only; the create shape follows
 * the read shape (Supplier/Warehouse/Currency by code, lines by ProductCode) [UNCONFIRMED], as a
 * parked order for a buyer to review and place in Unleashed. Amounts exclude tax (Unleashed adds
 * the supplier's tax rate).
 */
function purchaseOrderBody(guid: string, draft: UnleashedPurchaseOrderDraft) {
  const amount = (minor: number) => Number(formatMinorAsDecimal(minor, draft.currency));
  let subTotal = 0;
  const lines = draft.lines.map((line, i) => {
    const total = line.quantity * line.unitCostMinor;
    subTotal += total;
    return {
      LineNumber: i + 1,
      Product: { ProductCode: line.sku },
      OrderQuantity: line.quantity,
      UnitPrice: amount(line.unitCostMinor),
      LineTotal: amount(total),
      ...(line.dueDate ? { DueDate: formatDotNetDate(line.dueDate) } : {}),
    };
  });
  return {
    Guid: guid,
    OrderStatus: 'Parked',
    OrderDate: formatDotNetDate(draft.orderDate),
    ...(draft.requiredDate ? { RequiredDate: formatDotNetDate(draft.requiredDate) } : {}),
    Supplier: { SupplierCode: draft.supplierCode },
    ...(draft.warehouseCode ? { Warehouse: { WarehouseCode: draft.warehouseCode } } : {}),
    Currency: { CurrencyCode: draft.currency },
    SupplierRef: draft.reference.slice(0, 100),
    ...(draft.comments ? { Comments: draft.comments } : {}),
    SubTotal: amount(subTotal),
    TaxTotal: 0,
    Total: amount(subTotal),
    PurchaseOrderLines: lines,
  };
}
