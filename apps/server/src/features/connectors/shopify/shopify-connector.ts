import {
  normaliseShopifyOrders,
  normaliseShopifyRestOrders,
  type ShopifyGqlOrder,
  type ShopifyRestOrder,
  type ShopifyShop,
} from '@sentia/domain';
import type { AppContext } from '../../../context';
import {
  type ConnectorDefinition,
  ConnectorNotConfiguredError,
  type ConnectorSession,
  type PageRecords,
} from '../../sync/connector';
import { connectorHttpClient, connectorLimiter } from '../common/http';
import { channelRecords, type VariantPayload, variantRecords } from './merge-catalogue';
import { ShopifyGraphql, shopifyThrottleVerdict } from './shopify-graphql';
import { type StoreClient, type StorePayloadContext, shopifyPages } from './shopify-pages';
import { SHOPIFY_API_VERSION } from './shopify-queries';
import { SANDBOX_SHOPIFY_TOKEN, sandboxShopUrl } from './shopify-sandbox';
import {
  INITIAL_HISTORY_DAYS,
  readShopifySettings,
  SHOPIFY_CREDENTIAL_FIELDS,
  type ShopifyStoreSettings,
  shopifyConfiguration,
} from './shopify-settings';

/** Days of orders a sandbox sync reads (the simulator keeps a few more). */
const SANDBOX_HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Shopify (Admin GraphQL API): orders with lines and refunds, variants → SKUs and prices, and stock
 * per location, for up to three stores (UK, EU, US). Webhooks (/api/webhooks/shopify) bring orders
 * in as they change; this scheduled catch-up every 15 minutes picks up anything a webhook missed.
 */
export const shopifyConnector: ConnectorDefinition = {
  name: 'shopify',
  label: 'Shopify',
  description:
    'Orders with lines and refunds, products and prices, and stock per location from your Shopify stores.',
  entities: ['orders', 'refunds', 'products', 'inventory'],
  schedule: { everyMs: 15 * 60_000, label: 'every 15 minutes (catch-up beside webhooks)' },
  credentialFields: SHOPIFY_CREDENTIAL_FIELDS,
  sandboxAvailable: true,
  configuration: shopifyConfiguration,

  async open(ctx) {
    const settings = await readShopifySettings(ctx);
    if (settings.stores.length === 0) {
      throw new ConnectorNotConfiguredError('shopify', (await shopifyConfiguration(ctx)).detail);
    }
    let stores = settings.stores;
    let initialSince = new Date(Date.now() - INITIAL_HISTORY_DAYS * DAY_MS).toISOString();
    if (settings.sandbox) {
      const dataset = settings.sandbox;
      stores = await Promise.all(
        stores.map(async (s) => ({
          ...s,
          token: SANDBOX_SHOPIFY_TOKEN,
          baseUrl: await sandboxShopUrl(ctx, dataset, s.domain),
        })),
      );
      initialSince = new Date(
        Date.parse(`${settings.sandbox.endDate}T00:00:00Z`) - SANDBOX_HISTORY_DAYS * DAY_MS,
      ).toISOString();
    }
    return openShopifySession(ctx, stores, { source: settings.source, initialSince });
  },

  toRecords: shopifyRecords,
};

/** A run over these stores (the sandbox and tests pass simulator URLs as the stores' base URLs). */
export function openShopifySession(
  ctx: AppContext,
  stores: readonly ShopifyStoreSettings[],
  options: { source: string; initialSince: string },
): ConnectorSession {
  const clients: StoreClient[] = stores.map((store) => ({ store, graphql: shopifyGraphql(ctx, store) }));
  return {
    source: options.source,
    pages: (sync) =>
      shopifyPages(clients, {
        ...sync,
        source: options.source,
        initialSince: options.initialSince,
        today: new Date().toISOString().slice(0, 10),
      }),
  };
}

export function shopifyGraphql(ctx: AppContext, store: ShopifyStoreSettings): ShopifyGraphql {
  const http = connectorHttpClient(ctx, {
    name: 'shopify',
    baseUrl: `${store.baseUrl}/admin/api/${SHOPIFY_API_VERSION}/`,
    timeoutMs: 30_000,
    headers: {
      'x-shopify-access-token': store.token,
      'user-agent': 'SentiaDashboard/1.0 (Language=TypeScript; Platform=Node/20)',
    },
    inspect: shopifyThrottleVerdict,
  });
  return new ShopifyGraphql(http, connectorLimiter(ctx), `shopify:${store.domain}:graphql`);
}

export async function shopifyRecords(
  ctx: AppContext,
  entity: string,
  payloads: readonly unknown[],
): Promise<PageRecords> {
  switch (entity) {
    case 'shop': {
      const shops = payloads as { store: StorePayloadContext; shop: ShopifyShop }[];
      const channels = await channelRecords(
        ctx.db,
        shops.map(({ store }) => ({ ...store, channelCode: store.channelCode, shopName: store.shopName })),
      );
      return { records: { channels }, rejections: [] };
    }
    case 'order':
    case 'order-rest': {
      const byStore = groupByStore(payloads as { store: StorePayloadContext; order: unknown }[]);
      const result: PageRecords = { records: { orders: [] }, rejections: [] };
      for (const [store, orders] of byStore) {
        const normalised =
          entity === 'order'
            ? normaliseShopifyOrders(orders as ShopifyGqlOrder[], store)
            : normaliseShopifyRestOrders(orders as ShopifyRestOrder[], store);
        result.records.orders!.push(...normalised.records);
        result.rejections.push(...normalised.rejections);
      }
      return result;
    }
    case 'variant': {
      const { products, locations, stockLevels, rejections } = await variantRecords(
        ctx.db,
        payloads as VariantPayload[],
      );
      return { records: { products, locations, stockLevels }, rejections };
    }
    default:
      return {
        records: {},
        rejections: payloads.map((_, i) => ({ key: `#${i}`, reason: `unknown entity ${entity}` })),
      };
  }
}

function groupByStore<T extends { store: StorePayloadContext; order: unknown }>(payloads: readonly T[]) {
  const groups = new Map<string, { store: StorePayloadContext; orders: unknown[] }>();
  for (const p of payloads) {
    const group = groups.get(p.store.domain) ?? { store: p.store, orders: [] };
    group.orders.push(p.order);
    groups.set(p.store.domain, group);
  }
  return [...groups.values()].map((g) => [g.store, g.orders] as const);
}
