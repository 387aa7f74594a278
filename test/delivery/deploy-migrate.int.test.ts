import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServices, testDatabaseUrl } from '../../apps/server/src/test-support/services';
import { runScript } from './support/run-script';

/** The deploy pipeline's migration step on an empty database, then again (a no-op), with only DATABASE_URL. */
describeWithServices({ postgres: true }, 'npm run deploy:migrate', () => {
  const name = `sentia_migrate_${Date.now()}`;
  let url: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(testDatabaseUrl!);
    u.pathname = `/${name}`;
    url = u.toString();
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('applies every migration with nothing but DATABASE_URL, and is idempotent', async () => {
    const env = {
      DATABASE_URL: url,
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: '',
      JWT_REFRESH_SECRET: '',
      SESSION_SECRET: '',
      CREDENTIALS_ENCRYPTION_KEY: '',
    };
    const first = await runScript('scripts/deploy/migrate.ts', [], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^migrations applied/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        "select count(*) as n from information_schema.tables where table_name = 'job_runs'",
      );
      expect(rows[0]!.n).toBe('1');
      const applied = await client.query('select count(*) as n from drizzle.__drizzle_migrations');
      const second = await runScript('scripts/deploy/migrate.ts', [], env);
      expect(second.code).toBe(0);
      const again = await client.query('select count(*) as n from drizzle.__drizzle_migrations');
      expect(again.rows[0].n).toBe(applied.rows[0].n);
    } finally {
      await client.end();
    }
  });
});
