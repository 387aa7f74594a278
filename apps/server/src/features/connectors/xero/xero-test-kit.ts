import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context';
import { HttpClient, MemoryRequestLimiter, type RetryPolicy } from '../../../platform/http-client/index';
import type { ConnectorDefinition } from '../../sync/connector';
import { runSync } from '../../sync/run-sync';
import { openXeroSession, type XeroSessionOptions, xeroConnector } from './xero-connector';
import { XeroOAuthClient } from './xero-oauth';
import { buildXeroSandboxTenant } from './xero-sandbox-data';
import { XeroSimulator, type XeroSimulatorOptions } from './xero-simulator';
import { XeroTokenStore } from './xero-token-store';

/**
 * Test helpers: a Xero simulator whose organisation is seeded from a short demo period, a
 * connection made through the real authorisation-code exchange, and the real connector aimed at it.
 */
export const TEST_DATASET = { seed: 20_240_917, endDate: '2025-06-30', days: 70 };
export const TEST_APP = {
  clientId: 'TESTXEROCLIENTID0000000000000000',
  clientSecret: 'test-xero-client-secret',
};
export const TEST_TENANT = {
  tenantId: '7f1c2a44-6f6a-4b3c-8e11-1234567890ab',
  name: 'Acme Manufacturing Ltd',
};
export const TEST_WEBHOOK_KEY = 'xero-webhook-key';
export const TEST_TOKEN_KEY = 'xero.oauth';
export const TEST_PAGE_SIZE = 10;

export async function startTestXero(options: Partial<XeroSimulatorOptions> = {}): Promise<XeroSimulator> {
  const simulator = new XeroSimulator({
    ...TEST_APP,
    webhookKey: TEST_WEBHOOK_KEY,
    tenants: [await buildXeroSandboxTenant(TEST_DATASET, 35, TEST_TENANT)],
    ...options,
  });
  await simulator.start();
  return simulator;
}

/** The token endpoint client with test pacing (short timeout, quick retries). */
export function testOAuth(
  simulator: XeroSimulator,
  options: { timeoutMs?: number; retry?: Partial<RetryPolicy> } = {},
) {
  const http = new HttpClient({
    name: 'xero-identity',
    timeoutMs: options.timeoutMs ?? 2_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 3, ...options.retry },
    limiter: new MemoryRequestLimiter(),
  });
  return { http, oauth: new XeroOAuthClient(http, simulator.urls.tokenUrl, TEST_APP) };
}

export function testTokenStore(
  ctx: AppContext,
  simulator: XeroSimulator,
  options: Parameters<typeof testOAuth>[1] = {},
) {
  return new XeroTokenStore(ctx.db, ctx.secretBox, TEST_TOKEN_KEY, testOAuth(simulator, options).oauth);
}

/** Consent and code exchange as the callback does them, stored as an admin's connection. */
export async function connectTestXero(ctx: AppContext, simulator: XeroSimulator): Promise<XeroTokenStore> {
  const redirectUri = 'https://dashboard.example/api/connectors/xero/callback';
  const code = simulator.auth.issueCode([TEST_TENANT.tenantId], redirectUri);
  const store = testTokenStore(ctx, simulator);
  const tokens = await testOAuth(simulator).oauth.exchangeCode(code, redirectUri);
  await store.connect(
    tokens,
    {
      tenantId: TEST_TENANT.tenantId,
      tenantName: TEST_TENANT.name,
      connectionId: `conn-${TEST_TENANT.tenantId}`,
    },
    { userId: null, label: 'test admin' },
  );
  return store;
}

export function connectorFor(
  simulator: XeroSimulator,
  options: XeroSessionOptions = {},
): ConnectorDefinition {
  return {
    ...xeroConnector,
    configuration: async () => ({ state: 'configured', source: 'environment', detail: 'test organisation' }),
    open: async (ctx) =>
      openXeroSession(
        ctx,
        {
          source: 'xero',
          tokens: testTokenStore(ctx, simulator),
          apiUrl: simulator.urls.apiUrl,
          tenantId: TEST_TENANT.tenantId,
        },
        {
          bucket: { capacity: 100, refillPerSecond: 500 },
          pageSize: TEST_PAGE_SIZE,
          retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 },
          ...options,
        },
      ),
  };
}

export function sync(
  ctx: AppContext,
  connector: ConnectorDefinition,
  mode: 'full' | 'incremental' = 'incremental',
  extra: Partial<Parameters<typeof runSync>[1]> = {},
) {
  return runSync(ctx, { connector, runId: randomUUID(), mode, trigger: 'manual', ...extra });
}
