import { type Database, schema } from '@sentia/db';
import { buildDemoCatalogue, type DemoWindow, demoWindow, generateDemoDays } from '@sentia/domain';
import { eq } from 'drizzle-orm';
import type { IngestResult } from '../ingest/index';
import {
  upsertBankAccounts,
  upsertChannels,
  upsertCustomers,
  upsertLocations,
  upsertProductionLines,
  upsertProducts,
  upsertSuppliers,
} from '../ingest/index';
import { DemoBatchWriter } from './demo-batch-writer';
import { markDemoLoaded } from './demo-settings';

/** The part of a pino logger the load needs. */
export interface DemoLoadLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface DemoLoadProgress {
  /** Days of the period generated and written so far. */
  daysDone: number;
  daysTotal: number;
  /** 0–100. */
  percent: number;
  recordsRead: number;
  recordsWritten: number;
  recordsRejected: number;
}

export interface LoadDemoDataOptions {
  db: Database;
  logger: DemoLoadLogger;
  /** Last day of the demo period (`YYYY-MM-DD`); today's UTC date when omitted. */
  endDate?: string;
  seed?: number;
  /** Length of the period in days; three years when omitted (tests use a shorter one). */
  days?: number;
  /** Rows per write batch (an order counts with its lines). */
  batchSize?: number;
  onProgress?: (progress: DemoLoadProgress) => void;
}

export interface LoadDemoDataResult {
  syncRunId: string;
  window: DemoWindow;
  /** Totals over every kind, and per kind (`orders`, `invoices`, …). */
  totals: IngestResult;
  byKind: Record<string, Omit<IngestResult, 'rejections'>>;
  durationMs: number;
}

const DEFAULT_BATCH_SIZE = 5_000;

/**
 * Loads the labelled demo data set (every record `source: 'demo'`): the catalogue first, then the
 * generated days streamed through the ingest functions in batches. Progress and counts go to a
 * `sync_runs` row (connector `demo`, kind `demo`); on success the `demo.loadedAt` setting records
 * the seed and period so start-up can skip a second load (`isDemoDataLoaded`). Running it again
 * with the same seed and end date writes the same rows and creates no duplicates.
 */
export async function loadDemoData(options: LoadDemoDataOptions): Promise<LoadDemoDataResult> {
  const { db, logger } = options;
  const started = performance.now();
  const endDate = options.endDate ?? new Date().toISOString().slice(0, 10);
  const generatorOptions = {
    endDate,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.days !== undefined ? { days: options.days } : {}),
  };
  const window = demoWindow(generatorOptions);
  const [run] = await db
    .insert(schema.syncRuns)
    .values({ connector: 'demo', kind: 'demo', status: 'running', progress: 0 })
    .returning({ id: schema.syncRuns.id });
  const syncRunId = run!.id;
  logger.info({ syncRunId, ...window }, 'loading demo data');

  const writer = new DemoBatchWriter(db, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let daysDone = 0;
  let lastLoggedDecile = 0;
  const report = async () => {
    const totals = writer.overall();
    const percent = Math.floor((100 * daysDone) / window.days);
    await db
      .update(schema.syncRuns)
      .set({
        progress: percent,
        recordsRead: totals.read,
        recordsWritten: totals.written,
        recordsRejected: totals.rejected,
      })
      .where(eq(schema.syncRuns.id, syncRunId));
    const progress = {
      daysDone,
      daysTotal: window.days,
      percent,
      recordsRead: totals.read,
      recordsWritten: totals.written,
      recordsRejected: totals.rejected,
    };
    options.onProgress?.(progress);
    if (Math.floor(percent / 10) > lastLoggedDecile) {
      lastLoggedDecile = Math.floor(percent / 10);
      logger.info(progress, 'demo data loading');
    }
  };

  try {
    await writeCatalogue(db, writer, generatorOptions);
    for (const day of generateDemoDays(generatorOptions)) {
      daysDone++;
      if (await writer.add(day)) await report();
    }
    await writer.flush();
    await report();

    const totals = writer.overall();
    if (totals.rejected > 0) {
      logger.warn(
        { rejected: totals.rejected, examples: totals.rejections.slice(0, 5) },
        'demo records rejected',
      );
    }
    await db
      .update(schema.syncRuns)
      .set({ status: 'succeeded', finishedAt: new Date(), progress: 100 })
      .where(eq(schema.syncRuns.id, syncRunId));
    await markDemoLoaded(db, {
      loadedAt: new Date().toISOString(),
      seed: window.seed,
      startDate: window.startDate,
      endDate: window.endDate,
      days: window.days,
      syncRunId,
      recordsWritten: totals.written,
    });
    const durationMs = Math.round(performance.now() - started);
    const byKind = Object.fromEntries(
      [...writer.totals].map(([kind, { rejections: _, ...counts }]) => [kind, counts]),
    );
    logger.info(
      { syncRunId, durationMs, read: totals.read, written: totals.written, byKind },
      'demo data loaded',
    );
    return { syncRunId, window, totals, byKind, durationMs };
  } catch (error) {
    await db
      .update(schema.syncRuns)
      .set({
        status: 'failed',
        finishedAt: new Date(),
        error: error instanceof Error ? error.message : String(error),
      })
      .where(eq(schema.syncRuns.id, syncRunId))
      .catch(() => {});
    throw error;
  }
}

/** Master data, in reference order: suppliers before the products that name them, and so on. */
async function writeCatalogue(
  db: Database,
  writer: DemoBatchWriter,
  options: Parameters<typeof buildDemoCatalogue>[0],
): Promise<void> {
  const catalogue = buildDemoCatalogue(options);
  writer.record('suppliers', await upsertSuppliers(db, catalogue.suppliers));
  writer.record('products', await upsertProducts(db, catalogue.products));
  writer.record('channels', await upsertChannels(db, catalogue.channels));
  writer.record('locations', await upsertLocations(db, catalogue.locations));
  writer.record('customers', await upsertCustomers(db, catalogue.customers));
  writer.record('productionLines', await upsertProductionLines(db, catalogue.productionLines));
  writer.record('bankAccounts', await upsertBankAccounts(db, catalogue.bankAccounts));
}
