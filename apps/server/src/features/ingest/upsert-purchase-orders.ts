import { type Database, schema } from '@sentia/db';
import { type PurchaseOrderRecord, purchaseOrderRecordSchema, purchaseOrderTotalMinor } from '@sentia/domain';
import { bulkUpsert } from './bulk-upsert';
import { deleteMissingChildren } from './delete-missing-children';
import type { IngestResult } from './ingest-result';
import { type Reference, runIngest } from './run-ingest';
import { toInstant } from './upsert-sql';

const { purchaseOrders, purchaseOrderLines } = schema;

/**
 * Purchase orders by (source, external id) with their lines. As with sales orders, a purchase order
 * the source modified later is left alone, and otherwise its lines become exactly the record's.
 */
export function upsertPurchaseOrders(
  db: Database,
  records: readonly PurchaseOrderRecord[],
): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: purchaseOrderRecordSchema,
    keyOf: (r) => `${r.source}:${r.externalId}`,
    references(r) {
      const refs: Reference[] = [{ kind: 'supplier', key: r.supplierCode, label: 'supplier' }];
      for (const line of r.lines) refs.push({ kind: 'product', key: line.sku, label: 'sku' });
      return refs;
    },
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        purchaseOrders,
        batch.map((r) => ({
          source: r.source,
          externalId: r.externalId,
          supplierId: keys.id('supplier', r.supplierCode)!,
          orderDate: r.orderDate,
          expectedDate: r.expectedDate ?? null,
          receivedDate: r.receivedDate ?? null,
          status: r.status,
          currency: r.currency,
          total: purchaseOrderTotalMinor(r),
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['source', 'externalId'],
          update: [
            'supplierId',
            'orderDate',
            'expectedDate',
            'receivedDate',
            'status',
            'currency',
            'total',
            'sourceUpdatedAt',
          ],
          touchUpdatedAt: true,
          laterSourceWins: true,
          returning: ['id', 'source', 'externalId'],
        },
      );
      const byKey = new Map(batch.map((r) => [`${r.source}:${r.externalId}`, r]));
      const applied = rows.map((row) => ({
        id: Number(row.id),
        record: byKey.get(`${row.source}:${row.externalId}`)!,
      }));
      await deleteMissingChildren(tx, 'purchase_order_lines', applied, (r) => r.lines.map((l) => l.lineKey));
      const lines = applied.flatMap(({ id, record }) =>
        record.lines.map((line) => ({
          purchaseOrderId: id,
          lineKey: line.lineKey,
          productId: keys.id('product', line.sku)!,
          quantity: line.quantity,
          receivedQuantity: line.receivedQuantity ?? 0,
          unitCost: line.unitCostMinor,
          currency: record.currency,
        })),
      );
      await bulkUpsert(tx, purchaseOrderLines, lines, {
        conflict: ['purchaseOrderId', 'lineKey'],
        update: ['productId', 'quantity', 'receivedQuantity', 'unitCost', 'currency'],
      });
      return rows.length;
    },
  });
}
