import type { SandboxDataset } from '../../sync/connector-state';
import { buildUnleashedSandboxData } from './unleashed-sandbox-data';
import { SANDBOX_UNLEASHED_ACCOUNT } from './unleashed-settings';
import { UnleashedSimulator } from './unleashed-simulator';

/** Days of trade orders the sandbox account keeps (with the purchase orders and assemblies of that window). */
export const UNLEASHED_SANDBOX_WINDOW_DAYS = 35;

const running = new Map<string, Promise<UnleashedSimulator>>();

/**
 * The process's sandbox Unleashed: a simulator on a free local port serving the demo business's
 * account, started on first use and kept for the life of the process (one per demo data set).
 */
export function ensureUnleashedSandbox(dataset: SandboxDataset): Promise<UnleashedSimulator> {
  const key = `${dataset.seed}:${dataset.endDate}:${dataset.days}`;
  let simulator = running.get(key);
  if (!simulator) {
    simulator = (async () => {
      const sim = new UnleashedSimulator({
        accounts: { [SANDBOX_UNLEASHED_ACCOUNT.apiId]: SANDBOX_UNLEASHED_ACCOUNT.apiKey },
        data: await buildUnleashedSandboxData(dataset, UNLEASHED_SANDBOX_WINDOW_DAYS),
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
export async function stopUnleashedSandboxes(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (s) => (await s).stop()));
}
