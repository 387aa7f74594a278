import { createRequire } from 'node:module';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as runPostgresMigrations } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as runPgliteMigrations } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { DatabaseHandle } from './client';

/** The SQL migrations under version control (packages/db/migrations), found wherever the code runs from. */
export const migrationsFolder = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@sentia/db/package.json')),
  'migrations',
);

/** A fixed key for pg_advisory_lock so that replicas or deploy steps running together migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_245_001;

/** Applies pending migrations on PostgreSQL over one dedicated connection holding an advisory lock. */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'sentia-migrate' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await runPostgresMigrations(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** Applies pending migrations on an embedded PGlite database (single connection, no lock needed). */
export async function migratePglite(handle: DatabaseHandle): Promise<void> {
  if (handle.kind !== 'pglite') throw new Error('migratePglite needs a PGlite handle');
  await runPgliteMigrations(handle.db as unknown as PgliteDatabase, { migrationsFolder });
}
