import { type SQL, sql } from 'drizzle-orm';

/** A `date[]` literal from ISO dates, as one bound parameter per element. */
export function dateArraySql(dates: readonly string[]): SQL {
  if (dates.length === 0) return sql`array[]::date[]`;
  return sql`array[${sql.join(
    dates.map((d) => sql`${d}`),
    sql`, `,
  )}]::date[]`;
}

/** bigint/numeric results (strings from node-postgres, numbers or bigints from PGlite) as safe integers. */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`value out of safe integer range: ${String(value)}`);
  return n;
}

/** A `date` column read as text (node-postgres and PGlite both return `YYYY-MM-DD` with ::text). */
export function isoText(value: unknown): string {
  return String(value).slice(0, 10);
}
