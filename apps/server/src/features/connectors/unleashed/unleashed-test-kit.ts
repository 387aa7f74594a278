import { randomUUID } from 'node:crypto';
import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import type { ConnectorDefinition } from '../../sync/connector';
import { runSync } from '../../sync/run-sync';
import { openUnleashedSession, type SessionOptions, unleashedConnector } from './unleashed-connector';
import { buildUnleashedSandboxData } from './unleashed-sandbox-data';
import { UnleashedSimulator } from './unleashed-simulator';

/**
 * Test helpers: an Unleashed simulator seeded from a short demo period, and the real Unleashed
 * connector aimed at it (only the base URL and the pacing differ from production).
 */
export const TEST_DATASET = { seed: 20_240_917, endDate: '2025-06-30', days: 70 };
export const TEST_ACCOUNT = {
  apiId: '0b0e5f4a-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
  apiKey: 'unleashed-test-api-key',
};
/** Small pages, so every listing of the test account spans several. */
export const TEST_PAGE_SIZE = 10;

export async function startTestUnleashed(
  options: Partial<ConstructorParameters<typeof UnleashedSimulator>[0]> = {},
): Promise<UnleashedSimulator> {
  const simulator = new UnleashedSimulator({
    accounts: { [TEST_ACCOUNT.apiId]: TEST_ACCOUNT.apiKey },
    data: await buildUnleashedSandboxData(TEST_DATASET, 35),
    ...options,
  });
  await simulator.start();
  return simulator;
}

export function connectorFor(
  simulator: UnleashedSimulator,
  options: SessionOptions & { apiKey?: string } = {},
): ConnectorDefinition {
  return {
    ...unleashedConnector,
    configuration: async () => ({ state: 'configured', source: 'environment', detail: 'test account' }),
    open: async (ctx) =>
      openUnleashedSession(
        ctx,
        {
          sandbox: null,
          source: 'unleashed',
          credentials: { apiId: TEST_ACCOUNT.apiId, apiKey: options.apiKey ?? TEST_ACCOUNT.apiKey },
          baseUrl: simulator.url,
          baseCurrency: 'GBP',
        },
        {
          bucket: { capacity: 100, refillPerSecond: 500 },
          pageSize: TEST_PAGE_SIZE,
          retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 },
          ...options,
        },
      ),
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

/** How many rows each kind has under a source. */
export async function storedCounts(db: Database, source = 'unleashed') {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select
      (select count(*)::int from locations where source = ${source}) as locations,
      (select count(*)::int from suppliers where source = ${source}) as suppliers,
      (select count(*)::int from products where source = ${source}) as products,
      (select count(*)::int from stock_levels where source = ${source}) as stock,
      (select count(*)::int from orders where source = ${source}) as orders,
      (select count(*)::int from purchase_orders where source = ${source}) as "purchaseOrders",
      (select count(*)::int from production_batches where source = ${source}) as batches`,
  );
  return row!;
}

/** What the simulator holds that a sync should bring in (parked sales orders are drafts, not sales). */
export function expectedCounts(simulator: UnleashedSimulator) {
  const skus = new Set(simulator.data.products.map((p) => p.ProductCode));
  return {
    locations: simulator.data.warehouses.length,
    suppliers: simulator.data.suppliers.length,
    products: skus.size,
    stock: simulator.data.stock.length,
    orders: simulator.data.salesOrders.filter((o) => o.OrderStatus !== 'Parked').length,
    purchaseOrders: simulator.data.purchaseOrders.length,
    batches: simulator.data.assemblies.length,
  };
}
