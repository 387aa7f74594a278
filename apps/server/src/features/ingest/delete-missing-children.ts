import type { Database } from '@sentia/db';
import { sql } from 'drizzle-orm';

/** Child tables written with their parent record, and the columns that key them. */
const CHILD_TABLES = {
  order_lines: { parent: 'order_id', key: 'line_key' },
  refunds: { parent: 'order_id', key: 'external_id' },
  purchase_order_lines: { parent: 'purchase_order_id', key: 'line_key' },
} as const;

/**
 * Deletes child rows (lines, refunds) of the written parents that the records no longer list, so a
 * line removed at the source disappears here too. The kept keys are joined as a set (an anti-join),
 * so the cost grows with the batch, not with its square.
 */
export async function deleteMissingChildren<R>(
  tx: Database,
  table: keyof typeof CHILD_TABLES,
  applied: { id: number; record: R }[],
  childKeys: (record: R) => string[],
): Promise<void> {
  if (applied.length === 0) return;
  const { parent, key } = CHILD_TABLES[table];
  const parentIds = applied.map((a) => a.id);
  const keptParents: number[] = [];
  const keptKeys: string[] = [];
  for (const a of applied) {
    for (const childKey of childKeys(a.record)) {
      keptParents.push(a.id);
      keptKeys.push(childKey);
    }
  }
  await tx.execute(
    sql`delete from ${sql.raw(table)} c
        where c.${sql.raw(parent)} = any(${sql.param(parentIds)}::bigint[])
          and not exists (
            select 1 from unnest(${sql.param(keptParents)}::bigint[], ${sql.param(keptKeys)}::text[]) as k(parent_id, child_key)
            where k.parent_id = c.${sql.raw(parent)} and k.child_key = c.${sql.raw(key)})`,
  );
}
