import { type Database, queryRows } from '@sentia/db';
import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { laterSourceWins } from './upsert-sql';

type Key<T extends PgTable> = keyof T['$inferInsert'] & string;

export interface BulkUpsertOptions<T extends PgTable> {
  /** The natural key (a unique constraint or primary key), as property names. */
  conflict: readonly Key<T>[];
  /** Columns the incoming row replaces on conflict; the others (e.g. `createdAt`) are kept. */
  update: readonly Key<T>[];
  /** Sets `updated_at = now()` on conflict. */
  touchUpdatedAt?: boolean;
  /** Only replaces a stored row the source did not modify later (`source_updated_at`). */
  laterSourceWins?: boolean;
  /** Columns to return of each row inserted or updated (rows the guard kept are not returned). */
  returning?: readonly Key<T>[];
  /** Adds `inserted` to each returned row: true for a new row, false for one the conflict updated. */
  returnInserted?: boolean;
}

/**
 * Rows per statement: one JSON parameter of a few megabytes at most, planned once. Fewer, larger
 * statements matter on a busy server, where every round trip waits for the database's turn.
 */
const ROWS_PER_STATEMENT = 20_000;

/**
 * `INSERT … SELECT FROM jsonb_to_recordset($1) ON CONFLICT (natural key) DO UPDATE`: the batch
 * travels as one JSON parameter and PostgreSQL (or PGlite) reads it with the column types of the
 * Drizzle schema. It builds and binds far faster than a multi-row VALUES list with a parameter per
 * value, which matters on PGlite, and has no 65,535-parameter ceiling. Rows are typed by the
 * table's insert model, so columns and values are still checked by the compiler.
 */
export async function bulkUpsert<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: BulkUpsertOptions<T>,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = insertedKeys(rows);
  const column = (key: string) => {
    const found = columns[key];
    if (!found) throw new Error(`${getTableName(table)} has no column ${key}`);
    return found;
  };
  const ident = (key: string) => `"${column(key).name}"`;
  // The JSON keeps the rows' own property names (no copy of each row is made to rename them); the
  // record type reads each property with its column's SQL type.
  const recordType = keys.map((k) => `"${k}" ${column(k).getSQLType()}`).join(', ');
  const columnList = keys.map(ident).join(', ');
  const selectList = keys.map((k) => `x."${k}"`).join(', ');
  const sets = options.update.map((k) => `${ident(k)} = excluded.${ident(k)}`);
  if (options.touchUpdatedAt) sets.push('"updated_at" = now()');
  const returning = options.returning ?? [];
  // xmax is 0 on a row version this statement inserted, and set on one its ON CONFLICT updated.
  const returnList = [
    ...returning.map((k) => `${ident(k)} as "${k}"`),
    ...(options.returnInserted ? ['(xmax = 0) as "inserted"'] : []),
  ].join(', ');

  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    // A property a row leaves out (or sets to undefined) reads as null, as a null would.
    const json = JSON.stringify(
      rows.length <= ROWS_PER_STATEMENT ? rows : rows.slice(i, i + ROWS_PER_STATEMENT),
    );
    const conflictAction: SQL =
      sets.length === 0
        ? sql`do nothing`
        : sql`do update set ${sql.raw(sets.join(', '))}${options.laterSourceWins ? sql` where ${laterSourceWins(table)}` : sql``}`;
    const statement = sql`insert into ${table} (${sql.raw(columnList)})
      select ${sql.raw(selectList)} from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(recordType)})
      on conflict (${sql.raw(options.conflict.map(ident).join(', '))}) ${conflictAction}
      ${returning.length > 0 ? sql.raw(`returning ${returnList}`) : sql``}`;
    if (returning.length > 0) out.push(...(await queryRows<Record<string, unknown>>(db, statement)));
    else await db.execute(statement);
  }
  return out;
}

/** Every property any row sets: a column left out of one row must be null there, not its default. */
function insertedKeys<T extends PgTable>(rows: readonly T['$inferInsert'][]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key in row as object) keys.add(key);
  return [...keys];
}
