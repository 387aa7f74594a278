import type { ShopifyGqlOrder, ShopifyGqlVariant, ShopifyPageInfo, ShopifyShop } from '@sentia/domain';
import { gidTail } from '@sentia/domain';
import type { SyncOptions, SyncPage } from '../../sync/connector';
import { advancePass, latestInstant, parsePassCursor, startPass } from '../../sync/pass-cursor';
import { type ShopifyGraphql, ShopifyGraphqlError } from './shopify-graphql';
import {
  INVENTORY_LEVELS_QUERY,
  ORDER_LINES_QUERY,
  ORDERS_COUNT_QUERY,
  ORDERS_QUERY,
  SHOP_QUERY,
  VARIANTS_QUERY,
} from './shopify-queries';
import type { ShopifyStoreSettings } from './shopify-settings';

export const ORDERS_PAGE_SIZE = 100;
export const LINES_PAGE_SIZE = 50;
/** Page sizes keep each query under Shopify's 1,000-point single-query limit (orders ≈ 702, variants ≈ 602). */
export const VARIANTS_PAGE_SIZE = 50;
export const LEVELS_PAGE_SIZE = 10;

export interface StoreClient {
  store: ShopifyStoreSettings;
  graphql: ShopifyGraphql;
}

/** What every payload of a store carries, so a kept payload can be replayed on its own. */
export interface StorePayloadContext {
  region: ShopifyStoreSettings['region'];
  domain: string;
  channelCode: string;
  currency: string;
  timeZone: string;
  source: string;
  shopName: string;
}

/**
 * A Shopify run: for each store, its shop record (channel), then every variant with its inventory
 * levels (a snapshot: inventory changes do not touch a variant's updated_at), then the orders
 * changed since the last pass (sorted by updated_at, cursor stored after each page).
 */
export async function* shopifyPages(
  clients: readonly StoreClient[],
  options: SyncOptions & { source: string; initialSince: string; today: string },
): AsyncGenerator<SyncPage> {
  const steps = clients.length * 2;
  let step = 0;
  for (const { store, graphql } of clients) {
    const { shop } = await graphql.query<{ shop: ShopifyShop }>(
      'Shop',
      SHOP_QUERY,
      {},
      { signal: options.signal },
    );
    const context: StorePayloadContext = {
      region: store.region,
      domain: store.domain,
      channelCode: store.channelCode,
      currency: shop.currencyCode,
      timeZone: shop.ianaTimezone,
      source: options.source,
      shopName: shop.name,
    };
    yield {
      scope: `shop:${store.domain}`,
      entity: 'shop',
      payloads: [{ externalId: store.domain, payload: { store: context, shop } }],
    };
    // Variants first: a SKU the catalogue lacks is created before the orders that name it arrive.
    for await (const page of variantPages(graphql, context, options)) {
      yield { ...page, progress: (step + (page.progress ?? 0)) / steps };
    }
    step++;
    for await (const page of orderPages(graphql, context, options)) {
      yield { ...page, progress: (step + (page.progress ?? 0)) / steps };
    }
    step++;
  }
}

async function* orderPages(
  graphql: ShopifyGraphql,
  store: StorePayloadContext,
  options: SyncOptions & { initialSince: string },
): AsyncGenerator<SyncPage> {
  const scope = `orders:${store.domain}`;
  let pass = startPass(options.mode, parsePassCursor(options.cursors.get(scope)), options.initialSince);
  const query = pass.since ? `updated_at:>='${pass.since}'` : '';
  const { ordersCount } = await graphql.query<{ ordersCount: { count: number } }>(
    'OrdersCount',
    ORDERS_COUNT_QUERY,
    { query },
    { signal: options.signal },
  );
  let done = 0;
  for (;;) {
    let page: { orders: { pageInfo: ShopifyPageInfo; nodes: ShopifyGqlOrder[] } };
    try {
      page = await graphql.query(
        'Orders',
        ORDERS_QUERY,
        { first: ORDERS_PAGE_SIZE, after: pass.after, query, lineFirst: LINES_PAGE_SIZE },
        { estimatedCost: 2 + ORDERS_PAGE_SIZE * 7, signal: options.signal },
      );
    } catch (error) {
      // A stored cursor Shopify no longer accepts: read the pass again from its start (upserts
      // make the repeat harmless), rather than skip what it would have returned.
      if (error instanceof ShopifyGraphqlError && pass.after) {
        pass = { ...pass, after: null };
        continue;
      }
      throw error;
    }
    const nodes = page.orders.nodes;
    for (const node of nodes) await completeLines(graphql, node, options.signal);
    const { hasNextPage, endCursor } = page.orders.pageInfo;
    pass = advancePass(pass, hasNextPage ? endCursor : null, latestInstant(nodes.map((n) => n.updatedAt)));
    done += nodes.length;
    yield {
      scope,
      entity: 'order',
      payloads: nodes.map((order) => ({ externalId: gidTail(order.id), payload: { store, order } })),
      cursor: JSON.stringify(pass),
      progress: ordersCount.count > 0 ? Math.min(1, done / ordersCount.count) : 1,
    };
    if (!hasNextPage) return;
  }
}

