import { type Database, schema } from '@sentia/db';
import { type OrderRecord, orderRecordSchema, orderTotalMinor } from '@sentia/domain';
import { bulkUpsert } from './bulk-upsert';
import { deleteMissingChildren } from './delete-missing-children';
import type { IngestResult } from './ingest-result';
import type { KeyResolver } from './key-resolver';
import { type Reference, runIngest } from './run-ingest';
import { toInstant } from './upsert-sql';

const { orders, orderLines, refunds } = schema;

/**
 * Sales orders by (source, external id), each with its lines and refunds. An order whose stored
 * version the source modified later is left as it is, lines included; otherwise its lines and
 * refunds become exactly those of the record (lines the source removed are deleted).
 */
export function upsertOrders(db: Database, records: readonly OrderRecord[]): Promise<IngestResult> {
  return runIngest(db, records, {
    schema: orderRecordSchema,
    keyOf: (r) => `${r.source}:${r.externalId}`,
    references(r) {
      const refs: Reference[] = [{ kind: 'channel', key: r.channelCode, label: 'channel' }];
      if (r.customerCode) refs.push({ kind: 'customer', key: r.customerCode, label: 'customer' });
      for (const line of r.lines) refs.push({ kind: 'product', key: line.sku, label: 'sku' });
      return refs;
    },
    async write(tx, batch, keys) {
      const rows = await bulkUpsert(
        tx,
        orders,
        batch.map((r) => ({
          source: r.source,
          externalId: r.externalId,
          channelId: keys.id('channel', r.channelCode)!,
          customerId: r.customerCode ? keys.id('customer', r.customerCode)! : null,
          orderDate: r.orderDate,
          orderedAt: new Date(r.orderedAt),
          status: r.status,
          currency: r.currency,
          total: orderTotalMinor(r),
          sourceUpdatedAt: toInstant(r.sourceUpdatedAt),
        })),
        {
          conflict: ['source', 'externalId'],
          update: [
            'channelId',
            'customerId',
            'orderDate',
            'orderedAt',
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
      await writeLines(tx, applied, keys);
      await writeRefunds(tx, applied);
      return rows.length;
    },
  });
}

type Applied = { id: number; record: OrderRecord }[];

async function writeLines(tx: Database, applied: Applied, keys: KeyResolver): Promise<void> {
  await deleteMissingChildren(tx, 'order_lines', applied, (r) => r.lines.map((l) => l.lineKey));
  const lines = applied.flatMap(({ id, record }) =>
    record.lines.map((line) => ({
      orderId: id,
      lineKey: line.lineKey,
      productId: keys.id('product', line.sku)!,
      quantity: line.quantity,
      unitPrice: line.unitPriceMinor,
      discount: line.discountMinor ?? 0,
      netAmount: line.netAmountMinor,
      currency: record.currency,
    })),
  );
  await bulkUpsert(tx, orderLines, lines, {
    conflict: ['orderId', 'lineKey'],
    update: ['productId', 'quantity', 'unitPrice', 'discount', 'netAmount', 'currency'],
  });
}

async function writeRefunds(tx: Database, applied: Applied): Promise<void> {
  await deleteMissingChildren(tx, 'refunds', applied, (r) => (r.refunds ?? []).map((x) => x.externalId));
  const rows = applied.flatMap(({ id, record }) =>
    (record.refunds ?? []).map((refund) => ({
      source: record.source,
      externalId: refund.externalId,
      orderId: id,
      refundedAt: new Date(refund.refundedAt),
      amount: refund.amountMinor,
      currency: record.currency,
      reason: refund.reason ?? null,
    })),
  );
  await bulkUpsert(tx, refunds, rows, {
    conflict: ['source', 'externalId'],
    update: ['orderId', 'refundedAt', 'amount', 'currency', 'reason'],
  });
}
