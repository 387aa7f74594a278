import { type SQL, sql } from 'drizzle-orm';

export interface SliceFilters {
  region?: string | undefined;
  channel?: string | undefined;
  sku?: string | undefined;
}

/** `and …` conditions for rows joined to channels `c` and products `p`. */
export function salesSliceSql(filters: SliceFilters): SQL {
  const parts: SQL[] = [];
  if (filters.region) parts.push(sql`and c.region_code = ${filters.region}`);
  if (filters.channel) parts.push(sql`and c.code = ${filters.channel}`);
  if (filters.sku) parts.push(sql`and p.sku = ${filters.sku}`);
  return sql.join(parts, sql` `);
}

/** Converts bigint/numeric results (strings from node-postgres, bigints or numbers from PGlite) to a safe integer. */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`value out of safe integer range: ${String(value)}`);
  return n;
}
