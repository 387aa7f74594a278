import { queryRows } from '@sentia/db';
import {
  type AmazonInventorySummary,
  type AmazonOrder,
  type AmazonOrderItem,
  amazonMarketplace,
  type ChannelRecord,
  type LocationRecord,
  normaliseAmazonInventory,
  normaliseAmazonOrder,
  type OrderRecord,
  type StockLevelRecord,
} from '@sentia/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import {
  type ConnectorDefinition,
  ConnectorNotConfiguredError,
  type ConnectorSession,
  type PageRecords,
} from '../../sync/connector';
import { connectorHttpClient } from '../common/http';
import { amazonPages, type MarketplaceClient, type MarketplacePayloadContext } from './amazon-pages';
import { ensureAmazonSandbox } from './amazon-sandbox';
import {
  AMAZON_CREDENTIAL_FIELDS,
  type AmazonSettings,
  amazonConfiguration,
  readAmazonSettings,
} from './amazon-settings';
import { LwaTokenProvider } from './lwa';
import { keepRecordedRefunds } from './merge-orders';
import { SpApiClient, type SpApiOperation, spApiThrottleVerdict } from './sp-api';

const DAY_MS = 86_400_000;
/** A first real sync imports two years of orders (SP-API keeps them); the sandbox the last 30 days. */
const INITIAL_HISTORY_DAYS = 730;
const SANDBOX_HISTORY_DAYS = 30;

/**
 * Amazon Selling Partner API: orders and their items (Orders v0) and FBA inventory (FBA Inventory
 * v1) for the UK, EU and US marketplaces, polled every 15 minutes (SP-API has no HTTP webhooks).
 */
export const amazonConnector: ConnectorDefinition = {
  name: 'amazon',
  label: 'Amazon Seller Central',
  description: 'Orders and FBA inventory from the Selling Partner API for the UK, EU and US marketplaces.',
  entities: ['orders', 'inventory'],
  schedule: { everyMs: 15 * 60_000, label: 'every 15 minutes' },
  credentialFields: AMAZON_CREDENTIAL_FIELDS,
  sandboxAvailable: true,
  configuration: amazonConfiguration,

  async open(ctx) {
    const settings = await readAmazonSettings(ctx);
    if ('missing' in settings) throw new ConnectorNotConfiguredError('amazon', settings.missing);
    if (!settings.sandbox) {
      return openAmazonSession(ctx, settings, {
        initialSince: new Date(Date.now() - INITIAL_HISTORY_DAYS * DAY_MS).toISOString(),
      });
    }
    const simulator = await ensureAmazonSandbox(settings.sandbox);
    return openAmazonSession(
      ctx,
      {
        ...settings,
        tokenUrl: simulator.tokenUrl(),
        regions: settings.regions.map((r) => ({ ...r, endpoint: simulator.regionUrl(r.region) })),
      },
      {
        initialSince: new Date(
          Date.parse(`${settings.sandbox.endDate}T00:00:00Z`) - SANDBOX_HISTORY_DAYS * DAY_MS,
        ).toISOString(),
      },
    );
  },

  toRecords: amazonRecords,
};

const OPERATION_PATHS: [RegExp, SpApiOperation][] = [
  [/\/orderItems$/, 'getOrderItems'],
  [/\/orders\/v0\/orders$/, 'getOrders'],
  [/\/fba\/inventory\/v1\/summaries$/, 'getInventorySummaries'],
];

/** A run against these regions (the sandbox and tests pass simulator URLs as endpoints). */
export function openAmazonSession(
  ctx: AppContext,
  settings: AmazonSettings,
  options: { initialSince: string; rateOverrides?: ConstructorParameters<typeof SpApiClient>[4] },
): ConnectorSession {
  const lwaHttp = connectorHttpClient(ctx, { name: 'amazon-lwa', timeoutMs: 15_000, limiter: undefined });
  const marketplaces: MarketplaceClient[] = settings.regions.flatMap((region) => {
    const lwa = new LwaTokenProvider(lwaHttp, settings.tokenUrl, {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      refreshToken: region.refreshToken,
    });
    let client: SpApiClient;
    const http = connectorHttpClient(ctx, {
      name: 'amazon',
      baseUrl: region.endpoint,
      timeoutMs: 30_000,
      // getOrders refills once a minute: a throttled call may need to wait that long.
      retry: { maxAttempts: 6, maxRetryAfterMs: 180_000 },
      headers: { 'user-agent': 'SentiaDashboard/1.0 (Language=TypeScript; Platform=Node/20)' },
      inspect: spApiThrottleVerdict((path) => {
        const operation = OPERATION_PATHS.find(([pattern]) => pattern.test(path))?.[1] ?? 'getOrders';
        return client.rate(operation).refillPerSecond;
      }),
    });
    client = new SpApiClient(http, lwa, region.region, region.refreshToken, options.rateOverrides);
    return region.marketplaces.map((marketplace) => ({ client, marketplace }));
  });
  return {
    source: settings.source,
    pages: (sync) =>
      amazonPages(marketplaces, {
        ...sync,
        db: ctx.db,
        source: settings.source,
        initialSince: options.initialSince,
        today: new Date().toISOString().slice(0, 10),
      }),
  };
}

