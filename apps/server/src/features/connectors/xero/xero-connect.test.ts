import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import { buildHttpApp } from '../../../http-app';
import { createTestContext } from '../../../test-support/app-context';
import { signInAs } from '../../../test-support/auth';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { setSandbox } from '../../sync/connector-state';
import { runSync } from '../../sync/run-sync';
import { xeroConnector } from './xero-connector';
import { ensureXeroSandbox, stopXeroSandboxes } from './xero-sandbox';
import { SANDBOX_XERO_TENANT } from './xero-settings';
import type { XeroSimulator } from './xero-simulator';

const DATASET = { seed: 20_240_917, endDate: '2025-06-30', days: 45 };

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let ctx: AppContext;
let app: Awaited<ReturnType<typeof buildHttpApp>>;
let admin: Awaited<ReturnType<typeof signInAs>>;
let simulator: XeroSimulator;

beforeAll(async () => {
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
  ctx = testContext.ctx;
  await setSandbox(ctx.db, 'xero', { enabled: true, dataset: DATASET });
  simulator = await ensureXeroSandbox(ctx, DATASET);
  app = await buildHttpApp(ctx, { serveWeb: false });
  admin = await signInAs(app, ctx, 'admin');
});
afterAll(async () => {
  await app?.close();
  await testContext?.inProcessJobs?.whenIdle();
  await testContext?.close();
  await stopXeroSandboxes();
  await database?.close();
});

async function consent(): Promise<URL> {
  const start = await app.inject({
    method: 'POST',
    url: '/api/connectors/xero/authorize',
    headers: admin.headers,
  });
  expect(start.statusCode).toBe(200);
  const { url, redirectUri } = start.json() as { url: string; redirectUri: string };
  expect(redirectUri).toMatch(/\/api\/connectors\/xero\/callback$/);
  const authorize = new URL(url);
  expect(authorize.origin + authorize.pathname).toBe(simulator.urls.authorizeUrl);
  expect(authorize.searchParams.get('scope')).toContain('offline_access');
  // Xero shows its consent screen; the simulator consents at once and redirects back.
  const answer = await fetch(url, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location')!);
}

const callback = (back: URL) =>
  app.inject({ method: 'GET', url: `/api/connectors/xero/callback${back.search}` });
const stored = () =>
  queryRows<{ connector: string }>(
    ctx.db,
    sql`select connector from connector_credentials where connector like 'xero%'`,
  );

describe('connecting Xero (authorisation code flow)', () => {
  it('is for admins who may change connectors', async () => {
    const viewer = await signInAs(app, ctx, 'viewer');
    const response = await app.inject({
      method: 'POST',
      url: '/api/connectors/xero/authorize',
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(403);
  });

  it('exchanges the code after consent, stores the organisation encrypted, and sends the admin back to the page', async () => {
    const back = await consent();
    const response = await callback(back);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(
      `/data/connections/xero?connected=${encodeURIComponent(SANDBOX_XERO_TENANT.name)}`,
    );
    expect((await stored()).map((r) => r.connector)).toEqual(['xero.oauth:sandbox']);
    const [audit] = await queryRows<{ actor_user_id: string; after: { connected: { tenantName: string } } }>(
      ctx.db,
      sql`select actor_user_id, after from audit_log where action = 'connector-credentials.changed' order by id desc limit 1`,
    );
    expect(audit).toEqual({
      actor_user_id: admin.userId,
      after: { connected: expect.objectContaining({ tenantName: SANDBOX_XERO_TENANT.name }) },
    });
    // The state is single use: replaying the callback is refused.
    const replay = await callback(back);
    expect(decodeURIComponent(String(replay.headers.location))).toMatch(/\?error=.*already used/);
  });

  it('refuses a callback it did not start (forged state) and a declined consent', async () => {
    const back = await consent();
    back.searchParams.set('state', 'forged-state');
    expect((await callback(back)).headers.location).toMatch(/\?error=/);
    const declined = await consent();
    declined.searchParams.delete('code');
    declined.searchParams.set('error', 'access_denied');
    expect((await callback(declined)).headers.location).toMatch(/access_denied/);
  });
});

describe('the Xero balance sheet and disconnecting', () => {
  it('answers 404 until a sync has read a balance sheet, then the ratios', async () => {
    const before = await app.inject({
      method: 'GET',
      url: '/api/connectors/xero/balance-sheet',
      headers: admin.headers,
    });
    expect(before.statusCode).toBe(404);
    const result = await runSync(ctx, {
      connector: xeroConnector,
      runId: randomUUID(),
      mode: 'full',
      trigger: 'manual',
    });
    expect(result.status).toBe('succeeded');
    const response = await app.inject({
      method: 'GET',
      url: '/api/connectors/xero/balance-sheet',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      currency: string;
      currentRatio: number;
      quickRatio: number;
      source: string;
      bankMinor: number;
    };
    expect(body).toMatchObject({ currency: 'GBP', source: 'demo' });
    expect(body.currentRatio).toBeGreaterThan(body.quickRatio);
    const tenant = simulator.tenant(SANDBOX_XERO_TENANT.tenantId);
    const bank = tenant.bankAccounts.reduce((sum, a) => sum + Math.round(Number(a.balance) * 100), 0);
    expect(body.bankMinor).toBe(bank);
  });

  it('removes the access at Xero and forgets the connection, audited', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/connectors/xero/disconnect',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ disconnected: true, tenantName: SANDBOX_XERO_TENANT.name });
    expect(
      simulator.server.requests((r) => r.method === 'DELETE' && r.path.startsWith('/connections/')),
    ).toHaveLength(1);
    expect(await stored()).toEqual([]);
  });
});
