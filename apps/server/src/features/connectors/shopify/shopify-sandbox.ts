import type { AppContext } from '../../../context';
import type { SandboxDataset } from '../../sync/connector-state';
import { loadDemoSandbox } from '../common/demo-sandbox';
import { buildSandboxShops } from './shopify-sandbox-data';
import { ShopifySimulator } from './shopify-simulator';

/** The token the sandbox simulator accepts (it serves only this process, on 127.0.0.1). */
export const SANDBOX_SHOPIFY_TOKEN = 'shpat_sandbox_local_simulator';
/** Days of demo orders the sandbox stores keep (a sandbox sync reads the last 30). */
export const SANDBOX_WINDOW_DAYS = 35;

const running = new Map<string, Promise<ShopifySimulator>>();

/**
 * The process's sandbox Shopify: a simulator on a free local port serving the demo's stores,
 * started on first use and kept for the life of the process (one per demo data set).
 */
export function ensureShopifySandbox(dataset: SandboxDataset): Promise<ShopifySimulator> {
  const key = `${dataset.seed}:${dataset.endDate}:${dataset.days}`;
  let simulator = running.get(key);
  if (!simulator) {
    simulator = (async () => {
      const demo = await loadDemoSandbox(dataset, SANDBOX_WINDOW_DAYS);
      const sim = new ShopifySimulator({
        shops: buildSandboxShops(demo),
        accessTokens: { [SANDBOX_SHOPIFY_TOKEN]: ShopifySimulator.allScopes() },
        // Shopify Plus limits: a sandbox sync is quick but still paced by the real client logic.
        bucket: { maximumAvailable: 10_000, restoreRate: 1_000 },
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
export async function stopShopifySandboxes(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (s) => (await s).stop()));
}

/**
 * Where a sandbox store is served: by the simulator at SHOPIFY_SANDBOX_URL when one is configured
 * (shared by every process; reliability drills inject faults into it), else by this process's own.
 */
export async function sandboxShopUrl(
  ctx: Pick<AppContext, 'config'>,
  dataset: SandboxDataset,
  domain: string,
): Promise<string> {
  const shared = ctx.config.SHOPIFY_SANDBOX_URL;
  if (shared) return `${shared.replace(/\/+$/, '')}/shops/${domain}`;
  return (await ensureShopifySandbox(dataset)).shopUrl(domain);
}
