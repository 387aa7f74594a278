import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  connectPostgres,
  type DatabaseHandle,
  dumpPglite,
  migratePglite,
  migratePostgres,
  migrationsFolder,
  openPglite,
} from '@sentia/db';
import pg from 'pg';

let template: Promise<Blob> | undefined;

/**
 * A fresh, migrated, in-memory PGlite database. Migrating takes seconds, so each one is a copy of a
 * template migrated once per set of migrations (kept in the temp directory, keyed by a hash of the
 * migration files, so a changed migration makes a new one).
 */
export async function createPgliteTestDatabase(): Promise<DatabaseHandle> {
  template ??= migratedTemplate();
  return openPglite(undefined, { loadDataDir: await template });
}

async function migratedTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) {
      hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
    }
  }
  const file = path.join(tmpdir(), `sentia-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const handle = await openPglite(undefined);
    try {
      await migratePglite(handle);
      const dump = await dumpPglite(handle);
      // Written aside and renamed: test workers racing to write it never read half a file.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await handle.close();
    }
  }
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
