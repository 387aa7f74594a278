import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { setSandbox } from '../../sync/connector-state';
import { saveCredentials } from '../../sync/credentials';
import { runSync } from '../../sync/run-sync';
import { unleashedConnector } from './unleashed-connector';
import { stopUnleashedSandboxes } from './unleashed-sandbox';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let ctx: AppContext;

beforeEach(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
  ctx = testContext.ctx;
});
afterEach(async () => {
  await testContext.inProcessJobs?.whenIdle();
  await testContext.close();
  await database.close();
});
afterAll(() => stopUnleashedSandboxes());

const admin = { userId: null, label: 'test admin' };

describe('Unleashed connection settings', () => {
  it('is not configured without an API id and key, and says which variables supply them', async () => {
    const configuration = await unleashedConnector.configuration(ctx);
    expect(configuration).toEqual({
      state: 'not_configured',
      source: null,
      detail: expect.stringContaining('UNLEASHED_API_ID'),
    });
  });

  it('takes credentials entered in the app (encrypted), and refuses an API id that is not a GUID', async () => {
    await saveCredentials(ctx, admin, unleashedConnector, { apiId: 'not-a-guid', apiKey: 'k' });
    expect((await unleashedConnector.configuration(ctx)).detail).toMatch(/must be a GUID/);
    await saveCredentials(ctx, admin, unleashedConnector, { apiId: '0b0e5f4a-1c2d-4e3f-8a9b-0c1d2e3f4a5b' });
    expect(await unleashedConnector.configuration(ctx)).toEqual({
      state: 'configured',
      source: 'app',
      detail: 'API id 0b0e5f4a…, base currency GBP',
    });
    const [row] = await queryRows<{ ciphertext: string }>(
      ctx.db,
      sql`select ciphertext from connector_credentials where connector = 'unleashed'`,
    );
    expect(row!.ciphertext).not.toContain('0b0e5f4a');
  });

  it('reads its variables from the environment', async () => {
    const env = createTestContext(database, {
      env: { UNLEASHED_API_ID: '0b0e5f4a-1c2d-4e3f-8a9b-0c1d2e3f4a5b', UNLEASHED_API_KEY: 'from-env' },
    });
    try {
      expect(await unleashedConnector.configuration(env.ctx)).toMatchObject({
        state: 'configured',
        source: 'environment',
      });
    } finally {
      await env.close();
    }
  });
});

describe('Unleashed sandbox connection', () => {
  it('syncs the demo business from the local simulator, labelled as demo data', async () => {
    await setSandbox(ctx.db, 'unleashed', {
      enabled: true,
      dataset: { seed: 20_240_917, endDate: '2025-06-30', days: 60 },
    });
    expect(await unleashedConnector.configuration(ctx)).toMatchObject({
      state: 'sandbox',
      source: 'sandbox',
    });
    const result = await runSync(ctx, {
      connector: unleashedConnector,
      runId: randomUUID(),
      mode: 'full',
      trigger: 'manual',
    });
    expect(result.status).toBe('succeeded');
    const rows = await queryRows<{ source: string; kind: string; n: number }>(
      ctx.db,
      sql`select source, 'orders' as kind, count(*)::int as n from orders group by source
          union all select source, 'purchase_orders', count(*)::int from purchase_orders group by source
          union all select source, 'production_batches', count(*)::int from production_batches group by source
          union all select source, 'stock_levels', count(*)::int from stock_levels group by source
          order by 2`,
    );
    expect(rows.map((r) => r.source)).toEqual(['demo', 'demo', 'demo', 'demo']);
    expect(rows.every((r) => r.n > 0)).toBe(true);
    const [run] = await queryRows<{ detail: { sandbox: boolean } }>(
      ctx.db,
      sql`select detail from sync_runs where id = ${result.runId}`,
    );
    expect(run!.detail.sandbox).toBe(true);
  });
});
