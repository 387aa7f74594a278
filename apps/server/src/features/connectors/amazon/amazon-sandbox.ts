import type { SandboxDataset } from '../../sync/connector-state';
import { type DemoSandbox, loadDemoSandbox } from '../common/demo-sandbox';
import { AmazonSimulator, type SimSeller } from './amazon-simulator';

/** The demo's Amazon marketplaces: UK and Germany (Pan-EU) on the EU endpoint, the US on NA. */
export const SANDBOX_MARKETPLACES = [
  { region: 'eu', marketplaceId: 'A1F83G8C2ARO7P', channel: 'amazon-uk', location: 'FBA-UK' },
  { region: 'eu', marketplaceId: 'A1PA6795UKMFR9', channel: 'amazon-eu', location: 'FBA-EU' },
  { region: 'na', marketplaceId: 'ATVPDKIKX0DER', channel: 'amazon-us', location: 'FBA-US' },
] as const;

export const SANDBOX_AMAZON_APP = {
  clientId: 'amzn1.application-oa2-client.sandbox',
  clientSecret: 'amzn1.oa2-cs.v1.sandbox-local-simulator',
  refreshTokens: { eu: 'Atzr|sandbox-eu', na: 'Atzr|sandbox-na' },
} as const;

const WINDOW_DAYS = 35;

/** Sellers seeded from the demo: each marketplace's orders are the demo orders of its channel. */
export function buildSandboxSellers(
  demo: DemoSandbox,
  refreshTokens: Record<'eu' | 'na', string>,
): SimSeller[] {
  return (['eu', 'na'] as const).map((region) => ({
    refreshToken: refreshTokens[region],
    region,
    marketplaces: SANDBOX_MARKETPLACES.filter((m) => m.region === region).map((m) => ({
      marketplaceId: m.marketplaceId,
      orders: new Map((demo.ordersByChannel.get(m.channel) ?? []).map((o) => [o.order.externalId, { ...o }])),
      inventory: demo.finalStock.get(m.location) ?? [],
      inventoryUpdatedAt: `${demo.to}T23:59:59Z`,
    })),
  }));
}

const running = new Map<string, Promise<AmazonSimulator>>();

/** The process's sandbox SP-API (and LWA), started on first use, one per demo data set. */
export function ensureAmazonSandbox(dataset: SandboxDataset): Promise<AmazonSimulator> {
  const key = `${dataset.seed}:${dataset.endDate}:${dataset.days}`;
  let simulator = running.get(key);
  if (!simulator) {
    simulator = (async () => {
      const demo = await loadDemoSandbox(dataset, WINDOW_DAYS);
      const sim = new AmazonSimulator({
        clientId: SANDBOX_AMAZON_APP.clientId,
        clientSecret: SANDBOX_AMAZON_APP.clientSecret,
        sellers: buildSandboxSellers(demo, SANDBOX_AMAZON_APP.refreshTokens),
        // A seller on a generous usage plan, so the sandbox's thousands of item calls take seconds.
        rates: {
          getOrders: { rate: 5, burst: 20 },
          getOrderItems: { rate: 400, burst: 100 },
          getInventorySummaries: { rate: 10, burst: 10 },
        },
      });
      await sim.start();
      return sim;
    })();
    simulator.catch(() => running.delete(key));
    running.set(key, simulator);
  }
  return simulator;
}

/** Stops every sandbox simulator of this process (tests, shutdown). */
export async function stopAmazonSandboxes(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (s) => (await s).stop()));
}
