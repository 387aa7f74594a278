import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The one database type the application sees, whether PostgreSQL or PGlite is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Round-trip time of `SELECT 1` in milliseconds; throws when the database is unreachable. */
  ping(): Promise<number>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolMax: number;
  /** How long a query may wait for a free connection before failing (fail fast rather than hang). */
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

export function connectPostgres(options: PostgresOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: options.applicationName ?? 'sentia',
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    ping: () => timed(() => db.execute(sql`select 1`)),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: options.poolMax,
    }),
    close: () => pool.end(),
  };
}

/** PGlite: real PostgreSQL compiled to WebAssembly, one connection, data kept in `dataDir`. */
export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = yieldingBetweenStatements(
    await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...options }),
  );
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    ping: () => timed(() => db.execute(sql`select 1`)),
    poolStats: () => ({ total: 1, idle: 1, waiting: 0, max: 1 }),
    close: () => client.close(),
  };
}

/** The whole PGlite database as a tarball, to open copies of with `openPglite(…, { loadDataDir })`. */
export async function dumpPglite(handle: DatabaseHandle): Promise<Blob> {
  if (handle.kind !== 'pglite') throw new Error('dumpPglite needs a PGlite handle');
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/**
 * PGlite runs PostgreSQL inside this thread and its promises settle without real I/O, so a long
 * job (a demo load, an import) would chain statements as microtasks and starve HTTP requests.
 * Yielding to the event loop before each statement or transaction keeps the server responsive;
 * a single transaction is then the longest pause.
 */
function yieldingBetweenStatements(client: PGlite): PGlite {
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  return Object.assign(client, {
    query: (async (...args: Parameters<typeof query>) => {
      await pause();
      return query(...args);
    }) as typeof query,
    exec: (async (...args: Parameters<typeof exec>) => {
      await pause();
      return exec(...args);
    }) as typeof exec,
    transaction: (async (...args: Parameters<typeof transaction>) => {
      await pause();
      return transaction(...args);
    }) as typeof transaction,
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return Math.round((performance.now() - started) * 100) / 100;
}
