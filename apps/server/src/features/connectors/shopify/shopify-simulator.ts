import { createHmac } from 'node:crypto';
import {
  formatMinorAsDecimal,
  type OrderRecord,
  type ShopifyGqlOrder,
  type ShopifyGqlVariant,
  type ShopifyRestOrder,
} from '@sentia/domain';
import {
  decodeToken,
  encodeToken,
  SimBucket,
  type SimRequest,
  type SimResponse,
  SimulatorServer,
} from '../common/simulator-server';

/**
 * A local stand-in for Shopify's Admin GraphQL API, following integration-contracts.md §1: the
 * access-token header (401 when wrong, 403 when a scope is missing), Relay pagination with opaque
 * cursors (including nested line-item and inventory-level connections), search-syntax filters
 * (`updated_at:>=…`), calculated query costs with a restoring bucket (THROTTLED in a 200, or a 429
 * with Retry-After when configured), and webhooks signed with the app secret. Shops live under
 * `/shops/{domain}` so one server hosts several stores. Operations are recognised by name
 * (`query Orders(…)`): the simulator serves the queries our connector sends, it is not a GraphQL
 * engine.
 */
export interface SimShop {
  domain: string;
  name: string;
  currency: string;
  timeZone: string;
  /** By order id (the GID's tail). */
  orders: Map<string, SimShopOrder>;
  variants: ShopifyGqlVariant[];
  /** VAT charged on top of prices (the simulated stores show prices without tax). */
  taxRate: number;
}

export interface SimShopOrder {
  order: OrderRecord;
  updatedAt: string;
}

export interface ShopifySimulatorOptions {
  shops: SimShop[];
  /** Access token → its scopes. */
  accessTokens: Record<string, readonly string[]>;
  /** The GraphQL cost bucket per shop (Shopify Standard: 2000 points, 100/s). */
  bucket?: { maximumAvailable: number; restoreRate: number };
  /** How throttling is signalled: a 200 with THROTTLED (usual) or a 429 with Retry-After. */
  throttleStatus?: 200 | 429;
}

/** Shopify refuses any single query whose requested cost exceeds this. */
const MAX_QUERY_COST = 1000;
const ALL_SCOPES = ['read_orders', 'read_all_orders', 'read_products', 'read_inventory', 'read_locations'];
const OPERATION = /^\s*(?:query|mutation)\s+(\w+)/;

export class ShopifySimulator {
  readonly server: SimulatorServer;
  private readonly buckets = new Map<string, SimBucket>();
  /** THROTTLED answers given (tests check the client paces itself instead of hammering). */
  throttledAnswers = 0;

  constructor(private readonly options: ShopifySimulatorOptions) {
    this.server = new SimulatorServer((req) => this.handle(req));
  }

  static allScopes(): string[] {
    return [...ALL_SCOPES];
  }

