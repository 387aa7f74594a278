import { type Database, queryRows } from '@sentia/db';
import type { AmazonInventorySummary, AmazonOrder, AmazonOrderItem } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { HttpStatusError } from '../../../platform/http-client/index';
import type { SyncOptions, SyncPage } from '../../sync/connector';
import { advancePass, latestInstant, parsePassCursor, startPass } from '../../sync/pass-cursor';
import type { AmazonMarketplaceSettings } from './amazon-settings';
import type { SpApiClient } from './sp-api';

/** Amazon's index lags a little behind LastUpdateDate: each pass starts a few minutes early. */
export const ORDERS_OVERLAP_MS = 5 * 60_000;
export const ORDERS_PAGE_SIZE = 100;

export interface MarketplaceClient {
  client: SpApiClient;
  marketplace: AmazonMarketplaceSettings;
}

/** What every payload of a marketplace carries, so a kept payload can be replayed on its own. */
export interface MarketplacePayloadContext extends AmazonMarketplaceSettings {
  region: string;
  source: string;
}

interface OrdersPayload {
  payload: { Orders: AmazonOrder[]; NextToken?: string };
}

/**
 * An Amazon run: per marketplace, its channel and FBA location, then orders updated since the last
 * pass (getOrders with LastUpdatedAfter and NextToken, then each order's items), then the FBA
 * inventory summaries (a snapshot). Orders whose LastUpdateDate equals the stored one are not
 * fetched again: their items are what we already have (getOrderItems is the slow call).
 */
export async function* amazonPages(
  marketplaces: readonly MarketplaceClient[],
  options: SyncOptions & { db: Database; source: string; initialSince: string; today: string },
): AsyncGenerator<SyncPage> {
  const steps = marketplaces.length * 2;
  let step = 0;
  for (const { client, marketplace } of marketplaces) {
    const context: MarketplacePayloadContext = {
      ...marketplace,
      region: client.region,
      source: options.source,
    };
    yield {
      scope: `marketplace:${marketplace.marketplaceId}`,
      entity: 'marketplace',
      payloads: [{ externalId: marketplace.marketplaceId, payload: { context } }],
    };
    for await (const page of orderPages(client, context, options)) {
      yield { ...page, progress: (step + (page.progress ?? 0)) / steps };
    }
    step++;
    for await (const page of inventoryPages(client, context, options)) {
      yield { ...page, progress: (step + (page.progress ?? 0)) / steps };
    }
    step++;
  }
}

async function* orderPages(
  client: SpApiClient,
  context: MarketplacePayloadContext,
  options: SyncOptions & { db: Database; initialSince: string },
): AsyncGenerator<SyncPage> {
  const scope = `orders:${context.region}:${context.marketplaceId}`;
  let pass = startPass(
    options.mode,
    parsePassCursor(options.cursors.get(scope)),
    options.initialSince,
    ORDERS_OVERLAP_MS,
  );
  const passStarted = new Date().toISOString();
  const since = pass.since ?? options.initialSince;
  let pages = 0;
  for (;;) {
    let body: OrdersPayload;
    try {
      body = await client.get<OrdersPayload>(
        'getOrders',
        '/orders/v0/orders',
        {
          MarketplaceIds: [context.marketplaceId],
          LastUpdatedAfter: since,
          MaxResultsPerPage: ORDERS_PAGE_SIZE,
          // Amazon keeps applying the filters with the token: they are sent again beside it.
          NextToken: pass.after ?? undefined,
        },
        options.signal,
      );
    } catch (error) {
      // A stored NextToken Amazon no longer accepts: read the pass again from its start.
      if (pass.after && error instanceof HttpStatusError && error.status === 400) {
        pass = { ...pass, after: null };
        continue;
      }
      throw error;
    }
    const orders = body.payload.Orders ?? [];
    const changed = await unchangedFilter(options.db, context.source, orders);
    const payloads = [];
    for (const order of changed) {
      const items = await orderItems(client, order.AmazonOrderId, options.signal);
      payloads.push({ externalId: order.AmazonOrderId, payload: { context, order, items } });
    }
    const next = body.payload.NextToken ?? null;
    pass = advancePass(pass, next, latestInstant(orders.map((o) => o.LastUpdateDate)));
    if (!next && pass.highWater && pass.highWater > passStarted) {
      // Results are not sorted by update time: an order changed while the pass ran may not be in
      // it, so the next pass starts no later than this one started.
      pass = { ...pass, highWater: passStarted };
    }
    pages++;
    yield {
      scope,
      entity: 'order',
      payloads,
      cursor: JSON.stringify(pass),
      progress: next ? pages / (pages + 1) : 1,
    };
    if (!next) return;
  }
}

async function orderItems(
  client: SpApiClient,
  orderId: string,
  signal: AbortSignal,
): Promise<AmazonOrderItem[]> {
  const items: AmazonOrderItem[] = [];
  let token: string | null = null;
  do {
    const body: { payload: { OrderItems: AmazonOrderItem[]; NextToken?: string | null } } = await client.get(
      'getOrderItems',
      `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`,
      { NextToken: token ?? undefined },
      signal,
    );
    items.push(...body.payload.OrderItems);
    token = body.payload.NextToken ?? null;
  } while (token);
  return items;
}

/** Orders whose stored version has the same LastUpdateDate have not changed: skip them. */
async function unchangedFilter(db: Database, source: string, orders: AmazonOrder[]): Promise<AmazonOrder[]> {
  if (orders.length === 0) return [];
  const rows = await queryRows<{ external_id: string; at: string | null }>(
    db,
    sql`select external_id, source_updated_at::text as at from orders
        where source = ${source} and external_id = any(${sql.param(orders.map((o) => o.AmazonOrderId))}::text[])`,
  );
  const stored = new Map(rows.map((r) => [r.external_id, r.at ? Date.parse(r.at) : null]));
  return orders.filter((o) => stored.get(o.AmazonOrderId) !== Date.parse(o.LastUpdateDate));
}

async function* inventoryPages(
  client: SpApiClient,
  context: MarketplacePayloadContext,
  options: SyncOptions & { today: string },
): AsyncGenerator<SyncPage> {
  const scope = `inventory:${context.region}:${context.marketplaceId}`;
  let token = parsePassCursor(options.cursors.get(scope))?.after ?? null;
  let pages = 0;
  for (;;) {
    let body: {
      pagination?: { nextToken?: string };
      payload: { inventorySummaries: AmazonInventorySummary[] };
    };
    try {
      body = await client.get(
        'getInventorySummaries',
        '/fba/inventory/v1/summaries',
        {
          granularityType: 'Marketplace',
          granularityId: context.marketplaceId,
          marketplaceIds: [context.marketplaceId],
          details: true,
          nextToken: token ?? undefined,
        },
        options.signal,
      );
    } catch (error) {
      // nextToken lives 30 seconds: one from an interrupted run has expired, so list again.
      if (token && error instanceof HttpStatusError && error.status === 400) {
        token = null;
        continue;
      }
      throw error;
    }
    const summaries = body.payload.inventorySummaries ?? [];
    token = body.pagination?.nextToken ?? null;
    pages++;
    yield {
      scope,
      entity: 'inventory',
      payloads: summaries.map((summary) => ({
        externalId: summary.sellerSku ?? summary.asin,
        payload: { context, asOf: options.today, summary },
      })),
      cursor: JSON.stringify({ pass: 'full', since: null, after: token, highWater: null }),
      progress: token ? pages / (pages + 1) : 1,
    };
    if (!token) return;
  }
}
