import { randomUUID } from 'node:crypto';
import { type Database, queryRows } from '@sentia/db';
import { buildDemoCatalogue } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import { upsertProducts, upsertSuppliers } from '../../ingest/index';
import type { ConnectorDefinition } from '../../sync/connector';
import { runSync } from '../../sync/run-sync';
import { loadDemoSandbox } from '../common/demo-sandbox';
import { TEST_DATASET } from '../shopify/shopify-test-kit';
import { amazonConnector, openAmazonSession } from './amazon-connector';
import { buildSandboxSellers } from './amazon-sandbox';
import type { AmazonSettings } from './amazon-settings';
import { AmazonSimulator, type AmazonSimulatorOptions } from './amazon-simulator';
import { clearLwaCache } from './lwa';

/** Test helpers: an SP-API/LWA simulator seeded from a short demo period, and the real connector aimed at it. */
export const TEST_APP = {
  clientId: 'amzn1.application-oa2-client.test',
  clientSecret: 'amzn1.oa2-cs.v1.test-secret',
};
export const TEST_REFRESH = { eu: 'Atzr|test-eu', na: 'Atzr|test-na' } as const;
export const UK_MARKETPLACE = 'A1F83G8C2ARO7P';

export const FAST_RATES = {
  getOrders: { rate: 50, burst: 50 },
  getOrderItems: { rate: 1000, burst: 200 },
  getInventorySummaries: { rate: 50, burst: 50 },
};

export async function startTestAmazon(
  options: Partial<AmazonSimulatorOptions> = {},
): Promise<AmazonSimulator> {
  clearLwaCache();
  const demo = await loadDemoSandbox(TEST_DATASET, 35);
  const simulator = new AmazonSimulator({
    ...TEST_APP,
    sellers: buildSandboxSellers(demo, TEST_REFRESH),
    rates: FAST_RATES,
    ...options,
  });
  await simulator.start();
  return simulator;
}

export function testSettings(
  simulator: AmazonSimulator,
  options: { clientSecret?: string; refreshToken?: string; marketplaces?: string[] } = {},
): AmazonSettings {
  const all = [
    {
      region: 'eu' as const,
      marketplaceId: UK_MARKETPLACE,
      channelCode: 'amazon-uk',
      locationCode: 'FBA-UK',
    },
    {
      region: 'eu' as const,
      marketplaceId: 'A1PA6795UKMFR9',
      channelCode: 'amazon-eu',
      locationCode: 'FBA-EU',
    },
    {
      region: 'na' as const,
      marketplaceId: 'ATVPDKIKX0DER',
      channelCode: 'amazon-us',
      locationCode: 'FBA-US',
    },
  ].filter((m) => !options.marketplaces || options.marketplaces.includes(m.marketplaceId));
  return {
    sandbox: null,
    source: 'amazon',
    clientId: TEST_APP.clientId,
    clientSecret: options.clientSecret ?? TEST_APP.clientSecret,
    tokenUrl: simulator.tokenUrl(),
    regions: (['eu', 'na'] as const)
      .map((region) => ({
        region,
        refreshToken: options.refreshToken ?? TEST_REFRESH[region],
        endpoint: simulator.regionUrl(region),
        marketplaces: all.filter((m) => m.region === region).map(({ region: _, ...m }) => m),
      }))
      .filter((r) => r.marketplaces.length > 0),
  };
}

export function amazonFor(settings: AmazonSettings): ConnectorDefinition {
  return {
    ...amazonConnector,
    configuration: async () => ({ state: 'configured', source: 'environment', detail: 'test seller' }),
    open: async (ctx) => openAmazonSession(ctx, settings, { initialSince: '2025-01-01T00:00:00Z' }),
  };
}

export function syncAmazon(
  ctx: AppContext,
  connector: ConnectorDefinition,
  mode: 'full' | 'incremental' = 'incremental',
  extra: Partial<Parameters<typeof runSync>[1]> = {},
) {
  return runSync(ctx, { connector, runId: randomUUID(), mode, trigger: 'manual', ...extra });
}

/** The catalogue Amazon orders refer to (Amazon's APIs used here carry no product master data). */
export async function seedCatalogue(db: Database): Promise<void> {
  const catalogue = buildDemoCatalogue({ endDate: TEST_DATASET.endDate, days: TEST_DATASET.days });
  await upsertSuppliers(db, catalogue.suppliers);
  await upsertProducts(db, catalogue.products);
}

export async function amazonOrders(db: Database) {
  return queryRows<{ external_id: string; channel: string; status: string; lines: number; net: string }>(
    db,
    sql`select o.external_id, c.code as channel, o.status,
               (select count(*)::int from order_lines l where l.order_id = o.id) as lines,
               (select coalesce(sum(l.net_amount_minor), 0)::text from order_lines l where l.order_id = o.id) as net
        from orders o join channels c on c.id = o.channel_id
        where o.source = 'amazon' order by o.external_id`,
  );
}