  start(port?: number): Promise<string> {
    return this.server.start(port);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The base URL the connector uses instead of `https://{domain}`. */
  shopUrl(domain: string): string {
    return `${this.server.url}/shops/${domain}`;
  }

  shop(domain: string): SimShop {
    const shop = this.options.shops.find((s) => s.domain === domain);
    if (!shop) throw new Error(`no simulated shop ${domain}`);
    return shop;
  }

  /** Changes an order as a merchant would (a refund, a cancellation): its updatedAt moves on. */
  updateOrder(
    domain: string,
    id: string,
    change: (order: OrderRecord) => OrderRecord,
    updatedAt: string,
  ): void {
    const entry = this.shop(domain).orders.get(id);
    if (!entry) throw new Error(`no order ${id} in ${domain}`);
    entry.order = change(entry.order);
    entry.updatedAt = updatedAt;
  }

  addOrder(domain: string, order: OrderRecord, updatedAt: string): void {
    this.shop(domain).orders.set(order.externalId, { order, updatedAt });
  }

  /** The order as a webhook would carry it (REST JSON). */
  restOrder(domain: string, id: string): ShopifyRestOrder {
    const shop = this.shop(domain);
    const entry = shop.orders.get(id);
    if (!entry) throw new Error(`no order ${id} in ${domain}`);
    return renderRestOrder(entry, shop);
  }

  /**
   * Delivers a webhook as Shopify does: POST of the raw JSON, signed with base64 HMAC-SHA256 of the
   * body under the app secret, with the topic, shop and delivery id headers.
   */
  async sendWebhook(
    url: string,
    delivery: {
      topic: string;
      domain: string;
      body: string;
      secret: string;
      webhookId: string;
      triggeredAt?: string;
    },
  ): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': delivery.topic,
        'x-shopify-hmac-sha256': signShopifyWebhook(delivery.secret, delivery.body),
        'x-shopify-shop-domain': delivery.domain,
        'x-shopify-api-version': '2025-01',
        'x-shopify-webhook-id': delivery.webhookId,
        'x-shopify-event-id': delivery.webhookId,
        'x-shopify-triggered-at': delivery.triggeredAt ?? new Date().toISOString(),
      },
      body: delivery.body,
    });
  }

  /** Spends a shop's whole query budget (as another app on the store would). */
  drain(domain: string): void {
    const bucket = this.bucket(domain);
    bucket.take(bucket.available());
  }

  private bucket(domain: string): SimBucket {
    let bucket = this.buckets.get(domain);
    if (!bucket) {
      const spec = this.options.bucket ?? { maximumAvailable: 2000, restoreRate: 100 };
      bucket = new SimBucket(spec.maximumAvailable, spec.restoreRate);
      this.buckets.set(domain, bucket);
    }
    return bucket;
  }

  private handle(req: SimRequest): SimResponse {
    const match = /^\/shops\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/.exec(req.path);
    const shop = match && this.options.shops.find((s) => s.domain === match[1]);
    if (!match || !shop || !/^(\d{4}-\d{2}|unstable)$/.test(match[2]!)) {
      return { status: 404, body: { errors: 'Not Found' } };
    }
    const token = req.headers['x-shopify-access-token'];
    const scopes = typeof token === 'string' ? this.options.accessTokens[token] : undefined;
    if (!scopes) {
      return {
        status: 401,
        body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
      };
    }
    if (req.method !== 'POST') return { status: 405, body: { errors: 'GraphQL requests are POST' } };
    let body: { query?: string; variables?: Record<string, unknown> };
    try {
      body = JSON.parse(req.body);
    } catch {
      return { status: 400, body: { errors: 'Invalid JSON' } };
    }
    const operation = OPERATION.exec(body.query ?? '')?.[1];
    const vars = body.variables ?? {};
    const run = operation ? OPERATIONS[operation] : undefined;
    if (!run) return graphqlError(`Unknown operation ${operation ?? '(none)'}`, 'UNKNOWN_OPERATION');
    const missing = run.scopes.filter((s) => !scopes.includes(s));
    if (missing.length > 0) {
      return {
        status: 403,
        body: { errors: `This action requires merchant approval for ${missing[0]} scope.` },
      };
    }

    let requested: number;
    try {
      requested = run.cost(vars);
    } catch (error) {
      return graphqlError(error instanceof Error ? error.message : String(error), 'BAD_REQUEST');
    }
    if (requested > MAX_QUERY_COST) {
      return graphqlError(
        `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
        'MAX_COST_EXCEEDED',
      );
    }
    const bucket = this.bucket(shop.domain);
    const taken = bucket.take(requested);
    const throttleStatus = () => ({
      maximumAvailable: bucket.capacity,
      currentlyAvailable: Math.floor(bucket.available()),
      restoreRate: bucket.refillPerSecond,
    });
    if (!taken.ok) {
      this.throttledAnswers++;
      const cost = { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() };
      const throttled = {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: { cost },
      };
      return this.options.throttleStatus === 429
        ? { status: 429, headers: { 'retry-after': (taken.waitMs / 1000).toFixed(1) }, body: throttled }
        : { status: 200, body: throttled };
    }
    let result: { data?: unknown; error?: string; actual: number };
    try {
      result = run.execute(shop, vars);
    } catch (error) {
      return graphqlError(error instanceof Error ? error.message : String(error), 'BAD_REQUEST');
    }
    // Shopify charges the actual cost: the unused part of the requested cost is given back.
    bucket.take(result.actual - requested);
    if (result.error) return graphqlError(result.error, 'BAD_REQUEST');
    return {
      status: 200,
      body: {
        data: result.data,
        extensions: {
          cost: {
            requestedQueryCost: requested,
            actualQueryCost: result.actual,
            throttleStatus: throttleStatus(),
          },
        },
      },
    };
  }
}

export function signShopifyWebhook(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

function graphqlError(message: string, code: string): SimResponse {
  return { status: 200, body: { errors: [{ message, extensions: { code } }] } };
}

interface Operation {
  scopes: string[];
  cost(vars: Record<string, unknown>): number;
  execute(shop: SimShop, vars: Record<string, unknown>): { data?: unknown; error?: string; actual: number };
}

const first = (vars: Record<string, unknown>, name = 'first') => {
  const value = vars[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 250) {
    throw new Error(`${name} must be an integer between 1 and 250`);
  }
  return value;
};

const lineCost = (lines: number) => 2 + Math.ceil(lines / 10);

const OPERATIONS: Record<string, Operation> = {
  Shop: {
    scopes: [],
    cost: () => 1,
    execute: (shop) => ({
      actual: 1,
      data: {
        shop: {
          name: shop.name,
          currencyCode: shop.currency,
          ianaTimezone: shop.timeZone,
          myshopifyDomain: shop.domain,
        },
      },
    }),
  },
  OrdersCount: {
    scopes: ['read_orders'],
    cost: () => 1,
    execute: (shop, vars) => ({
      actual: 1,
      data: { ordersCount: { count: filterOrders(shop, vars.query).length, precision: 'EXACT' } },
    }),
  },
  Orders: {
    scopes: ['read_orders'],
    cost: (vars) => 2 + first(vars) * lineCost(first(vars, 'lineFirst')),
    execute: (shop, vars) => {
      const page = paginate(
        filterOrders(shop, vars.query),
        (o) => ({ u: o.updatedAt, id: o.order.externalId }),
        first(vars),
        vars.after,
        String(vars.query ?? ''),
      );
      if ('error' in page) return { error: page.error, actual: 1 };
      const lineFirst = first(vars, 'lineFirst');
      const nodes = page.items.map((o) => renderOrder(o, shop, lineFirst));
      const actual = 2 + nodes.reduce((sum, n) => sum + lineCost(n.lineItems.nodes.length), 0);
      return { actual, data: { orders: { pageInfo: page.pageInfo, nodes } } };
    },
  },
  Order: {
    scopes: ['read_orders'],
    cost: (vars) => 1 + lineCost(first(vars, 'lineFirst')),
    execute: (shop, vars) => {
      const entry = shop.orders.get(tail(String(vars.id)));
      return {
        actual: 3,
        data: { order: entry ? renderOrder(entry, shop, first(vars, 'lineFirst')) : null },
      };
    },
  },
  OrderLines: {
    scopes: ['read_orders'],
    cost: (vars) => 1 + lineCost(first(vars)),
    execute: (shop, vars) => {
      const entry = shop.orders.get(tail(String(vars.id)));
      if (!entry) return { actual: 1, data: { order: null } };
      const lines = renderOrder(entry, shop, 250).lineItems.nodes;
      const page = paginate(lines, (l) => ({ id: l.id }), first(vars), vars.after, `lines:${vars.id}`);
      if ('error' in page) return { error: page.error, actual: 1 };
      return {
        actual: lineCost(page.items.length),
        data: { order: { lineItems: { pageInfo: page.pageInfo, nodes: page.items } } },
      };
    },
  },
  Variants: {
    scopes: ['read_products', 'read_inventory'],
    cost: (vars) => 2 + first(vars) * (2 + first(vars, 'levelFirst')),
    execute: (shop, vars) => {
      const page = paginate(shop.variants, (v) => ({ id: v.id }), first(vars), vars.after, 'variants');
      if ('error' in page) return { error: page.error, actual: 1 };
      const levelFirst = first(vars, 'levelFirst');
      const nodes = page.items.map((v) => withLevels(v, levelFirst));
      return { actual: 2 + nodes.length * 3, data: { productVariants: { pageInfo: page.pageInfo, nodes } } };
    },
  },
  InventoryLevels: {
    scopes: ['read_inventory'],
    cost: (vars) => 1 + first(vars),
    execute: (shop, vars) => {
      const variant = shop.variants.find((v) => v.inventoryItem?.id === vars.id);
      if (!variant?.inventoryItem) return { actual: 1, data: { inventoryItem: null } };
      const levels = variant.inventoryItem.inventoryLevels.nodes;
      const page = paginate(
        levels,
        (l) => ({ id: l.location.id }),
        first(vars),
        vars.after,
        `levels:${vars.id}`,
      );
      if ('error' in page) return { error: page.error, actual: 1 };
      return {
        actual: 1 + page.items.length,
        data: { inventoryItem: { inventoryLevels: { pageInfo: page.pageInfo, nodes: page.items } } },
      };
    },
  },
};

function tail(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}

/** `updated_at:>=2024-01-01T00:00:00Z` (optionally quoted), as the connector filters. */
function filterOrders(shop: SimShop, query: unknown): SimShopOrder[] {
  const text = typeof query === 'string' ? query : '';
  const since = /updated_at:>=['"]?([^'"\s]+)['"]?/.exec(text)?.[1];
  const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
  if (Number.isNaN(sinceMs)) throw new Error(`Invalid date in query: ${since}`);
  return [...shop.orders.values()]
    .filter((o) => Date.parse(o.updatedAt) >= sinceMs)
    .sort((a, b) =>
      compareKeys({ u: a.updatedAt, id: a.order.externalId }, { u: b.updatedAt, id: b.order.externalId }),
    );
}

type Key = { u?: string; id: string };

function compareKeys(a: Key, b: Key): number {
  if (a.u !== undefined && b.u !== undefined && a.u !== b.u) return Date.parse(a.u) - Date.parse(b.u);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Cursor pagination: the cursor names the last item returned, bound to the query it came from. */
function paginate<T>(
  sorted: readonly T[],
  keyOf: (item: T) => Key,
  size: number,
  after: unknown,
  scope: string,
): { items: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | { error: string } {
  let start = 0;
  if (typeof after === 'string' && after !== '') {
    const cursor = decodeToken<{ k: Key; s: string }>(after);
    if (!cursor || cursor.s !== scope) return { error: 'Invalid cursor for this query' };
    // Lists sorted by their key (orders by updated_at) resume after the cursor's key, so an order
    // that changed meanwhile is read again later; others (line items, variants) after the item.
    const keyed = cursor.k.u !== undefined;
    start = keyed
      ? sorted.findIndex((item) => compareKeys(keyOf(item), cursor.k) > 0)
      : sorted.findIndex((item) => keyOf(item).id === cursor.k.id) + 1;
    if (start < 0 || (!keyed && start === 0)) start = keyed ? sorted.length : 0;
  }
  const items = sorted.slice(start, start + size);
  const last = items[items.length - 1];
  return {
    items,
    pageInfo: {
      hasNextPage: start + size < sorted.length,
      endCursor: last ? encodeToken({ k: keyOf(last), s: scope }) : null,
    },
  };
}

const money = (minor: number, currency: string) => ({
  shopMoney: { amount: formatMinorAsDecimal(minor, currency), currencyCode: currency },
});

function financialStatus(order: OrderRecord): string {
  if (order.status === 'cancelled') return 'VOIDED';
  if (order.status === 'refunded') return 'REFUNDED';
  if (order.status === 'pending') return 'PENDING';
  return (order.refunds?.length ?? 0) > 0 ? 'PARTIALLY_REFUNDED' : 'PAID';
}

function renderOrder(entry: SimShopOrder, shop: SimShop, lineFirst: number): ShopifyGqlOrder {
  const { order } = entry;
  const lines = order.lines.map((line) => ({
    id: `gid://shopify/LineItem/${line.lineKey}`,
    sku: line.sku,
    quantity: line.quantity,
    originalUnitPriceSet: money(line.unitPriceMinor, order.currency),
    totalDiscountSet: money(line.discountMinor ?? 0, order.currency),
    taxLines: [{ priceSet: money(Math.round(line.netAmountMinor * shop.taxRate), order.currency) }],
  }));
  return {
    id: `gid://shopify/Order/${order.externalId}`,
    name: `#${order.externalId}`,
    createdAt: order.orderedAt,
    updatedAt: entry.updatedAt,
    cancelledAt: order.status === 'cancelled' ? order.orderedAt : null,
    currencyCode: order.currency,
    taxesIncluded: false,
    displayFinancialStatus: financialStatus(order),
    displayFulfillmentStatus:
      order.status === 'shipped' || order.status === 'refunded' ? 'FULFILLED' : 'UNFULFILLED',
    lineItems: {
      pageInfo: {
        hasNextPage: lines.length > lineFirst,
        endCursor:
          lines.length > 0
            ? encodeToken({
                k: { id: lines[Math.min(lineFirst, lines.length) - 1]!.id },
                s: `lines:gid://shopify/Order/${order.externalId}`,
              })
            : null,
      },
      nodes: lines.slice(0, lineFirst),
    },
    refunds: (order.refunds ?? []).map((r) => ({
      id: `gid://shopify/Refund/${r.externalId}`,
      createdAt: r.refundedAt,
      note: r.reason ?? null,
      totalRefundedSet: money(r.amountMinor, order.currency),
    })),
  };
}

