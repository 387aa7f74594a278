import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migratePostgres } from '@sentia/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeWithServices,
  testDatabaseUrl,
  testRedisUrl,
} from '../apps/server/src/test-support/services';
import { runScript } from '../test/delivery/support/run-script';
import { type RunningApp, repoRoot, startProcess } from './support/app-process';
import { launchBrowser } from './support/browser';

/**
 * `npm run smoke` against a production-mode start: the built `server.js` and worker with
 * NODE_ENV=production on real PostgreSQL and Redis, migrated first as the deploy pipeline does.
 * The same run checks the API reference tooling against the live OpenAPI document.
 */
describeWithServices({ postgres: true, redis: true }, 'smoke checks against a production-mode start', () => {
  const database = `sentia_smoke_${Date.now()}`;
  let databaseUrl: string;
  let web: RunningApp | undefined;
  let worker: RunningApp | undefined;
  const smokeAccount = { email: 'smoke@sentia.test', password: `smoke-${randomUUID()}` };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    await migratePostgres(databaseUrl);
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl!,
      APP_URL: 'http://localhost',
      QUEUE_PREFIX: `smoke-${randomUUID().slice(0, 8)}`,
      JWT_ACCESS_SECRET: `smoke-access-${randomUUID()}`,
      JWT_REFRESH_SECRET: `smoke-refresh-${randomUUID()}`,
      SESSION_SECRET: `smoke-session-${randomUUID()}`,
      CREDENTIALS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      // The first administrator doubles as the smoke account once sign-in exists.
      ADMIN_EMAIL: smokeAccount.email,
      ADMIN_PASSWORD: smokeAccount.password,
      LOG_LEVEL: 'warn',
    };
    worker = await startProcess('services/workers/index.js', env, { waitForHealth: false });
    web = await startProcess('server.js', env);
  });

  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  it('passes npm run smoke: health, status ok, main page reads, OpenAPI, and later endpoints once deployed', async () => {
    const result = await runScript('scripts/smoke.ts', ['--url', web!.url, '--wait', '30'], {
      SMOKE_EMAIL: smokeAccount.email,
      SMOKE_PASSWORD: smokeAccount.password,
    });
    expect(result.stderr).toBe('');
    expect(result.code, result.stdout).toBe(0);
    for (const check of ['health', 'status', 'read /api/overview', 'read /api/overview/filters', 'openapi']) {
      expect(result.stdout).toMatch(new RegExp(`^ok +${check} `, 'm'));
    }
    // Sign-in and metrics are checked when deployed, skipped (not failed) while they answer 404.
    for (const check of ['sign-in', 'metrics']) {
      expect(result.stdout).toMatch(new RegExp(`^(ok|skip) +${check} `, 'm'));
    }
    expect(result.stdout).toMatch(/^smoke ok: \d+ checks passing/m);
  });

  it('fails the smoke run when a dependency is down', async () => {
    // A web process whose Redis is unreachable: status is down, the smoke run must fail.
    const broken = await startProcess('server.js', {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: 'redis://127.0.0.1:1',
      APP_URL: 'http://localhost',
      JWT_ACCESS_SECRET: `smoke-access-${randomUUID()}`,
      JWT_REFRESH_SECRET: `smoke-refresh-${randomUUID()}`,
      SESSION_SECRET: `smoke-session-${randomUUID()}`,
      CREDENTIALS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'fatal',
    });
    try {
      const result = await runScript('scripts/smoke.ts', ['--url', broken.url]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^FAIL +status .*redis: down/m);
      expect(result.stdout).toMatch(/^smoke FAILED/m);
    } finally {
      await broken.stop();
    }
  });

  it('generates the API reference from the running app and detects drift', async () => {
    const docs = mkdtempSync(path.join(tmpdir(), 'sentia-api-docs-'));
    cpSync(path.join(repoRoot, 'docs', 'api.md'), path.join(docs, 'api.md'));
    const write = await runScript('scripts/openapi.ts', ['--url', web!.url, '--write', '--dir', docs]);
    expect(write.code, write.stderr).toBe(0);
    const table = readFileSync(path.join(docs, 'api.md'), 'utf8');
    for (const route of ['/api/health', '/api/status', '/api/overview', '/api/overview/filters']) {
      expect(table).toMatch(new RegExp(`\\| \`GET\` +\\| \`${route}\` +\\|`));
    }
    const check = await runScript('scripts/openapi.ts', ['--url', web!.url, '--check', '--dir', docs]);
    expect(check.code, check.stderr).toBe(0);

    const committed = JSON.parse(readFileSync(path.join(docs, 'api', 'openapi.json'), 'utf8'));
    delete committed.paths['/api/overview/filters'];
    writeFileSync(path.join(docs, 'api', 'openapi.json'), JSON.stringify(committed));
    const drift = await runScript('scripts/openapi.ts', ['--url', web!.url, '--check', '--dir', docs]);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain('added:   GET /api/overview/filters');
  });
});

/**
 * The same checks against a deployed environment (the deploy pipeline runs this after deploying to
 * `test`): E2E_BASE_URL=https://… npx vitest run --project e2e e2e/smoke.e2e.test.ts
 */
const deployedUrl = process.env.E2E_BASE_URL;

describe.skipIf(!deployedUrl)('deployed environment at E2E_BASE_URL', () => {
  it('passes npm run smoke', async () => {
    const result = await runScript('scripts/smoke.ts', ['--url', deployedUrl!, '--wait', '120']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('serves the dashboard to a browser: the page renders, no API call fails, no script error', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('response', (response) => {
        if (response.url().includes('/api/') && response.status() >= 500) {
          problems.push(`${response.status()} ${response.url()}`);
        }
      });
      const response = await page.goto(deployedUrl!, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      expect(await page.title()).toContain('Sentia');
      await page.waitForSelector('#root *', { timeout: 30_000 });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
