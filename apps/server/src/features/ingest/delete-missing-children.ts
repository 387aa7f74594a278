import type { Database } from '@sentia/db';
import { sql } from 'drizzle-orm';

/**
 * Deletes child rows (lines, refunds) of the written parents that the records no longer list, so a
 * line removed at the source disappears here too.
 */
export async function deleteMissingChildren<R>(
  tx: Database,
  table: 'order_lines' | 'refunds' | 'purchase_order_lines',
  parentColumn: string,
  keyColumn: string,
  applied: { id: number; record: R }[],
  childKeys: (record: R) => string[],
): Promise<void> {
  if (applied.length === 0) return;
  const parentIds = applied.map((a) => a.id);
  const kept = applied.flatMap((a) => childKeys(a.record).map((key) => `${a.id}\u001f${key}`));
  await tx.execute(
    sql`delete from ${sql.raw(table)}
        where ${sql.raw(parentColumn)} = any(${sql.param(parentIds)}::bigint[])
          and not ((${sql.raw(parentColumn)}::text || chr(31) || ${sql.raw(keyColumn)}) = any(${sql.param(kept)}::text[]))`,
  );
}