function withLevels(variant: ShopifyGqlVariant, levelFirst: number): ShopifyGqlVariant {
  if (!variant.inventoryItem) return variant;
  const levels = variant.inventoryItem.inventoryLevels.nodes;
  const shown = levels.slice(0, levelFirst);
  return {
    ...variant,
    inventoryItem: {
      ...variant.inventoryItem,
      inventoryLevels: {
        pageInfo: {
          hasNextPage: levels.length > levelFirst,
          endCursor:
            shown.length > 0
              ? encodeToken({
                  k: { id: shown[shown.length - 1]!.location.id },
                  s: `levels:${variant.inventoryItem.id}`,
                })
              : null,
        },
        nodes: shown,
      },
    },
  };
}

/** REST JSON as `orders/*` webhooks deliver it; numeric ids beside the GIDs, as Shopify sends. */
function renderRestOrder(entry: SimShopOrder, shop: SimShop): ShopifyRestOrder {
  const gql = renderOrder(entry, shop, 250);
  const numeric = (gid: string) => {
    const digits = tail(gid).replace(/\D/g, '');
    return digits === '' ? 0 : Number(digits.slice(-15));
  };
  return {
    id: numeric(gql.id),
    admin_graphql_api_id: gql.id,
    name: gql.name,
    created_at: gql.createdAt,
    updated_at: gql.updatedAt,
    cancelled_at: gql.cancelledAt,
    currency: gql.currencyCode,
    taxes_included: gql.taxesIncluded,
    financial_status: gql.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillment_status: gql.displayFulfillmentStatus === 'FULFILLED' ? 'fulfilled' : null,
    line_items: gql.lineItems.nodes.map((l) => ({
      id: numeric(l.id),
      admin_graphql_api_id: l.id,
      sku: l.sku,
      quantity: l.quantity,
      price: l.originalUnitPriceSet.shopMoney.amount,
      total_discount: l.totalDiscountSet.shopMoney.amount,
      tax_lines: l.taxLines.map((t) => ({ price: t.priceSet.shopMoney.amount })),
    })),
    refunds: gql.refunds.map((r) => ({
      id: numeric(r.id),
      admin_graphql_api_id: r.id,
      created_at: r.createdAt,
      note: r.note,
      transactions: [{ kind: 'refund', status: 'success', amount: r.totalRefundedSet.shopMoney.amount }],
    })),
  };
}
