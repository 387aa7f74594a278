import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../http-app';
import { createTestContext } from '../../test-support/app-context';
import { signInAs } from '../../test-support/auth';
import { createPgliteTestDatabase } from '../../test-support/database';
import { stopAmazonSandboxes } from '../connectors/amazon/amazon-sandbox';
import { ensureShopifySandbox, stopShopifySandboxes } from '../connectors/shopify/shopify-sandbox';
import { markDemoLoaded } from '../demo/demo-settings';
import { getConnectorState } from './connector-state';
import { scheduledSyncJob } from './jobs';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let app: Awaited<ReturnType<typeof buildHttpApp>>;
let admin: { authorization: string };
let viewer: { authorization: string };

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
  app = await buildHttpApp(testContext.ctx, { serveWeb: false });
  admin = (await signInAs(app, testContext.ctx, 'admin')).headers;
  // The sandbox replays the demo data set loaded here: a short one keeps the test quick.
  await markDemoLoaded(testContext.ctx.db, {
    loadedAt: new Date().toISOString(),
    seed: 20_240_917,
    startDate: '2025-06-21',
    endDate: '2025-06-30',
    days: 10,
    syncRunId: '00000000-0000-4000-8000-000000000000',
    recordsWritten: 0,
  });
  viewer = (await signInAs(app, testContext.ctx, 'viewer')).headers;
});
afterAll(async () => {
  await testContext?.inProcessJobs?.whenIdle();
  await app?.close();
  await testContext?.close();
  await stopShopifySandboxes();
  await stopAmazonSandboxes();
  await database?.close();
});

const get = (url: string, headers = viewer) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT', url: string, payload: unknown, headers = admin) =>
  app.inject({ method, url, headers, payload: payload as object });

