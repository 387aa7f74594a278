import type { Database } from '@sentia/db';
import {
  addIngestResult,
  emptyIngestResult,
  type IngestResult,
  upsertBankAccounts,
  upsertBankBalances,
  upsertChannels,
  upsertCustomers,
  upsertInvoices,
  upsertLocations,
  upsertOrders,
  upsertPayments,
  upsertProductionBatches,
  upsertProducts,
  upsertPurchaseOrders,
  upsertStockLevels,
  upsertSuppliers,
} from '../ingest/index';
import type { RecordBatch } from './connector';

type Writer = (db: Database, records: never[]) => Promise<IngestResult>;

/** Master data first, so everything that refers to it resolves within the same page. */
const ORDER: [keyof RecordBatch, Writer][] = [
  ['suppliers', upsertSuppliers as Writer],
  ['products', upsertProducts as Writer],
  ['channels', upsertChannels as Writer],
  ['locations', upsertLocations as Writer],
  ['customers', upsertCustomers as Writer],
  ['bankAccounts', upsertBankAccounts as Writer],
  ['orders', upsertOrders as Writer],
  ['stockLevels', upsertStockLevels as Writer],
  ['purchaseOrders', upsertPurchaseOrders as Writer],
  ['productionBatches', upsertProductionBatches as Writer],
  ['invoices', upsertInvoices as Writer],
  ['payments', upsertPayments as Writer],
  ['bankBalances', upsertBankBalances as Writer],
];

export interface WrittenRecords {
  total: IngestResult;
  byKind: Partial<Record<keyof RecordBatch, Omit<IngestResult, 'rejections'>>>;
}

/**
 * Writes a page's records through the ingest upserts (natural keys, later source time wins), kind
 * by kind in dependency order. Pass the page's transaction so records, raw payloads and the cursor
 * commit together.
 */
export async function writeRecords(db: Database, batch: RecordBatch): Promise<WrittenRecords> {
  const total = emptyIngestResult();
  const byKind: WrittenRecords['byKind'] = {};
  for (const [kind, write] of ORDER) {
    const records = batch[kind];
    if (!records || records.length === 0) continue;
    const result = await write(db, records as never[]);
    addIngestResult(total, result);
    const { rejections: _, ...counts } = result;
    byKind[kind] = counts;
  }
  return { total, byKind };
}
