import { randomBytes } from 'node:crypto';
import { connectPostgres, type DatabaseHandle, migratePglite, migratePostgres, openPglite } from '@sentia/db';
import pg from 'pg';

/** A fresh, migrated, in-memory PGlite database for one test file. */
export async function createPgliteTestDatabase(): Promise<DatabaseHandle> {
  const handle = await openPglite(undefined);
  await migratePglite(handle);
  return handle;
}

/**
 * A fresh, migrated database on the real PostgreSQL server at `serverUrl`, created for one test
 * file and dropped by the returned `drop()`.
 */
export async function createPostgresTestDatabase(
  serverUrl: string,
  options: { poolMax?: number } = {},
): Promise<{ handle: DatabaseHandle; url: string; drop(): Promise<void> }> {
  const name = `sentia_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  const handle = connectPostgres({ url: url.toString(), poolMax: options.poolMax ?? 5 });
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
