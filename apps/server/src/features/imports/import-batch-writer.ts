import type { Database } from '@sentia/db';
import {
  type AssembledRecord,
  type ImportKind,
  type ImportTemplate,
  type RowError,
  rejectionErrors,
  type SourcedRecord,
} from '@sentia/domain';
import {
  type IngestResult,
  upsertFxRates,
  upsertInvoices,
  upsertOrders,
  upsertPayments,
  upsertProductionBatches,
  upsertProducts,
  upsertPurchaseOrders,
  upsertStockLevels,
} from '../ingest/index';

type Upsert = (db: Database, records: readonly SourcedRecord[]) => Promise<IngestResult>;

/** The ingest function each kind's records go through: the same path connectors and the demo use. */
export const IMPORT_UPSERTS: Readonly<Record<ImportKind, Upsert>> = {
  products: upsertProducts as Upsert,
  orders: upsertOrders as Upsert,
  'stock-levels': upsertStockLevels as Upsert,
  'purchase-orders': upsertPurchaseOrders as Upsert,
  invoices: upsertInvoices as Upsert,
  'production-batches': upsertProductionBatches as Upsert,
  payments: upsertPayments as Upsert,
  'fx-rates': upsertFxRates as Upsert,
};

/** Errors of one import: all counted, the first `cap` kept (a file of nothing but bad rows stays bounded). */
export class ErrorLog {
  readonly kept: RowError[] = [];
  count = 0;

  constructor(private readonly cap: number) {}

  add(errors: readonly RowError[]): void {
    this.count += errors.length;
    for (const error of errors) {
      if (this.kept.length >= this.cap) return;
      this.kept.push(error);
    }
  }
}

export interface ImportCounts {
  rowsTotal: number;
  rowsImported: number;
  rowsRejected: number;
  recordsWritten: number;
  recordsKept: number;
}

/**
 * Collects assembled records into batches of about `batchRows` rows and writes each through the
 * kind's ingest function inside the import's transaction. One batch is written while the next is
 * being parsed (the database and the parser work at the same time); records the ingest rejects
 * (unknown SKU, channel…) are reported on their lines like any other bad row.
 */
export class ImportBatchWriter {
  readonly counts: ImportCounts = {
    rowsTotal: 0,
    rowsImported: 0,
    rowsRejected: 0,
    recordsWritten: 0,
    recordsKept: 0,
  };
  private batch: AssembledRecord<SourcedRecord>[] = [];
  private batchRows = 0;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly tx: Database,
    private readonly kind: ImportKind,
    private readonly template: ImportTemplate,
    private readonly errors: ErrorLog,
    private readonly rowsPerBatch: number,
  ) {}

  /** Takes completed records (counting and keeping their errors); call flush() when `full`. */
  add(records: readonly AssembledRecord<SourcedRecord>[]): void {
    for (const assembled of records) {
      const rows = assembled.lines.length;
      this.counts.rowsTotal += rows;
      if (assembled.errors.length > 0) this.errors.add(assembled.errors);
      if (!assembled.record) {
        this.counts.rowsRejected += rows;
        continue;
      }
      this.batch.push(assembled);
      this.batchRows += rows;
    }
  }

  get full(): boolean {
    return this.batchRows >= this.rowsPerBatch;
  }

  /** Writes what is left and waits for every batch. */
  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }

  /** Starts writing the collected batch (after the previous one has finished). */
  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.batchRows = 0;
    // At most one batch in flight: wait for the previous one (and surface its failure) first.
    await this.inFlight;
    if (batch.length === 0) return;
    const write = this.write(batch);
    // Marked handled here; the failure is raised by the next await of inFlight.
    write.catch(() => {});
    this.inFlight = write;
  }

  private async write(batch: AssembledRecord<SourcedRecord>[]): Promise<void> {
    const result = await IMPORT_UPSERTS[this.kind](
      this.tx,
      batch.map((a) => a.record!),
    );
    const rejected = new Set<number>();
    for (const rejection of result.rejections) {
      const assembled = batch[rejection.index];
      if (!assembled || rejected.has(rejection.index)) continue;
      rejected.add(rejection.index);
      this.errors.add(rejectionErrors(this.template, assembled, rejection.reason));
      this.counts.rowsRejected += assembled.lines.length;
    }
    for (const [index, assembled] of batch.entries()) {
      if (!rejected.has(index)) this.counts.rowsImported += assembled.lines.length;
    }
    this.counts.recordsWritten += result.written;
    this.counts.recordsKept += result.skipped;
  }
}