export async function amazonRecords(
  ctx: AppContext,
  entity: string,
  payloads: readonly unknown[],
): Promise<PageRecords> {
  switch (entity) {
    case 'marketplace':
      return marketplaceRecords(ctx, payloads as { context: MarketplacePayloadContext }[]);
    case 'order': {
      const result: PageRecords & { records: { orders: OrderRecord[] } } = {
        records: { orders: [] },
        rejections: [],
        skipped: [],
      };
      for (const { context, order, items } of payloads as {
        context: MarketplacePayloadContext;
        order: AmazonOrder;
        items: AmazonOrderItem[];
      }[]) {
        const normalised = normaliseAmazonOrder(order, items, context);
        result.records.orders.push(...normalised.records);
        result.rejections.push(...normalised.rejections);
        result.skipped!.push(...normalised.skipped);
      }
      result.records.orders = await keepRecordedRefunds(ctx.db, result.records.orders);
      return result;
    }
    case 'inventory': {
      const stockLevels: StockLevelRecord[] = [];
      const rejections: PageRecords['rejections'] = [];
      for (const { context, asOf, summary } of payloads as {
        context: MarketplacePayloadContext;
        asOf: string;
        summary: AmazonInventorySummary;
      }[]) {
        const normalised = normaliseAmazonInventory([summary], context, asOf);
        stockLevels.push(...normalised.records);
        rejections.push(...normalised.rejections);
      }
      return { records: { stockLevels }, rejections };
    }
    default:
      return {
        records: {},
        rejections: payloads.map((_, i) => ({ key: `#${i}`, reason: `unknown entity ${entity}` })),
      };
  }
}

/** The marketplace's channel and FBA location, created when missing (existing ones are left as they are). */
async function marketplaceRecords(
  ctx: AppContext,
  payloads: { context: MarketplacePayloadContext }[],
): Promise<PageRecords> {
  const contexts = payloads.map((p) => p.context);
  const channels = await queryRows<{ code: string }>(
    ctx.db,
    sql`select code from channels where code = any(${sql.param(contexts.map((c) => c.channelCode))}::text[])`,
  );
  const locations = await queryRows<{ code: string }>(
    ctx.db,
    sql`select code from locations where code = any(${sql.param(contexts.map((c) => c.locationCode))}::text[])`,
  );
  const knownChannels = new Set(channels.map((c) => c.code));
  const knownLocations = new Set(locations.map((l) => l.code));
  const newChannels: ChannelRecord[] = [];
  const newLocations: LocationRecord[] = [];
  for (const c of contexts) {
    const marketplace = amazonMarketplace(c.marketplaceId)!;
    const regionCode = c.channelCode === 'amazon-uk' ? 'UK' : c.channelCode === 'amazon-us' ? 'US' : 'EU';
    if (!knownChannels.has(c.channelCode) && !newChannels.some((n) => n.code === c.channelCode)) {
      newChannels.push({
        source: c.source,
        code: c.channelCode,
        name: `Amazon ${regionCode}`,
        kind: 'amazon',
        regionCode,
        currency: marketplace.currency,
        // Amazon pays out every 14 days (PRODUCT.md); an admin can change it.
        settlementDays: 14,
      });
    }
    if (!knownLocations.has(c.locationCode) && !newLocations.some((n) => n.code === c.locationCode)) {
      newLocations.push({
        source: c.source,
        code: c.locationCode,
        name: `Amazon FBA ${regionCode}`,
        kind: 'fba',
        regionCode,
      });
    }
  }
  return { records: { channels: newChannels, locations: newLocations }, rejections: [] };
}
