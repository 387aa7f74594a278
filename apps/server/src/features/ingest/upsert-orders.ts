import { type Database, schema } from '@sentia/db';
import { type OrderRecord, orderRecordSchema, orderTotalMinor } from '@sentia/domain';
import { bulkUpsert } from './bulk-upsert';
import { copyRows, pgClientOf } from './copy-rows';
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
          returnInserted: true,
        },
      );
      const byKey = new Map(batch.map((r) => [`${r.source}:${r.externalId}`, r]));
      const applied = rows.map((row) => ({
        id: Number(row.id),
        record: byKey.get(`${row.source}:${row.externalId}`)!,
        inserted: row.inserted === true,
      }));
      await writeLines(tx, applied, keys);
      await writeRefunds(tx, applied);
      return rows.length;
    },
  });
}

type Applied = { id: number; record: OrderRecord; inserted: boolean }[];

/**
 * An order this statement inserted has no lines or refunds yet: nothing to delete, and on
 * PostgreSQL its lines go in with COPY (their key, the new order id, cannot conflict). Orders that
 * were updated take the general path: delete the lines the source dropped, upsert the rest.
 */
async function writeLines(tx: Database, applied: Applied, keys: KeyResolver): Promise<void> {
  const toLine = ({ id, record }: Applied[number]) =>
    record.lines.map((line) => ({
      orderId: id,
      lineKey: line.lineKey,
      productId: keys.id('product', line.sku)!,
      quantity: line.quantity,
      unitPrice: line.unitPriceMinor,
      discount: line.discountMinor ?? 0,
      netAmount: line.netAmountMinor,
      currency: record.currency,
    }));
  const client = pgClientOf(tx);
  const direct = client ? applied.filter((a) => a.inserted) : [];
  if (client && direct.length > 0) await copyRows(client, orderLines, direct.flatMap(toLine));
  const rest = client ? applied.filter((a) => !a.inserted) : applied;
  await deleteMissingChildren(
    tx,
    'order_lines',
    rest.filter((a) => !a.inserted),
    (r) => r.lines.map((l) => l.lineKey),
  );
  await bulkUpsert(tx, orderLines, rest.flatMap(toLine), {
    conflict: ['orderId', 'lineKey'],
    update: ['productId', 'quantity', 'unitPrice', 'discount', 'netAmount', 'currency'],
  });
}

async function writeRefunds(tx: Database, applied: Applied): Promise<void> {
  await deleteMissingChildren(
    tx,
    'refunds',
    applied.filter((a) => !a.inserted),
    (r) => (r.refunds ?? []).map((x) => x.externalId),
  );
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
