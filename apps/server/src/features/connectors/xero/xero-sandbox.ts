import type { AppContext } from '../../../context';
import type { SandboxDataset } from '../../sync/connector-state';
import { buildXeroSandboxTenant } from './xero-sandbox-data';
import { SANDBOX_XERO_APP, SANDBOX_XERO_TENANT, xeroSandboxWebhookKey } from './xero-settings';
import { XeroSimulator } from './xero-simulator';

/** Days of invoices the sandbox organisation keeps (with every invoice still open). */
export const XERO_SANDBOX_WINDOW_DAYS = 35;

const running = new Map<string, Promise<XeroSimulator>>();

/**
 * The process's sandbox Xero: a simulator on a free local port serving the demo business's
 * organisation (identity, accounting API and webhooks), started on first use and kept for the
 * life of the process (one per demo data set).
 */
export function ensureXeroSandbox(
  ctx: Pick<AppContext, 'config'>,
  dataset: SandboxDataset,
): Promise<XeroSimulator> {
  const key = `${dataset.seed}:${dataset.endDate}:${dataset.days}`;
  let simulator = running.get(key);
  if (!simulator) {
    simulator = (async () => {
      const sim = new XeroSimulator({
        ...SANDBOX_XERO_APP,
        webhookKey: xeroSandboxWebhookKey(ctx),
        tenants: [await buildXeroSandboxTenant(dataset, XERO_SANDBOX_WINDOW_DAYS, SANDBOX_XERO_TENANT)],
        // A generous quota: the sandbox is paced by the client's own limiter, not by 429s.
        limits: { minute: 10_000, day: 1_000_000 },
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
export async function stopXeroSandboxes(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (s) => (await s).stop()));
}
