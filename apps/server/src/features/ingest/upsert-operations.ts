import { type Database, schema } from '@sentia/db';
import {
  type ProductionBatchRecord,
  type ProductionLineRecord,
  productionBatchRecordSchema,
  productionLineRecordSchema,
  type StockLevelRecord,
  stockLevelRecordSchema,
} from '@sentia/domain';
import { bulkUpsert } from './bulk-upsert';
import type { IngestResult } from './ingest-result';
import { type Reference, runIngest } from './run-ingest';
import { toInstant } from './upsert-sql';

const { stockLevels, productionLines, productionBatches } = schema;

/** Stock levels by SKU × location × date; a later `sourceUpdatedAt` wins. */
export function upsertStockLevels(db: Database, records: readonly StockLevelRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: stockLevelRecordSchema,
    keyOf: (r) => `${r.sku}@${r.locationCode}@${r.asOf}`,
    references: (r) => [
      { kind: 'product', key: r.sku, label: 'sku' },
      { kind: 'location', key: r.locationCode, label: 'location' },
    ],
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        stockLevels,
        batch.map((r) => ({
          productId: keys.id('product', r.sku)!,
          locationId: keys.id('location', r.locationCode)!,
          asOf: r.asOf,
          onHand: r.onHand,
          allocated: r.allocated ?? 0,
          inbound: r.inbound ?? 0,
          source: r.source,
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['productId', 'locationId', 'asOf'],
          update: ['onHand', 'allocated', 'inbound', 'source', 'sourceUpdatedAt'],
          touchUpdatedAt: true,
          laterSourceWins: true,
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}

/** Production lines (and contract manufacturers) by code; latest write wins. */
export function upsertProductionLines(
  db: Database,
  records: readonly ProductionLineRecord[],
): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: productionLineRecordSchema,
    keyOf: (r) => r.code,
    async write(tx, batch) {
      const rows = await bulkUpsert(
        tx,
        productionLines,
        batch.map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          capacityPerDay: r.capacityPerDay,
          leadTimeDays: r.leadTimeDays,
          source: r.source,
        })),
        {
          conflict: ['code'],
          update: ['name', 'kind', 'capacityPerDay', 'leadTimeDays', 'source'],
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}

/** Production batches by (source, external id); a later `sourceUpdatedAt` wins. */
export function upsertProductionBatches(
  db: Database,
  records: readonly ProductionBatchRecord[],
): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: productionBatchRecordSchema,
    keyOf: (r) => `${r.source}:${r.externalId}`,
    references(r) {
      const refs: Reference[] = [{ kind: 'product', key: r.sku, label: 'sku' }];
      if (r.lineCode) refs.push({ kind: 'productionLine', key: r.lineCode, label: 'production line' });
      return refs;
    },
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        productionBatches,
        batch.map((r) => ({
          source: r.source,
          externalId: r.externalId,
          productId: keys.id('product', r.sku)!,
          lineId: r.lineCode ? keys.id('productionLine', r.lineCode)! : null,
          quantity: r.quantity,
          plannedStart: r.plannedStart,
          plannedEnd: r.plannedEnd,
          actualStart: r.actualStart ?? null,
          actualEnd: r.actualEnd ?? null,
          status: r.status,
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['source', 'externalId'],
          update: [
            'productId',
            'lineId',
            'quantity',
            'plannedStart',
            'plannedEnd',
            'actualStart',
            'actualEnd',
            'status',
            'sourceUpdatedAt',
          ],
          touchUpdatedAt: true,
          laterSourceWins: true,
          returning: ['id'],
        },
      );
      return rows.length;
    },
  });
}
