import { randomUUID } from 'node:crypto';
import { connectPostgres, queryRows } from '@sentia/db';
import type { OrderRecord } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { loadDemoSandbox } from '../../../apps/server/src/features/connectors/common/demo-sandbox';
import type { SimRequest } from '../../../apps/server/src/features/connectors/common/simulator-server';
import {
  SANDBOX_SHOPIFY_TOKEN,
  SANDBOX_WINDOW_DAYS,
} from '../../../apps/server/src/features/connectors/shopify/shopify-sandbox';
import { buildSandboxShops } from '../../../apps/server/src/features/connectors/shopify/shopify-sandbox-data';
import { ShopifySimulator } from '../../../apps/server/src/features/connectors/shopify/shopify-simulator';
import { storedOrders } from '../../../apps/server/src/features/connectors/shopify/shopify-test-kit';
import { markDemoLoaded } from '../../../apps/server/src/features/demo/demo-settings';
import type { SandboxDataset } from '../../../apps/server/src/features/sync/connector-state';

/**
 * The Shopify the worker processes talk to in the connector drills: the sandbox simulator, run by
 * the test (the workers reach it through SHOPIFY_SANDBOX_URL, the sandbox connection's real
 * configuration), so the test can inject faults into it and read its ground truth.
 */
export const DATASET: SandboxDataset = { seed: 20_240_917, endDate: '2025-06-30', days: 10 };
export const STORES = {
  UK: 'sentia-uk-sandbox.myshopify.com',
  EU: 'sentia-eu-sandbox.myshopify.com',
  US: 'sentia-us-sandbox.myshopify.com',
} as const;

export async function startSandboxShopify(port: number): Promise<ShopifySimulator> {
  const demo = await loadDemoSandbox(DATASET, SANDBOX_WINDOW_DAYS);
  const simulator = new ShopifySimulator({
    shops: buildSandboxShops(demo),
    accessTokens: { [SANDBOX_SHOPIFY_TOKEN]: ShopifySimulator.allScopes() },
    // The in-process sandbox's limits.
    bucket: { maximumAvailable: 10_000, restoreRate: 1_000 },
  });
  await simulator.start(port);
  return simulator;
}

/** Records the demo load the sandbox reproduces (its data is what the simulator serves, not loaded here). */
export async function markSandboxDataset(databaseUrl: string): Promise<void> {
  const handle = connectPostgres({ url: databaseUrl, poolMax: 1 });
  try {
    await markDemoLoaded(handle.db, {
      loadedAt: new Date().toISOString(),
      seed: DATASET.seed,
      startDate: '2025-06-21',
      endDate: DATASET.endDate,
      days: DATASET.days,
      syncRunId: randomUUID(),
      recordsWritten: 0,
    });
  } finally {
    await handle.close();
  }
}

export const isOrdersQuery = (r: Pick<SimRequest, 'body'>) => r.body.includes('query Orders(');
export const storeOf = (r: Pick<SimRequest, 'path'>) => /^\/shops\/([^/]+)\//.exec(r.path)?.[1];
export const afterOf = (r: Pick<SimRequest, 'body'>) =>
  (JSON.parse(r.body) as { variables?: { after?: string | null } }).variables?.after ?? null;

/** What the database must hold once synced: every order the simulated stores serve, as they are now. */
export function groundTruth(simulator: ShopifySimulator) {
  return Object.values(STORES)
    .flatMap((domain) => [...simulator.shop(domain).orders.values()].map((e) => e.order))
    .map((o) => ({
      external_id: o.externalId,
      channel: o.channelCode,
      status: o.status,
      lines: o.lines.length,
      net: String(o.lines.reduce((sum, l) => sum + l.netAmountMinor, 0)),
      refunds: String((o.refunds ?? []).reduce((sum, r) => sum + r.amountMinor, 0)),
    }))
    .sort((a, b) => (a.external_id < b.external_id ? -1 : a.external_id > b.external_id ? 1 : 0));
}

/** Orders as stored (sandbox syncs write `source = 'demo'`), and whether any order or line is doubled. */
export async function storedState(databaseUrl: string) {
  const handle = connectPostgres({ url: databaseUrl, poolMax: 1 });
  try {
    const orders = (await storedOrders(handle.db, 'demo')).sort((a, b) =>
      a.external_id < b.external_id ? -1 : a.external_id > b.external_id ? 1 : 0,
    );
    const [dupes] = await queryRows<{ orders: number; lines: number }>(
      handle.db,
      sql`select (select count(*) - count(distinct (channel_id, external_id)) from orders)::int as orders,
                 (select count(*) - count(distinct (order_id, line_key)) from order_lines)::int as lines`,
    );
    return { orders, duplicates: dupes! };
  } finally {
    await handle.close();
  }
}

/** New orders placed in a store after the last sync: copies of its first order under new ids. */
export function placeOrders(
  simulator: ShopifySimulator,
  domain: string,
  count: number,
  tag: string,
  from: string,
): string[] {
  const template = [...simulator.shop(domain).orders.values()][0]!.order;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = new Date(Date.parse(from) + i * 1_000).toISOString();
    const order: OrderRecord = {
      ...template,
      externalId: `${template.externalId}-${tag}-${String(i).padStart(4, '0')}`,
      refunds: [],
    };
    simulator.addOrder(domain, order, at);
    ids.push(order.externalId);
  }
  return ids;
}

export const OUTAGE_STATUSES = [429, 503, 500, 502] as const;

/**
 * A bad spell at Shopify: the next orders request hangs past the client's timeout; once its retry
 * has been answered, every request gets a 429 (Retry-After: 1) or a 5xx, in turn, for `seconds`.
 */
export function injectOutage(simulator: ShopifySimulator, options: { timeoutMs: number; seconds: number }) {
  const state = { timedOut: false, retried: false, windowStart: undefined as number | undefined, faulted: 0 };
  simulator.server.inject(
    { kind: 'delay', ms: options.timeoutMs + 1_000 },
    {
      match: (r) => {
        if (!isOrdersQuery(r)) return false;
        state.timedOut = true;
        return true;
      },
    },
  );
  for (const status of OUTAGE_STATUSES) {
    simulator.server.inject(
      {
        kind: 'status',
        status,
        headers: status === 429 ? { 'retry-after': '1' } : {},
        body: { errors: status === 429 ? 'Exceeded 2 calls per second for api client.' : 'Internal error' },
      },
      {
        times: 1_000_000,
        match: () => {
          if (!state.timedOut) return false;
          if (!state.retried) {
            // The timed-out request's retry is answered; the window opens with the next request.
            state.retried = true;
            return false;
          }
          state.windowStart ??= Date.now();
          if (Date.now() - state.windowStart >= options.seconds * 1_000) return false;
          // Each status takes its turn.
          if (OUTAGE_STATUSES[state.faulted % OUTAGE_STATUSES.length] !== status) return false;
          state.faulted += 1;
          return true;
        },
      },
    );
  }
  return state;
}
