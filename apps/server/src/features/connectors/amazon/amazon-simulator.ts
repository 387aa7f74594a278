import { randomUUID } from 'node:crypto';
import {
  type AmazonInventorySummary,
  type AmazonOrder,
  type AmazonOrderItem,
  amazonMarketplace,
  formatMinorAsDecimal,
  type OrderRecord,
  parseDecimalToMinor,
  type StockLevelRecord,
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
 * A local stand-in for Login with Amazon and the SP-API (integration-contracts.md §2): the LWA
 * refresh-token exchange (`invalid_client` / `invalid_grant` when wrong), access tokens that expire
 * (an expired one gets 401, a missing or unknown one 403 `Unauthorized`), getOrders with its
 * required filters and NextToken (filters must be sent again with it), getOrderItems with its own
 * NextToken, FBA inventory summaries whose nextToken expires after 30 s, a token bucket per
 * operation answering 429 `QuotaExceeded` without Retry-After, and `x-amzn-RateLimit-Limit` /
 * `x-amzn-RequestId` headers. Regions live under `/regions/{na|eu|fe}`.
 */
export interface SimSeller {
  refreshToken: string;
  region: 'na' | 'eu' | 'fe';
  marketplaces: SimMarketplace[];
}

export interface SimMarketplace {
  marketplaceId: string;
  /** By AmazonOrderId. */
  orders: Map<string, SimAmazonOrder>;
  inventory: StockLevelRecord[];
  inventoryUpdatedAt: string;
}

export interface SimAmazonOrder {
  order: OrderRecord;
  updatedAt: string;
}

export interface AmazonSimulatorOptions {
  clientId: string;
  clientSecret: string;
  sellers: SimSeller[];
  /** Access-token lifetime (Amazon: 3600 s). */
  tokenLifetimeSeconds?: number;
  rates?: Partial<
    Record<'getOrders' | 'getOrderItems' | 'getInventorySummaries', { rate: number; burst: number }>
  >;
  ordersPageSize?: number;
  itemsPageSize?: number;
  inventoryPageSize?: number;
  inventoryTokenTtlMs?: number;
  /** VAT the marketplaces' prices include (tax-exclusive marketplaces add it on top). */
  taxRate?: number;
}

const DEFAULT_RATES = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getInventorySummaries: { rate: 2, burst: 2 },
};

export class AmazonSimulator {
  readonly server: SimulatorServer;
  /** Access tokens issued: token → when it expires (epoch ms) and whose it is. */
  private readonly tokens = new Map<string, { expiresAt: number; seller: SimSeller }>();
  private readonly buckets = new Map<string, SimBucket>();
  /** LWA exchanges answered (tests check tokens are cached). */
  tokenExchanges = 0;

  constructor(readonly options: AmazonSimulatorOptions) {
    this.server = new SimulatorServer((req) => this.handle(req));
  }

