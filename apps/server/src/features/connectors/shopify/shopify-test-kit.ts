import { randomUUID } from 'node:crypto';
import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import type { ConnectorDefinition } from '../../sync/connector';
import { runSync } from '../../sync/run-sync';
import { loadDemoSandbox } from '../common/demo-sandbox';
import { openShopifySession, shopifyConnector } from './shopify-connector';
import { buildSandboxShops, SANDBOX_SHOPS } from './shopify-sandbox-data';
import type { ShopifyStoreSettings } from './shopify-settings';
import { ShopifySimulator } from './shopify-simulator';

/**
 * Test helpers: a Shopify simulator seeded from a short demo period, and the real Shopify connector
 * aimed at it (only the stores' base URLs differ from production).
 */
export const TEST_TOKEN = 'shpat_test_token';
export const TEST_DATASET = { seed: 20_240_917, endDate: '2025-06-30', days: 10 };

export async function startTestShopify(
  options: Partial<ConstructorParameters<typeof ShopifySimulator>[0]> = {},
): Promise<ShopifySimulator> {
  const demo = await loadDemoSandbox(TEST_DATASET, 35);
  const simulator = new ShopifySimulator({
    shops: buildSandboxShops(demo),
    accessTokens: { [TEST_TOKEN]: ShopifySimulator.allScopes() },
    bucket: { maximumAvailable: 10_000, restoreRate: 1_000 },
    ...options,
  });
  await simulator.start();
  return simulator;
}

export function testStores(
  simulator: ShopifySimulator,
  options: { token?: string; regions?: string[] } = {},
): ShopifyStoreSettings[] {
  return SANDBOX_SHOPS.filter((s) => !options.regions || options.regions.includes(s.region)).map((s) => ({
    region: s.region,
    domain: s.domain,
    token: options.token ?? TEST_TOKEN,
    channelCode: s.channel,
    baseUrl: simulator.shopUrl(s.domain),
  }));
}

export function connectorFor(stores: ShopifyStoreSettings[], source = 'shopify'): ConnectorDefinition {
  return {
    ...shopifyConnector,
    configuration: async () => ({ state: 'configured', source: 'environment', detail: 'test stores' }),
    open: async (ctx) => openShopifySession(ctx, stores, { source, initialSince: '2025-01-01T00:00:00Z' }),
  };
}

export function sync(
  ctx: AppContext,
  connector: ConnectorDefinition,
  mode: 'full' | 'incremental' = 'incremental',
  extra: Partial<Parameters<typeof runSync>[1]> = {},
) {
  return runSync(ctx, { connector, runId: randomUUID(), mode, trigger: 'manual', ...extra });
}

/** Empties what syncs write, so one database serves a whole test file (creating one takes seconds). */
export async function resetSyncedData(db: Database): Promise<void> {
  await db.execute(
    sql`truncate order_lines, refunds, orders, stock_levels, price_lists, products, customers, channels,
        locations, raw_payloads, sync_cursors, sync_runs, connector_states, connector_credentials,
        webhook_receipts, job_runs restart identity cascade`,
  );
  await db.execute(sql`delete from settings where key like 'analytics.%'`);
}

/** Orders, lines and refunds as stored, for comparing runs: one row per order. */
export async function storedOrders(db: Database, source = 'shopify') {
  return queryRows<{
    external_id: string;
    channel: string;
    status: string;
    lines: number;
    net: string;
    refunds: string;
  }>(
    db,
    sql`select o.external_id, c.code as channel, o.status,
               (select count(*)::int from order_lines l where l.order_id = o.id) as lines,
               (select coalesce(sum(l.net_amount_minor), 0)::text from order_lines l where l.order_id = o.id) as net,
               (select coalesce(sum(r.amount_minor), 0)::text from refunds r where r.order_id = o.id) as refunds
        from orders o join channels c on c.id = o.channel_id
        where o.source = ${source} order by o.external_id`,
  );
}
