import { randomUUID } from 'node:crypto';
import type { StatusResponse } from '@sentia/contracts';
import { migratePostgres } from '@sentia/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../apps/server/src/test-support/services';
import { type RunningApp, startProcess, tempDataDir, waitFor } from './support/app-process';

const secrets = {
  JWT_ACCESS_SECRET: 'e2e-access-secret-0123456789abcdef0123456789',
  JWT_REFRESH_SECRET: 'e2e-refresh-secret-0123456789abcdef012345678',
  SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123456789',
  CREDENTIALS_ENCRYPTION_KEY: 'e2e-credentials-key-0123456789abcdef01234567',
};

describe('production start-up', () => {
  it('refuses to start without its required configuration, naming every missing value', async () => {
    const app = await startProcess('server.js', { NODE_ENV: 'production' }, { waitForHealth: false });
    const code = await app.exited;
    const output = app.output();
    expect(code).not.toBe(0);
    for (const key of [
      'DATABASE_URL',
      'REDIS_URL',
      'APP_URL',
      'JWT_ACCESS_SECRET',
      'JWT_REFRESH_SECRET',
      'SESSION_SECRET',
    ]) {
      expect(output).toContain(`${key}: required in production`);
    }
  });
});

describe('embedded start', () => {
  it('serves health, reports the database up, stops within 10 s on SIGTERM with exit 0', async () => {
    const app = await startProcess('apps/server/dist/main.js', {
      DATA_DIR: tempDataDir(),
      DEMO_DATA: 'false',
    });
    const status = (await (await fetch(`${app.url}/api/status`)).json()) as StatusResponse;
    expect(status.mode).toBe('embedded');
    expect(status.dependencies[0]).toMatchObject({ state: 'up' });
    expect(app.output()).toContain('EMBEDDED MODE');
    const { code, ms } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});

describeWithServices({ postgres: true, redis: true }, 'web and worker as separate processes', () => {
  const database = `sentia_e2e_${Date.now()}`;
  let databaseUrl: string;
  let web: RunningApp | undefined;
  let worker: RunningApp | undefined;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  });

  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  it('runs a job enqueued by the web process on the worker process', async () => {
    const env = {
      ...secrets,
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl!,
      APP_URL: 'http://localhost',
      QUEUE_PREFIX: `e2e-${randomUUID().slice(0, 8)}`,
    };
    await migratePostgres(databaseUrl);
    worker = await startProcess('services/workers/index.js', env, { waitForHealth: false });
    web = await startProcess('server.js', env);
    const status = (await (await fetch(`${web.url}/api/status`)).json()) as StatusResponse;
    expect(status).toMatchObject({ mode: 'server', role: 'web', status: 'ok' });
    // The web process enqueues the analytics refresh at start-up; only the worker runs jobs.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const run = await waitFor(
        async () => {
          const { rows } = await client.query(
            "select status from job_runs where name = 'analytics.refresh-sales-daily' and status = 'succeeded'",
          );
          return rows[0];
        },
        { what: 'the refresh job to succeed on the worker', timeoutMs: 30_000 },
      );
      expect(run.status).toBe('succeeded');
    } finally {
      await client.end();
    }
    expect(worker.output()).toContain('analytics.refresh-sales-daily');
    expect(web.output()).not.toContain('job succeeded');
  });
});
