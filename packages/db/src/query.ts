import type { SQL } from 'drizzle-orm';
import type { Database } from './client';

/**
 * Raw SQL for the queries an ORM expresses poorly (aggregates, CTEs). node-postgres and PGlite both
 * return `{ rows }`; the row type is the caller's promise, so keep column aliases in snake-free camelCase.
 */
export async function queryRows<Row>(db: Pick<Database, 'execute'>, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** Rows changed by an INSERT/UPDATE/DELETE: node-postgres reports `rowCount`, PGlite `affectedRows`. */
export async function executeCount(db: Pick<Database, 'execute'>, query: SQL): Promise<number> {
  const result = (await db.execute(query)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}
