import { type Database, queryRows } from '@sentia/db';
import type { OrderRecord, RefundRecord } from '@sentia/domain';
import { sql } from 'drizzle-orm';

/**
 * The Orders API reports no refunds (they live in the Finances API), while the ingest writes an
 * order whole, refunds included. So refunds already recorded for an Amazon order (by a finances
 * import, or the demo) are carried into the record, and an order recorded as fully refunded stays
 * `refunded` when Amazon reports it shipped — an Amazon sync never erases a refund.
 */
export async function keepRecordedRefunds(db: Database, orders: OrderRecord[]): Promise<OrderRecord[]> {
  if (orders.length === 0) return orders;
  const bySource = new Map<string, string[]>();
  for (const o of orders) bySource.set(o.source, [...(bySource.get(o.source) ?? []), o.externalId]);
  const stored = new Map<string, { status: string; refunds: RefundRecord[] }>();
  for (const [source, ids] of bySource) {
    const rows = await queryRows<{
      external_id: string;
      status: string;
      refund_id: string | null;
      refunded_at: string | null;
      amount_minor: number | string | null;
      reason: string | null;
    }>(
      db,
      sql`select o.external_id, o.status, r.external_id as refund_id, r.refunded_at::text, r.amount_minor, r.reason
          from orders o left join refunds r on r.order_id = o.id
          where o.source = ${source} and o.external_id = any(${sql.param(ids)}::text[])`,
    );
    for (const row of rows) {
      const key = `${source}:${row.external_id}`;
      const entry = stored.get(key) ?? { status: row.status, refunds: [] };
      if (row.refund_id) {
        entry.refunds.push({
          externalId: row.refund_id,
          refundedAt: new Date(row.refunded_at!).toISOString(),
          amountMinor: Number(row.amount_minor),
          ...(row.reason ? { reason: row.reason } : {}),
        });
      }
      stored.set(key, entry);
    }
  }
  return orders.map((order) => {
    const known = stored.get(`${order.source}:${order.externalId}`);
    if (!known) return order;
    const refunded = known.status === 'refunded' && (order.status === 'shipped' || order.status === 'paid');
    return {
      ...order,
      ...(refunded ? { status: 'refunded' as const } : {}),
      ...(known.refunds.length > 0 ? { refunds: known.refunds } : {}),
    };
  });
}