  start(port?: number): Promise<string> {
    return this.server.start(port);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  regionUrl(region: string): string {
    return `${this.server.url}/regions/${region}`;
  }

  tokenUrl(): string {
    return `${this.server.url}/auth/o2/token`;
  }

  marketplace(marketplaceId: string): SimMarketplace {
    for (const seller of this.options.sellers) {
      const found = seller.marketplaces.find((m) => m.marketplaceId === marketplaceId);
      if (found) return found;
    }
    throw new Error(`no simulated marketplace ${marketplaceId}`);
  }

  /** Makes every access token issued so far expire now (as an hour passing would). */
  expireTokens(): void {
    for (const entry of this.tokens.values()) entry.expiresAt = Date.now() - 1;
  }

  private handle(req: SimRequest): SimResponse {
    if (req.path === '/auth/o2/token' && req.method === 'POST') return this.exchange(req);
    const match = /^\/regions\/(na|eu|fe)(\/.*)$/.exec(req.path);
    if (!match) return notFound();
    const [, region, path] = match as unknown as [string, string, string];
    const requestId = randomUUID();
    const token = req.headers['x-amz-access-token'];
    if (typeof token !== 'string' || token === '') {
      return spError(
        403,
        'Unauthorized',
        'Access to requested resource is denied.',
        requestId,
        'Access token is missing in the request header.',
      );
    }
    const issued = this.tokens.get(token);
    if (!issued || issued.seller.region !== region) {
      return spError(
        403,
        'Unauthorized',
        'Access to requested resource is denied.',
        requestId,
        'The access token is invalid.',
      );
    }
    if (issued.expiresAt <= Date.now()) {
      return spError(
        401,
        'Unauthorized',
        'Access to requested resource is denied.',
        requestId,
        'The access token you provided has expired.',
      );
    }
    const seller = issued.seller;
    let operation: keyof typeof DEFAULT_RATES;
    let run: () => SimResponse;
    const items = /^\/orders\/v0\/orders\/([^/]+)\/orderItems$/.exec(path);
    if (path === '/orders/v0/orders') {
      operation = 'getOrders';
      run = () => this.getOrders(seller, req, requestId);
    } else if (items) {
      operation = 'getOrderItems';
      run = () => this.getOrderItems(seller, decodeURIComponent(items[1]!), req, requestId);
    } else if (path === '/fba/inventory/v1/summaries') {
      operation = 'getInventorySummaries';
      run = () => this.getInventory(seller, req, requestId);
    } else {
      return notFound();
    }
    const spec = this.options.rates?.[operation] ?? DEFAULT_RATES[operation];
    const key = `${seller.refreshToken}:${operation}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new SimBucket(spec.burst, spec.rate);
      this.buckets.set(key, bucket);
    }
    if (!bucket.take(1).ok) {
      return spError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.', requestId);
    }
    const response = run();
    return {
      ...response,
      headers: {
        'x-amzn-requestid': requestId,
        ...(response.status < 500 && response.status !== 401 && response.status !== 403
          ? { 'x-amzn-ratelimit-limit': String(spec.rate) }
          : {}),
        ...response.headers,
      },
    };
  }

  private exchange(req: SimRequest): SimResponse {
    const form = new URLSearchParams(req.body);
    if (
      form.get('client_id') !== this.options.clientId ||
      form.get('client_secret') !== this.options.clientSecret
    ) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    }
    if (form.get('grant_type') !== 'refresh_token') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'Only refresh_token' },
      };
    }
    const seller = this.options.sellers.find((s) => s.refreshToken === form.get('refresh_token'));
    if (!seller) {
      return {
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description: 'The request has an invalid grant parameter : refresh_token',
        },
      };
    }
    this.tokenExchanges++;
    const lifetime = this.options.tokenLifetimeSeconds ?? 3600;
    const token = `Atza|sim-${randomUUID()}`;
    this.tokens.set(token, { expiresAt: Date.now() + lifetime * 1000, seller });
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: {
        access_token: token,
        token_type: 'bearer',
        expires_in: lifetime,
        refresh_token: seller.refreshToken,
      },
    };
  }

  private getOrders(seller: SimSeller, req: SimRequest, requestId: string): SimResponse {
    const q = req.query;
    const marketplaceIds = (q.get('MarketplaceIds') ?? '').split(',').filter(Boolean);
    if (marketplaceIds.length === 0)
      return spError(400, 'InvalidInput', 'Missing required parameter: MarketplaceIds', requestId);
    const created = q.get('CreatedAfter');
    const updated = q.get('LastUpdatedAfter');
    if (!created && !updated) {
      return spError(
        400,
        'InvalidInput',
        'Either CreatedAfter or LastUpdatedAfter must be specified',
        requestId,
      );
    }
    if (created && updated) {
      return spError(
        400,
        'InvalidInput',
        'CreatedAfter and LastUpdatedAfter cannot both be specified',
        requestId,
      );
    }
    const since = Date.parse((updated ?? created)!);
    if (Number.isNaN(since)) return spError(400, 'InvalidInput', 'Invalid date', requestId);
    const size = Number(q.get('MaxResultsPerPage') ?? this.options.ordersPageSize ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      return spError(400, 'InvalidInput', 'MaxResultsPerPage must be between 1 and 100', requestId);
    }
    const filters = `${marketplaceIds.join(',')}|${created ?? ''}|${updated ?? ''}`;
    let offset = 0;
    const next = q.get('NextToken');
    if (next) {
      const token = decodeToken<{ o: number; f: string }>(next);
      if (!token || token.f !== filters)
        return spError(400, 'InvalidInput', 'Invalid NextToken (send the same filters with it)', requestId);
      offset = token.o;
    }
    const all: SimAmazonOrder[] = [];
    for (const marketplace of seller.marketplaces) {
      if (!marketplaceIds.includes(marketplace.marketplaceId)) continue;
      for (const entry of marketplace.orders.values()) {
        const at = Date.parse(updated ? entry.updatedAt : entry.order.orderedAt);
        if (at >= since) all.push(entry);
      }
    }
    all.sort(
      (a, b) =>
        Date.parse(a.updatedAt) - Date.parse(b.updatedAt) ||
        (a.order.externalId < b.order.externalId ? -1 : 1),
    );
    const page = all.slice(offset, offset + Math.min(size, this.options.ordersPageSize ?? size));
    const more = offset + page.length < all.length;
    return {
      status: 200,
      body: {
        payload: {
          Orders: page.map((o) => this.renderOrder(o)),
          ...(more ? { NextToken: encodeToken({ o: offset + page.length, f: filters }) } : {}),
          LastUpdatedBefore: new Date().toISOString(),
        },
      },
    };
  }

  private findOrder(seller: SimSeller, id: string) {
    for (const marketplace of seller.marketplaces) {
      const entry = marketplace.orders.get(id);
      if (entry) return { entry, marketplace };
    }
    return undefined;
  }

  private getOrderItems(seller: SimSeller, id: string, req: SimRequest, requestId: string): SimResponse {
    const found = this.findOrder(seller, id);
    if (!found) return spError(404, 'NotFound', `Order ${id} not found`, requestId);
    const items = this.renderItems(found.entry.order, found.marketplace.marketplaceId);
    const size = this.options.itemsPageSize ?? 100;
    let offset = 0;
    const next = req.query.get('NextToken');
    if (next) {
      const token = decodeToken<{ o: number; id: string }>(next);
      if (!token || token.id !== id) return spError(400, 'InvalidInput', 'Invalid NextToken', requestId);
      offset = token.o;
    }
    const page = items.slice(offset, offset + size);
    const more = offset + page.length < items.length;
    return {
      status: 200,
      body: {
        payload: {
          AmazonOrderId: id,
          OrderItems: page,
          NextToken: more ? encodeToken({ o: offset + page.length, id }) : null,
        },
      },
    };
  }

  private getInventory(seller: SimSeller, req: SimRequest, requestId: string): SimResponse {
    const q = req.query;
    if (q.get('granularityType') !== 'Marketplace') {
      return spError(400, 'InvalidInput', 'granularityType must be Marketplace', requestId);
    }
    const marketplaceIds = (q.get('marketplaceIds') ?? '').split(',').filter(Boolean);
    if (marketplaceIds.length !== 1 || q.get('granularityId') !== marketplaceIds[0]) {
      return spError(400, 'InvalidInput', 'marketplaceIds must hold exactly the granularityId', requestId);
    }
    const marketplace = seller.marketplaces.find((m) => m.marketplaceId === marketplaceIds[0]);
    if (!marketplace) return spError(400, 'InvalidInput', 'Unknown marketplace for this seller', requestId);
    let offset = 0;
    const next = q.get('nextToken');
    if (next) {
      const token = decodeToken<{ o: number; m: string; exp: number }>(next);
      if (!token || token.m !== marketplace.marketplaceId)
        return spError(400, 'InvalidInput', 'Invalid nextToken', requestId);
      if (token.exp < Date.now()) return spError(400, 'InvalidInput', 'The nextToken has expired', requestId);
      offset = token.o;
    }
    const details = q.get('details') === 'true';
    const all = marketplace.inventory.map((s) => renderSummary(s, marketplace.inventoryUpdatedAt, details));
    const size = this.options.inventoryPageSize ?? 50;
    const page = all.slice(offset, offset + size);
    const more = offset + page.length < all.length;
    return {
      status: 200,
      body: {
        ...(more
          ? {
              pagination: {
                nextToken: encodeToken({
                  o: offset + page.length,
                  m: marketplace.marketplaceId,
                  exp: Date.now() + (this.options.inventoryTokenTtlMs ?? 30_000),
                }),
              },
            }
          : {}),
        payload: {
          granularity: { granularityType: 'Marketplace', granularityId: marketplace.marketplaceId },
          inventorySummaries: page,
        },
      },
    };
  }

  private renderOrder(entry: SimAmazonOrder): AmazonOrder {
    const { order } = entry;
    const marketplaceId = [...this.options.sellers.flatMap((s) => s.marketplaces)].find(
      (m) => m.orders.get(order.externalId) === entry,
    )!.marketplaceId;
    const inclusive = amazonMarketplace(marketplaceId)?.taxInclusive ?? false;
    const items = this.renderItems(order, marketplaceId);
    const total = items.reduce(
      (sum, i) =>
        sum + toMinor(i.ItemPrice) + (inclusive ? 0 : toMinor(i.ItemTax)) - toMinor(i.PromotionDiscount),
      0,
    );
    return {
      AmazonOrderId: order.externalId,
      PurchaseDate: order.orderedAt,
      LastUpdateDate: entry.updatedAt,
      OrderStatus: {
        shipped: 'Shipped',
        refunded: 'Shipped',
        paid: 'Unshipped',
        cancelled: 'Canceled',
        pending: 'Pending',
      }[order.status],
      FulfillmentChannel: 'AFN',
      MarketplaceId: marketplaceId,
      ...(order.status === 'pending'
        ? {}
        : {
            OrderTotal: { CurrencyCode: order.currency, Amount: formatMinorAsDecimal(total, order.currency) },
          }),
    };
  }

  /** Line totals as Amazon reports them: tax inside ItemPrice in tax-inclusive marketplaces, else beside it. */
  private renderItems(order: OrderRecord, marketplaceId: string): AmazonOrderItem[] {
    const inclusive = amazonMarketplace(marketplaceId)?.taxInclusive ?? false;
    const rate = this.options.taxRate ?? 0.2;
    const money = (minor: number) => ({
      CurrencyCode: order.currency,
      Amount: formatMinorAsDecimal(minor, order.currency),
    });
    return order.lines.map((line) => {
      const gross = line.quantity * line.unitPriceMinor;
      const discount = line.discountMinor ?? 0;
      const tax = Math.round(gross * rate);
      const discountTax = Math.round(discount * rate);
      return {
        ASIN: `B0${line.sku
          .replace(/[^A-Z0-9]/gi, '')
          .slice(0, 8)
          .toUpperCase()
          .padEnd(8, 'X')}`,
        OrderItemId: line.lineKey,
        SellerSKU: line.sku,
        QuantityOrdered: line.quantity,
        ...(order.status === 'pending'
          ? {}
          : {
              ItemPrice: money(inclusive ? gross + tax : gross),
              ItemTax: money(tax),
              PromotionDiscount: money(inclusive ? discount + discountTax : discount),
              PromotionDiscountTax: money(discountTax),
            }),
      };
    });
  }
}

function toMinor(money: { Amount: string; CurrencyCode: string } | undefined): number {
  return money ? parseDecimalToMinor(money.Amount, money.CurrencyCode) : 0;
}

function renderSummary(stock: StockLevelRecord, updatedAt: string, details: boolean): AmazonInventorySummary {
  const allocated = stock.allocated ?? 0;
  const inbound = stock.inbound ?? 0;
  return {
    asin: `B0${stock.sku
      .replace(/[^A-Z0-9]/gi, '')
      .slice(0, 8)
      .toUpperCase()
      .padEnd(8, 'X')}`,
    fnSku: `X00${stock.sku
      .replace(/[^A-Z0-9]/gi, '')
      .slice(0, 7)
      .toUpperCase()
      .padEnd(7, 'X')}`,
    sellerSku: stock.sku,
    lastUpdatedTime: updatedAt,
    totalQuantity: stock.onHand + inbound,
    ...(details
      ? {
          inventoryDetails: {
            fulfillableQuantity: stock.onHand - allocated,
            inboundWorkingQuantity: 0,
            inboundShippedQuantity: inbound,
            inboundReceivingQuantity: 0,
            reservedQuantity: { totalReservedQuantity: allocated },
            researchingQuantity: { totalResearchingQuantity: 0 },
            unfulfillableQuantity: { totalUnfulfillableQuantity: 0 },
          },
        }
      : {}),
  };
}

function spError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  details?: string,
): SimResponse {
  return {
    status,
    headers: {
      'x-amzn-requestid': requestId,
      ...(status === 403 ? { 'x-amzn-errortype': 'AccessDeniedException' } : {}),
    },
    body: { errors: [{ code, message, ...(details ? { details } : {}) }] },
  };
}

function notFound(): SimResponse {
  return { status: 404, body: { errors: [{ code: 'NotFound', message: 'Resource not found' }] } };
}
