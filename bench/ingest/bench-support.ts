import { type Database, queryRows } from '@sentia/db';
import { buildDemoCatalogue } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import {
  upsertChannels,
  upsertCustomers,
  upsertLocations,
  upsertProducts,
  upsertSuppliers,
} from '../../apps/server/src/features/ingest/index';

/** The demo catalogue (the channels and SKUs the orders name); returns the ids COPY rows need. */
export async function seedCatalogue(db: Database) {
  const catalogue = buildDemoCatalogue({ endDate: '2025-12-31', days: 30 });
  await upsertSuppliers(db, catalogue.suppliers);
  await upsertProducts(db, catalogue.products);
  await upsertChannels(db, catalogue.channels);
  await upsertLocations(db, catalogue.locations);
  await upsertCustomers(db, catalogue.customers);
  const channels = await queryRows<{ id: number; code: string }>(db, sql`select id, code from channels`);
  const products = await queryRows<{ id: number; sku: string }>(db, sql`select id, sku from products`);
  return {
    channel: new Map(channels.map((c) => [c.code, Number(c.id)])),
    product: new Map(products.map((p) => [p.sku, Number(p.id)])),
  };
}

/** Resident memory sampled every 100 ms per phase, and at each tenth of the import's progress. */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private phase = '';
  private readonly peaks = new Map<string, number>();
  private readonly atPercent: { percent: number; mb: number; liveHeapMb: number | null }[] = [];

  start(phase: string): void {
    this.stop();
    this.phase = phase;
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  stop(): void {
    if (this.timer) this.sample();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Records RSS when progress crosses the next tenth and, when the process runs with --expose-gc
   * (npm run bench:ingest does), the live heap after a full collection: what the import really
   * holds, as opposed to garbage V8 has not collected yet.
   */
  mark(percent: number): void {
    const tenth = Math.floor(percent / 10) * 10;
    if (this.atPercent.length > 0 && this.atPercent.at(-1)!.percent >= tenth) return;
    const rss = mb(process.memoryUsage().rss);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    this.atPercent.push({
      percent: tenth,
      mb: rss,
      liveHeapMb: gc ? mb(process.memoryUsage().heapUsed) : null,
    });
  }

  report() {
    return {
      upload: { peakMb: this.peaks.get('upload') ?? 0 },
      import: { peakMb: this.peaks.get('import') ?? 0, atPercent: this.atPercent },
      processPeakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  }

  private sample(): void {
    const rss = mb(process.memoryUsage().rss);
    this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, rss));
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}
