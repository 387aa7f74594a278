import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectPostgres } from '@sentia/db';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refreshSalesDaily } from '../../apps/server/src/features/analytics/refresh-sales-daily';
import { seedOverviewFixture } from '../../apps/server/src/features/overview/overview-fixture';
import { createPostgresTestDatabase } from '../../apps/server/src/test-support/database';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../../apps/server/src/test-support/services';
import { freePort, run } from '../../scripts/lib/backup/components';
import { runScript } from './support/run-script';

/**
 * The restore drill: seed a real PostgreSQL database, back it up with `npm run backup`, destroy it,
 * restore it with `npm run restore`, and compare every table's row count and content checksum (and
 * every sequence) — they must be identical. The same for a Redis RDB snapshot and the uploads archive.
 */

interface TableFingerprint {
  rows: number;
  checksum: string;
}

async function fingerprint(url: string): Promise<Record<string, TableFingerprint | string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        order by 1, 2`,
    );
    const out: Record<string, TableFingerprint | string> = {};
    for (const { schema, name } of tables) {
      const qualified = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
      // Each row as text, sorted, hashed: equal only if every value of every row is equal.
      const { rows } = await client.query<{ n: string; sum: string | null }>(
        `select count(*) as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as sum
           from ${qualified} t`,
      );
      out[`${schema}.${name}`] = { rows: Number(rows[0]!.n), checksum: rows[0]!.sum ?? '' };
    }
    const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
      `select schemaname || '.' || sequencename as name, last_value::text as value from pg_sequences order by 1`,
    );
    for (const s of sequences) out[`sequence ${s.name}`] = s.value ?? 'unused';
    return out;
  } finally {
    await client.end();
  }
}

describeWithServices({ postgres: true }, 'restore drill: PostgreSQL backup → destroy → restore', () => {
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  const store = mkdtempSync(path.join(tmpdir(), 'sentia-drill-store-'));

  beforeAll(async () => {
    database = await createPostgresTestDatabase(testDatabaseUrl!);
    await seedOverviewFixture(database.handle.db);
    await refreshSalesDaily(database.handle.db);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('restores every table with identical row counts and checksums', async () => {
    const before = await fingerprint(database.url);
    const populated = Object.values(before).filter((v) => typeof v === 'object' && v.rows > 0);
    expect(populated.length).toBeGreaterThanOrEqual(6);

    const backup = await runScript('scripts/backup.ts', [
      '--env',
      'test',
      '--store',
      store,
      '--components',
      'postgres',
      '--database-url',
      database.url,
    ]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const setKey = /stored (test\/postgres\/\d{8}T\d{6}Z)/.exec(backup.stdout)?.[1];
    expect(setKey).toBeDefined();

    // Destroy: the database is dropped (its connections terminated) and created again, empty.
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`drop database ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    expect(Object.keys(await fingerprint(database.url))).toHaveLength(0);

    const restore = await runScript('scripts/restore.ts', [
      '--store',
      store,
      '--set',
      setKey!,
      '--database-url',
      database.url,
    ]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('checksums verified');

    expect(await fingerprint(database.url)).toEqual(before);
    // The app's own client works against the restored database (migrations table intact).
    const app = connectPostgres({ url: database.url, poolMax: 2 });
    try {
      expect(await app.ping()).toBeGreaterThanOrEqual(0);
    } finally {
      await app.close();
    }
  });

  it('refuses to restore a set whose file no longer matches its checksum', async () => {
    const [stamp] = readdirSync(path.join(store, 'test', 'postgres'));
    const dump = path.join(store, 'test', 'postgres', stamp!, 'postgres.dump');
    const bytes = readFileSync(dump);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(dump, bytes);
    const restore = await runScript('scripts/restore.ts', [
      '--store',
      store,
      '--set',
      `test/postgres/${stamp}`,
      '--database-url',
      database.url,
    ]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('checksum mismatch');
    // Nothing was touched: the restored data from the first test is still there.
    const after = await fingerprint(database.url);
    expect(Object.keys(after).length).toBeGreaterThan(0);
  });
});

async function waitForRedis(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ping = await run('redis-cli', ['-p', String(port), 'ping'], { allowFailure: true });
    if (ping.stdout.trim() === 'PONG') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the restored Redis did not start');
}

describeWithServices({ redis: true }, 'restore drill: Redis RDB snapshot and uploads', () => {
  const store = mkdtempSync(path.join(tmpdir(), 'sentia-drill-store-'));
  const prefix = `drill:${Date.now()}:`;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(testRedisUrl!);
    await redis.set(`${prefix}string`, 'hello');
    await redis.hset(`${prefix}hash`, { a: '1', b: '2' });
    await redis.rpush(`${prefix}list`, 'x', 'y', 'z');
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('snapshots Redis and brings the same values back from the restored RDB', async () => {
    const backup = await runScript('scripts/backup.ts', [
      '--env',
      'test',
      '--store',
      store,
      '--components',
      'redis',
      '--redis-url',
      testRedisUrl!,
    ]);
    expect(backup.code).toBe(0);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sentia-drill-redis-'));
    const restore = await runScript('scripts/restore.ts', [
      '--store',
      store,
      '--env',
      'test',
      '--component',
      'redis',
      '--latest',
      '--redis-data-dir',
      dataDir,
    ]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('placed test/redis/');

    // Start a Redis on the restored data directory, as the runbook does, and read the values back.
    const port = await freePort();
    const server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'no', '--save', ''],
      { stdio: 'ignore' },
    );
    const restored = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await waitForRedis(port);
      await restored.connect();
      const db = Number(new URL(testRedisUrl!).pathname.slice(1) || 0);
      await restored.select(db);
      expect(await restored.get(`${prefix}string`)).toBe('hello');
      expect(await restored.hgetall(`${prefix}hash`)).toEqual({ a: '1', b: '2' });
      expect(await restored.lrange(`${prefix}list`, 0, -1)).toEqual(['x', 'y', 'z']);
    } finally {
      restored.disconnect();
      server.kill('SIGKILL');
    }
  });

  it('archives the uploads directory and restores identical files', async () => {
    const uploads = mkdtempSync(path.join(tmpdir(), 'sentia-drill-uploads-'));
    mkdirSync(path.join(uploads, 'imports', '2025'), { recursive: true });
    writeFileSync(path.join(uploads, 'imports', '2025', 'sales.csv'), 'sku,qty\nGIN-70,12\n');
    writeFileSync(path.join(uploads, 'logo.bin'), Buffer.from([0, 1, 2, 250, 251, 252]));
    const backup = await runScript('scripts/backup.ts', [
      '--env',
      'test',
      '--store',
      store,
      '--components',
      'uploads',
      '--uploads-dir',
      uploads,
    ]);
    expect(backup.code).toBe(0);
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'sentia-drill-restored-')), 'uploads');
    const restore = await runScript('scripts/restore.ts', [
      '--store',
      store,
      '--env',
      'test',
      '--component',
      'uploads',
      '--latest',
      '--uploads-dir',
      target,
    ]);
    expect(restore.code).toBe(0);
    const digest = (root: string) =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const full = path.join(e.parentPath, e.name);
          return `${path.relative(root, full)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
        })
        .sort();
    expect(digest(target)).toEqual(digest(uploads));
  });
});