/** An order with more line items than the first page holds gets the rest before it is written. */
async function completeLines(graphql: ShopifyGraphql, order: ShopifyGqlOrder, signal: AbortSignal) {
  let info = order.lineItems.pageInfo;
  while (info?.hasNextPage) {
    const { order: more } = await graphql.query<{
      order: {
        lineItems: { pageInfo: ShopifyPageInfo; nodes: ShopifyGqlOrder['lineItems']['nodes'] };
      } | null;
    }>(
      'OrderLines',
      ORDER_LINES_QUERY,
      { id: order.id, first: LINES_PAGE_SIZE, after: info.endCursor },
      { signal },
    );
    if (!more) break;
    order.lineItems.nodes.push(...more.lineItems.nodes);
    info = more.lineItems.pageInfo;
  }
  order.lineItems.pageInfo = { hasNextPage: false, endCursor: null };
}

async function* variantPages(
  graphql: ShopifyGraphql,
  store: StorePayloadContext,
  options: SyncOptions & { today: string },
): AsyncGenerator<SyncPage> {
  const scope = `variants:${store.domain}`;
  // The catalogue and its stock are read whole each run; only an interrupted listing resumes.
  let after = parsePassCursor(options.cursors.get(scope))?.after ?? null;
  let pages = 0;
  for (;;) {
    let page: { productVariants: { pageInfo: ShopifyPageInfo; nodes: ShopifyGqlVariant[] } };
    try {
      page = await graphql.query(
        'Variants',
        VARIANTS_QUERY,
        { first: VARIANTS_PAGE_SIZE, after, levelFirst: LEVELS_PAGE_SIZE },
        { estimatedCost: 2 + VARIANTS_PAGE_SIZE * (2 + LEVELS_PAGE_SIZE), signal: options.signal },
      );
    } catch (error) {
      if (error instanceof ShopifyGraphqlError && after) {
        after = null;
        continue;
      }
      throw error;
    }
    const nodes = page.productVariants.nodes;
    for (const node of nodes) await completeLevels(graphql, node, options.signal);
    const { hasNextPage, endCursor } = page.productVariants.pageInfo;
    after = hasNextPage ? endCursor : null;
    pages++;
    yield {
      scope,
      entity: 'variant',
      payloads: nodes.map((variant) => ({
        externalId: gidTail(variant.id),
        payload: { store, asOf: options.today, variant },
      })),
      cursor: JSON.stringify({ pass: 'full', since: null, after, highWater: null }),
      progress: hasNextPage ? pages / (pages + 1) : 1,
    };
    if (!hasNextPage) return;
  }
}

async function completeLevels(graphql: ShopifyGraphql, variant: ShopifyGqlVariant, signal: AbortSignal) {
  const item = variant.inventoryItem;
  let info = item?.inventoryLevels.pageInfo;
  while (item && info?.hasNextPage) {
    const { inventoryItem } = await graphql.query<{
      inventoryItem: {
        inventoryLevels: { pageInfo: ShopifyPageInfo; nodes: typeof item.inventoryLevels.nodes };
      } | null;
    }>(
      'InventoryLevels',
      INVENTORY_LEVELS_QUERY,
      { id: item.id, first: LEVELS_PAGE_SIZE, after: info.endCursor },
      { signal },
    );
    if (!inventoryItem) break;
    item.inventoryLevels.nodes.push(...inventoryItem.inventoryLevels.nodes);
    info = inventoryItem.inventoryLevels.pageInfo;
  }
  if (item) item.inventoryLevels.pageInfo = { hasNextPage: false, endCursor: null };
}
