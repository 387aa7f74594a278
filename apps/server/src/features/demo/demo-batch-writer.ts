import type { Database } from '@sentia/db';
import type { DemoDay } from '@sentia/domain';
import {
  addIngestResult,
  emptyIngestResult,
  type IngestResult,
  upsertBankBalances,
  upsertFxRates,
  upsertInvoices,
  upsertOrders,
  upsertPayments,
  upsertProductionBatches,
  upsertPurchaseOrders,
  upsertStockLevels,
} from '../ingest/index';

type DayKind = Exclude<keyof DemoDay, 'date' | 'lostSalesUnits'>;

/**
 * The order records are written in: referenced before referencing (invoices before the payments
 * that name them), so a flush never meets a key a later kind in the same flush would create.
 */
const WRITE_ORDER: readonly {
  kind: DayKind;
  write: (db: Database, records: never[]) => Promise<IngestResult>;
}[] = [
  { kind: 'fxRates', write: upsertFxRates },
  { kind: 'orders', write: upsertOrders },
  { kind: 'stockLevels', write: upsertStockLevels },
  { kind: 'productionBatches', write: upsertProductionBatches },
  { kind: 'purchaseOrders', write: upsertPurchaseOrders },
  { kind: 'invoices', write: upsertInvoices },
  { kind: 'payments', write: upsertPayments },
  { kind: 'bankBalances', write: upsertBankBalances },
];

/**
 * Collects the generator's days into batches of about `batchSize` rows (an order counts with its
 * lines) and writes them through the ingest functions, keeping the totals per kind.
 */
export class DemoBatchWriter {
  readonly totals = new Map<string, IngestResult>();
  private readonly buffers = new Map<DayKind, unknown[]>(WRITE_ORDER.map((w) => [w.kind, []]));
  private bufferedRows = 0;

  constructor(
    private readonly db: Database,
    private readonly batchSize: number,
  ) {}

  /** Buffers a day; returns true when the buffer was flushed to the database. */
  async add(day: DemoDay): Promise<boolean> {
    for (const { kind } of WRITE_ORDER) {
      const records = day[kind] as unknown[];
      if (records.length === 0) continue;
      this.buffers.get(kind)!.push(...records);
      this.bufferedRows +=
        kind === 'orders' ? day.orders.reduce((n, o) => n + 1 + o.lines.length, 0) : records.length;
    }
    if (this.bufferedRows < this.batchSize) return false;
    await this.flush();
    return true;
  }

  async flush(): Promise<void> {
    for (const { kind, write } of WRITE_ORDER) {
      const records = this.buffers.get(kind)!;
      if (records.length === 0) continue;
      this.buffers.set(kind, []);
      this.record(kind, await write(this.db, records as never[]));
    }
    this.bufferedRows = 0;
  }

  record(kind: string, result: IngestResult): void {
    const total = this.totals.get(kind) ?? emptyIngestResult();
    this.totals.set(kind, addIngestResult(total, result));
  }

  /** Sum over every kind written so far. */
  overall(): IngestResult {
    const sum = emptyIngestResult();
    for (const result of this.totals.values()) addIngestResult(sum, result);
    return sum;
  }
}
