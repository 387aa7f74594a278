import {
  buildDemoCatalogue,
  DEMO_CHANNELS,
  DEMO_LOCATIONS,
  type DemoCatalogue,
  generateDemoDays,
  type OrderRecord,
  type StockLevelRecord,
} from '@sentia/domain';
import type { SandboxDataset } from '../../sync/connector-state';

/**
 * The demo business as the simulators serve it. Sandbox connections replay the demo data set
 * through the real connector path, so the simulators are seeded from the same generator, seed and
 * period as the demo that was loaded: every order they serve has the id of an order already in the
 * database under `source = 'demo'`, and a sandbox sync (which writes `source = 'demo'` too) updates
 * those rows in place instead of adding a second copy. Revenue is never counted twice, and every
 * figure stays labelled as demo data.
 */
export interface DemoSandbox {
  dataset: SandboxDataset;
  /** First and last day of the orders kept (the last `windowDays` of the period). */
  from: string;
  to: string;
  catalogue: DemoCatalogue;
  /** Orders of the window by channel code, each with the time it last changed (refunds change it). */
  ordersByChannel: Map<string, SandboxOrder[]>;
  /** Stock at the end of the period, by location code. */
  finalStock: Map<string, StockLevelRecord[]>;
}

export interface SandboxOrder {
  order: OrderRecord;
  updatedAt: string;
}

const cache = new Map<string, Promise<DemoSandbox>>();

/**
 * Generates (once per process and data set) the part of the demo the simulators serve. The
 * generator must run from the first day to reproduce the last ones; it yields to the event loop
 * every few simulated weeks so a web server in the same process keeps answering.
 */
export function loadDemoSandbox(dataset: SandboxDataset, windowDays: number): Promise<DemoSandbox> {
  const key = `${dataset.seed}:${dataset.endDate}:${dataset.days}:${windowDays}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = generate(dataset, windowDays);
    loading.catch(() => cache.delete(key));
    cache.set(key, loading);
  }
  return loading;
}

async function generate(dataset: SandboxDataset, windowDays: number): Promise<DemoSandbox> {
  const options = { seed: dataset.seed, endDate: dataset.endDate, days: dataset.days };
  const to = dataset.endDate;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (windowDays - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const fromInstant = `${from}T00:00:00.000Z`;
  const retail = new Set(DEMO_CHANNELS.filter((c) => c.kind !== 'wholesale').map((c) => c.code));
  const ordersByChannel = new Map<string, SandboxOrder[]>();
  let lastStock: StockLevelRecord[] = [];
  let n = 0;
  for (const day of generateDemoDays(options)) {
    if (++n % 30 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (day.stockLevels.length > 0) lastStock = day.stockLevels;
    for (const order of day.orders) {
      if (!retail.has(order.channelCode)) continue;
      const updatedAt = lastChange(order);
      if (updatedAt < fromInstant && order.orderDate < from) continue;
      const list = ordersByChannel.get(order.channelCode) ?? [];
      list.push({ order, updatedAt });
      ordersByChannel.set(order.channelCode, list);
    }
  }
  const finalStock = new Map<string, StockLevelRecord[]>();
  for (const location of DEMO_LOCATIONS) {
    finalStock.set(
      location.code,
      lastStock.filter((s) => s.locationCode === location.code),
    );
  }
  return { dataset, from, to, catalogue: buildDemoCatalogue(options), ordersByChannel, finalStock };
}

/** When the order last changed: placed, then refunded (the demo's records are in their final state). */
function lastChange(order: OrderRecord): string {
  let latest = new Date(order.orderedAt).toISOString();
  for (const refund of order.refunds ?? []) {
    const at = new Date(refund.refundedAt).toISOString();
    if (at > latest) latest = at;
  }
  return latest;
}

/** The demo channel's fulfilment location (its stock sits there). */
export function demoChannel(code: string) {
  const channel = DEMO_CHANNELS.find((c) => c.code === code);
  if (!channel) throw new Error(`no demo channel ${code}`);
  const location = DEMO_LOCATIONS.find((l) => l.code === channel.fulfilFrom)!;
  return { channel, location };
}

/** The price of a SKU in a currency on a date, from the demo catalogue's price list. */
export function demoPriceOn(catalogue: DemoCatalogue, sku: string, currency: string, date: string) {
  const product = catalogue.products.find((p) => p.sku === sku);
  const entries = (product?.prices ?? [])
    .filter((p) => p.currency === currency && p.validFrom <= date)
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return entries[0];
}
