import { type DatabaseHandle, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../context';
import {
  HttpClient,
  HttpRetryBudgetError,
  HttpStatusError,
  MemoryRequestLimiter,
} from '../../../platform/http-client/index';
import { createTestContext } from '../../../test-support/app-context';
import { createPgliteTestDatabase } from '../../../test-support/database';
import { XeroClient, xeroThrottleVerdict } from './xero-client';
import { XeroOAuthClient, XeroReconnectError } from './xero-oauth';
import { signXeroWebhook, type XeroSimulator } from './xero-simulator';
import {
  connectTestXero,
  startTestXero,
  TEST_APP,
  TEST_TENANT,
  testOAuth,
  testTokenStore,
} from './xero-test-kit';
import { verifyXeroSignature } from './xero-webhooks';

let database: DatabaseHandle;
let testContext: ReturnType<typeof createTestContext>;
let ctx: AppContext;
let simulator: XeroSimulator;
let clock = 0;

beforeAll(async () => {
  // The identity server's clock can be moved forward (grace periods) without waiting.
  simulator = await startTestXero({ now: () => Date.now() + clock, limits: { minute: 1000, day: 100_000 } });
});
afterAll(() => simulator?.stop());
beforeEach(async () => {
  clock = 0;
  database = await createPgliteTestDatabase();
  testContext = createTestContext(database);
  ctx = testContext.ctx;
  simulator.server.clearFaults();
  simulator.server.log.length = 0;
  simulator.onApiRequest = null;
});
afterEach(async () => {
  await testContext.close();
  await database.close();
});

function apiClient(store: ReturnType<typeof testTokenStore>) {
  return new XeroClient(apiClientHttp(), store, { capacity: 100, refillPerSecond: 100 });
}

const tokenRequests = () => simulator.server.requests((r) => r.path === '/connect/token');

describe('Xero webhook signature', () => {
  it('matches the contract test vector and refuses anything else', () => {
    const body = Buffer.from(
      '{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}',
    );
    const vector = 'Jk5oeRqkvxspr6ZqkjgzOcJkUe7yZPsZrwBHTeueGFc=';
    expect(signXeroWebhook('xero-webhook-key', body.toString())).toBe(vector);
    expect(verifyXeroSignature(['xero-webhook-key'], body, vector)).toBe(true);
    expect(verifyXeroSignature(['other-key', 'xero-webhook-key'], body, vector)).toBe(true);
    expect(verifyXeroSignature(['xero-webhook-key'], Buffer.from(`${body} `), vector)).toBe(false);
    expect(verifyXeroSignature(['xero-webhook-key'], body, undefined)).toBe(false);
    expect(verifyXeroSignature([], body, vector)).toBe(false);
  });
});

describe('Xero OAuth connection', () => {
  it('stores the connection encrypted and audited after the code exchange', async () => {
    const store = await connectTestXero(ctx, simulator);
    const stored = await store.read();
    expect(stored!.connection).toMatchObject({
      tenantId: TEST_TENANT.tenantId,
      tenantName: TEST_TENANT.name,
      lease: null,
    });
    expect(simulator.auth.isCurrent(stored!.connection.refreshToken)).toBe(true);
    const [row] = await queryRows<{ ciphertext: string }>(
      ctx.db,
      sql`select ciphertext from connector_credentials where connector = 'xero.oauth'`,
    );
    expect(row!.ciphertext).not.toContain(stored!.connection.refreshToken);
    const [audit] = await queryRows<{ action: string; target_id: string }>(
      ctx.db,
      sql`select action, target_id from audit_log where action = 'connector-credentials.changed'`,
    );
    expect(audit).toEqual({ action: 'connector-credentials.changed', target_id: 'xero' });
  });

  it('refuses a wrong client secret and a code used twice', async () => {
    const redirect = 'https://x.example/cb';
    const code = simulator.auth.issueCode([TEST_TENANT.tenantId], redirect);
    const wrong = new XeroOAuthClient(testOAuth(simulator).http, simulator.urls.tokenUrl, {
      ...TEST_APP,
      clientSecret: 'nope',
    });
    await expect(wrong.exchangeCode(code, redirect)).rejects.toBeInstanceOf(XeroReconnectError);
    const code2 = simulator.auth.issueCode([TEST_TENANT.tenantId], redirect);
    await testOAuth(simulator).oauth.exchangeCode(code2, redirect);
    await expect(testOAuth(simulator).oauth.exchangeCode(code2, redirect)).rejects.toThrow(/invalid_grant/);
  });

  it('uses a valid access token without refreshing, and sends the tenant header', async () => {
    const store = await connectTestXero(ctx, simulator);
    simulator.server.log.length = 0;
    const client = apiClient(testTokenStore(ctx, simulator));
    await client.get('Organisation');
    await client.get('Organisation');
    expect(tokenRequests()).toHaveLength(0);
    const api = simulator.server.requests((r) => r.path.endsWith('/Organisation'));
    const { connection } = (await store.read())!;
    expect(api.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${connection.accessToken}`,
      `Bearer ${connection.accessToken}`,
    ]);
    expect(api[0]!.headers['xero-tenant-id']).toBe(TEST_TENANT.tenantId);
  });

  it('refreshes on a 401, stores the rotated refresh token before using the new access token', async () => {
    const store = await connectTestXero(ctx, simulator);
    const before = (await store.read())!.connection;
    simulator.auth.expireAccessTokens();
    simulator.server.log.length = 0;
    const seen: { stored: string; current: boolean; bearer: string | undefined }[] = [];
    simulator.onApiRequest = async (req) => {
      const { connection } = (await store.read())!;
      seen.push({
        stored: connection.accessToken!,
        current: simulator.auth.isCurrent(connection.refreshToken),
        bearer: req.headers.authorization,
      });
    };
    const org = await apiClient(testTokenStore(ctx, simulator)).get<{ Organisations: { Name: string }[] }>(
      'Organisation',
    );
    expect(org.Organisations[0]!.Name).toBe(TEST_TENANT.name);
    const after = (await store.read())!.connection;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(simulator.auth.isCurrent(before.refreshToken)).toBe(false);
    // When the new access token reached Xero, the row already held it and the rotated refresh token.
    expect(seen).toEqual([
      { stored: after.accessToken, current: true, bearer: `Bearer ${after.accessToken}` },
    ]);
    expect(simulator.server.requests().map((r) => r.status)).toEqual([401, 200, 200]);
  });

  it('keeps the connection when the refresh answer is lost (the retry reuses the old token within the grace period)', async () => {
    await connectTestXero(ctx, simulator);
    // Xero processes the refresh after 300 ms; the client gave up after 100 ms and tries again.
    simulator.server.inject(
      { kind: 'delay', ms: 300 },
      { times: 1, match: (r) => r.path === '/connect/token' },
    );
    const store = testTokenStore(ctx, simulator, { timeoutMs: 100 });
    const stale = (await store.read())!.connection.accessToken!;
    const access = await store.accessToken({ rejected: stale });
    await new Promise((r) => setTimeout(r, 350));
    const { connection } = (await store.read())!;
    expect(access.accessToken).toBe(connection.accessToken);
    expect(simulator.auth.isCurrent(connection.refreshToken)).toBe(true);
    // And it keeps working.
    await apiClient(testTokenStore(ctx, simulator)).get('Organisation');
  });

  it('recovers after a crash between receiving the new refresh token and storing it', async () => {
    const store = await connectTestXero(ctx, simulator);
    const { connection } = (await store.read())!;
    // The worker received this pair and died before writing it: Xero has rotated, the row has not.
    const lost = await testOAuth(simulator).oauth.refresh(connection.refreshToken);
    expect(simulator.auth.isCurrent(connection.refreshToken)).toBe(false);
    clock = 20 * 60_000; // 20 minutes later, within the 30-minute grace period
    const access = await testTokenStore(ctx, simulator).accessToken({ rejected: connection.accessToken! });
    const now = (await store.read())!.connection;
    expect(access.accessToken).not.toBe(lost.accessToken);
    expect(now.refreshToken).not.toBe(connection.refreshToken);
    expect(simulator.auth.isCurrent(now.refreshToken)).toBe(true);
  });

  it('past the grace period Xero says invalid_grant: the connection is marked for reconnecting, not retried', async () => {
    const store = await connectTestXero(ctx, simulator);
    const { connection } = (await store.read())!;
    await testOAuth(simulator).oauth.refresh(connection.refreshToken);
    clock = 31 * 60_000;
    const refreshesBefore = tokenRequests().length;
    await expect(
      testTokenStore(ctx, simulator).accessToken({ rejected: connection.accessToken! }),
    ).rejects.toBeInstanceOf(XeroReconnectError);
    expect(tokenRequests().length - refreshesBefore).toBe(1);
    expect((await store.read())!.connection.brokenReason).toBe('invalid_grant');
    await expect(testTokenStore(ctx, simulator).accessToken()).rejects.toThrow(
      /connect the organisation again/,
    );
    expect(tokenRequests().length - refreshesBefore).toBe(1);
  });

  it('lets one replica refresh at a time: two at once make one refresh and share its token', async () => {
    const store = await connectTestXero(ctx, simulator);
    const stale = (await store.read())!.connection.accessToken!;
    const refreshes = simulator.auth.refreshCount;
    const [a, b] = await Promise.all([
      testTokenStore(ctx, simulator).accessToken({ rejected: stale }),
      testTokenStore(ctx, simulator).accessToken({ rejected: stale }),
    ]);
    expect(simulator.auth.refreshCount - refreshes).toBe(1);
    expect(a.accessToken).toBe(b.accessToken);
  });
});

describe('Xero API errors and limits', () => {
  it('answers 403 for a tenant the token cannot reach', async () => {
    await connectTestXero(ctx, simulator);
    const store = testTokenStore(ctx, simulator);
    const wrongTenant = {
      accessToken: async () => ({ ...(await store.accessToken()), tenantId: 'someone-else' }),
    };
    const error = await new XeroClient(apiClientHttp(), wrongTenant)
      .get('Organisation')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(403);
  });

  it('retries a 5xx', async () => {
    await connectTestXero(ctx, simulator);
    simulator.server.inject(
      { kind: 'status', status: 503 },
      { times: 2, match: (r) => r.path.includes('/api.xro/') },
    );
    await apiClient(testTokenStore(ctx, simulator)).get('Organisation');
    expect(simulator.server.requests((r) => r.path.includes('/api.xro/')).map((r) => r.status)).toEqual([
      503, 503, 200,
    ]);
  });

  it('waits out the minute limit for Retry-After; a spent daily limit fails the call with the reason', async () => {
    const limited = await startTestXero({ limits: { minute: 2, day: 4, minuteMs: 1_200 } });
    try {
      await connectTestXero(ctx, limited);
      const client = new XeroClient(apiClientHttp(limited.urls.apiUrl), testTokenStore(ctx, limited), {
        capacity: 100,
        refillPerSecond: 100,
      });
      for (let i = 0; i < 3; i++) await client.get('Organisation');
      const api = limited.server.requests((r) => r.path.includes('/api.xro/'));
      expect(api.map((r) => r.status)).toEqual([200, 200, 429, 200]);
      expect(api[3]!.at - api[2]!.at).toBeGreaterThanOrEqual(950);
      await client.get('Organisation');
      const error = await client.get('Organisation').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpRetryBudgetError);
      expect(String(error)).toMatch(/asked to wait 43200 s/);
    } finally {
      await limited.stop();
    }
  });
});

function apiClientHttp(baseUrl = simulator.urls.apiUrl) {
  return new HttpClient({
    name: 'xero',
    baseUrl,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 4 },
    limiter: new MemoryRequestLimiter(),
    inspect: xeroThrottleVerdict,
  });
}