async function waitForRun(connector: string, runId: string) {
  for (let i = 0; i < 300; i++) {
    const run = (await get(`/api/connections/${connector}/runs/${runId}`)).json();
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the run did not finish');
}

describe('connections API', () => {
  it('lists every connector, not configured and never scheduled, to any reader; only managers may act', async () => {
    const response = await get('/api/connections');
    expect(response.statusCode).toBe(200);
    const { connections, runner } = response.json();
    expect(runner).toBe('in-process');
    const shopify = connections.find((c: { name: string }) => c.name === 'shopify');
    expect(shopify).toMatchObject({
      state: 'not_configured',
      sandboxAvailable: true,
      degraded: false,
      canManage: false,
      activeRun: null,
      lastRun: null,
      schedule: { nextRunAt: null, everyMs: 900_000 },
    });
    expect(connections.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['shopify', 'amazon']),
    );
    expect((await get('/api/connections', admin)).json().connections[0].canManage).toBe(true);
    expect((await send('POST', '/api/connections/shopify/sync', {}, viewer)).statusCode).toBe(403);
    expect(
      (await send('PUT', '/api/connections/shopify/sandbox', { enabled: true }, viewer)).statusCode,
    ).toBe(403);
    const notConfigured = await send('POST', '/api/connections/shopify/sync', {});
    expect(notConfigured.statusCode).toBe(409);
    expect(notConfigured.json().detail).toMatch(/not configured/);
    expect((await get('/api/connections/nope')).statusCode).toBe(404);
  });

  it('stores credentials encrypted, never returns secrets, and audits reads and changes', async () => {
    const saved = await send('PUT', '/api/connections/shopify/credentials', {
      values: { shopUK: 'sentia-uk.myshopify.com', tokenUK: 'shpat_secret_value_123' },
    });
    expect(saved.statusCode).toBe(200);
    const fields = saved.json().fields as {
      key: string;
      set: boolean;
      value: string | null;
      source: string | null;
    }[];
    expect(fields.find((f) => f.key === 'shopUK')).toMatchObject({
      set: true,
      value: 'sentia-uk.myshopify.com',
      source: 'app',
    });
    expect(fields.find((f) => f.key === 'tokenUK')).toMatchObject({ set: true, value: null, source: 'app' });
    expect(saved.body).not.toContain('shpat_secret_value_123');
    const [row] = await queryRows<{ ciphertext: string }>(
      testContext.ctx.db,
      sql`select ciphertext from connector_credentials where connector = 'shopify'`,
    );
    expect(row!.ciphertext).not.toContain('shpat');
    const audit = await queryRows<{ action: string; after: unknown }>(
      testContext.ctx.db,
      sql`select action, after from audit_log where target_id = 'shopify' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'connector-credentials.changed',
      'connector-credentials.read',
    ]);
    expect(JSON.stringify(audit)).not.toContain('shpat_secret_value_123');
    const listed = (await get('/api/connections'))
      .json()
      .connections.find((c: { name: string }) => c.name === 'shopify');
    expect(listed).toMatchObject({ state: 'configured', source: 'app' });
    expect(listed.schedule.nextRunAt).not.toBeNull();
    expect(
      (await send('PUT', '/api/connections/shopify/credentials', { values: { nope: 'x' } })).statusCode,
    ).toBe(400);
    await send('PUT', '/api/connections/shopify/credentials', { values: { shopUK: null, tokenUK: null } });
    expect((await get('/api/connections')).json().connections[0]).toMatchObject({ state: 'not_configured' });
  });

  it('an admin switches the sandbox on, syncs now, and follows the run to completion; repeat clicks share the run', async () => {
    const on = await send('PUT', '/api/connections/shopify/sandbox', { enabled: true });
    expect(on.statusCode).toBe(200);
    expect(on.json().connection).toMatchObject({ state: 'sandbox', source: 'sandbox' });
    const started = await send('POST', '/api/connections/shopify/sync', { mode: 'full' });
    expect(started.statusCode).toBe(202);
    const { run, alreadyRunning } = started.json();
    expect(alreadyRunning).toBe(false);
    expect(run.status).toBe('queued');
    const again = (await send('POST', '/api/connections/shopify/sync', {})).json();
    expect(again).toMatchObject({ alreadyRunning: true, run: { id: run.id } });

    const finished = await waitForRun('shopify', run.id);
    expect(finished).toMatchObject({
      status: 'succeeded',
      progress: 100,
      sandbox: true,
      trigger: 'manual',
      recordsRejected: 0,
    });
    expect(finished.recordsWritten).toBeGreaterThan(100);
    expect(finished.entities.order.read).toBeGreaterThan(100);
    const [sources] = await queryRows<{ sources: string }>(
      testContext.ctx.db,
      sql`select string_agg(distinct source, ',') as sources from orders`,
    );
    expect(sources!.sources).toBe('demo');

    const detail = (await get('/api/connections/shopify')).json();
    expect(detail.connection.lastRun.id).toBe(run.id);
    expect(detail.connection.activeRun).toBeNull();
    expect(detail.runs[0]).toMatchObject({ id: run.id, status: 'succeeded' });
    expect((await get('/api/connections/shopify/runs?limit=5')).json().runs).toHaveLength(1);
  });

  it('marks a connector degraded after three failed runs, on the page and on /api/status, while others keep syncing', async () => {
    const state = await getConnectorState(testContext.ctx.db, 'shopify');
    const simulator = await ensureShopifySandbox(state.sandboxDataset!);
    simulator.server.inject(
      { kind: 'status', status: 401, body: { errors: '[API] Invalid API key or access token' } },
      { times: 3 },
    );
    for (let i = 0; i < 3; i++) {
      const { run } = (await send('POST', '/api/connections/shopify/sync', {})).json();
      expect((await waitForRun('shopify', run.id)).error).toMatch(/HTTP 401/);
    }
    const shopify = (await get('/api/connections'))
      .json()
      .connections.find((c: { name: string }) => c.name === 'shopify');
    expect(shopify).toMatchObject({
      degraded: true,
      consecutiveFailures: 3,
      lastError: { message: expect.stringMatching(/401/) },
    });
    const status = (await app.inject({ method: 'GET', url: '/api/status' })).json();
    expect(status.status).toBe('degraded');
    expect(status.dependencies.find((d: { name: string }) => d.name === 'connectors')).toMatchObject({
      state: 'degraded',
      required: false,
      detail: expect.stringMatching(/Shopify: 3 failed syncs in a row/),
    });

    await send('PUT', '/api/connections/amazon/sandbox', { enabled: true });
    const { run } = (await send('POST', '/api/connections/amazon/sync', {})).json();
    expect((await waitForRun('amazon', run.id)).status).toBe('succeeded');

    // The next good Shopify run clears it.
    const { run: good } = (await send('POST', '/api/connections/shopify/sync', {})).json();
    expect((await waitForRun('shopify', good.id)).status).toBe('succeeded');
    expect((await get('/api/connections')).json().connections[0]).toMatchObject({
      degraded: false,
      consecutiveFailures: 0,
    });
  });

  it('pauses scheduled syncs in maintenance mode', async () => {
    const ctx = testContext.ctx;
    await ctx.maintenance.set({ userId: null, label: 'test' }, true, null);
    try {
      const result = await scheduledSyncJob.handler(
        { connector: 'shopify' },
        { ctx, attempt: 1, reportProgress: async () => {} },
      );
      expect(result).toEqual({ status: 'skipped', reason: 'maintenance mode' });
    } finally {
      await ctx.maintenance.set({ userId: null, label: 'test' }, false, null);
    }
    const result = await scheduledSyncJob.handler(
      { connector: 'shopify' },
      { ctx, attempt: 1, reportProgress: async () => {} },
    );
    expect(result).toMatchObject({ status: 'succeeded' });
  });

  it('on an embedded start, closes a sync the last stop cut short (it resumes from its cursor)', async () => {
    const ctx = testContext.ctx;
    const [row] = await queryRows<{ id: string }>(
      ctx.db,
      sql`insert into sync_runs (connector, kind, status, heartbeat_at, trigger)
          values ('amazon', 'incremental', 'running', now(), 'schedule') returning id`,
    );
    const restarted = await buildHttpApp(ctx, { serveWeb: false });
    try {
      await restarted.ready();
      const [run] = await queryRows<{ status: string; error: string }>(
        ctx.db,
        sql`select status, error from sync_runs where id = ${row!.id}`,
      );
      expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    } finally {
      await restarted.close();
    }
  });
});
