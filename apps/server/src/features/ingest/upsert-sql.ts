import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The guard that makes later source changes win: the stored row is replaced unless both sides carry
 * a source modification time and the stored one is newer. Equal times update (a replay writes the
 * same values), so running an import twice changes nothing.
 */
export function laterSourceWins(table: PgTable): SQL {
  const stored = sql.raw(`"${getTableName(table)}"."source_updated_at"`);
  return sql`(excluded.source_updated_at is null or ${stored} is null or excluded.source_updated_at >= ${stored})`;
}

/** ISO instant (or absent) to the Date a timestamp column takes. */
export function toInstant(iso: string | undefined): Date | null {
  return iso === undefined ? null : new Date(iso);
}
