import type { AppContext } from '../../../context';
import type { BucketSpec, RetryPolicy } from '../../../platform/http-client/index';
import { SYSTEM_ACTOR } from '../../audit/record-audit';
import {
  type ConnectorDefinition,
  ConnectorNotConfiguredError,
  type ConnectorSession,
} from '../../sync/connector';
import { connectorHttpClient } from '../common/http';
import { XERO_BUCKET, XeroClient, type XeroTokenProvider, xeroThrottleVerdict } from './xero-client';
import { xeroPages } from './xero-pages';
import { xeroRecords } from './xero-records';
import { ensureXeroSandbox } from './xero-sandbox';
import {
  readXeroSettings,
  SANDBOX_XERO_TENANT,
  XERO_CREDENTIAL_FIELDS,
  XERO_ENDPOINTS,
  type XeroEndpoints,
  type XeroSettings,
  xeroConfiguration,
  xeroTokenStore,
} from './xero-settings';
import type { XeroSimulator } from './xero-simulator';
import type { XeroTokenStore } from './xero-token-store';

/** The sandbox organisation is a local process: no reason to pace it like the real API. */
const SANDBOX_BUCKET: BucketSpec = { capacity: 50, refillPerSecond: 200 };

/**
 * Xero (accounting): sales invoices and bills (ACCREC/ACCPAY) with amounts due, their payments, and
 * bank balances from the Balance Sheet, polled hourly with If-Modified-Since; webhooks
 * (/api/webhooks/xero) bring changed invoices in between.
 */
export const xeroConnector: ConnectorDefinition = {
  name: 'xero',
  label: 'Xero',
  description:
    'Sales invoices and bills with amounts due, payments, and bank balances from your Xero organisation.',
  entities: ['invoices', 'bills', 'payments', 'bank balances'],
  schedule: { everyMs: 60 * 60_000, label: 'hourly (webhooks bring invoice changes in between)' },
  credentialFields: XERO_CREDENTIAL_FIELDS,
  sandboxAvailable: true,
  configuration: xeroConfiguration,

  async open(ctx) {
    const { settings, endpoints, simulator } = await resolveXero(ctx);
    const { store, oauth } = xeroTokenStore(ctx, settings, endpoints);
    if (simulator) await ensureSandboxConnection(store, oauth, simulator);
    const stored = await store.read();
    if (!stored) throw new ConnectorNotConfiguredError('xero', (await xeroConfiguration(ctx)).detail);
    return openXeroSession(
      ctx,
      {
        source: settings.source,
        tokens: store,
        apiUrl: endpoints.apiUrl,
        tenantId: stored.connection.tenantId,
      },
      simulator ? { bucket: SANDBOX_BUCKET } : {},
    );
  },

  toRecords: xeroRecords,
};

/** Settings and the endpoints they talk to (the sandbox simulator's, started on demand). */
export async function resolveXero(
  ctx: AppContext,
): Promise<{ settings: XeroSettings; endpoints: XeroEndpoints; simulator: XeroSimulator | null }> {
  const settings = await readXeroSettings(ctx);
  if ('missing' in settings) throw new ConnectorNotConfiguredError('xero', settings.missing);
  if (!settings.sandbox) return { settings, endpoints: XERO_ENDPOINTS, simulator: null };
  const simulator = await ensureXeroSandbox(ctx, settings.sandbox);
  return { settings, endpoints: simulator.urls, simulator };
}

/**
 * The sandbox connects itself: the simulator's consent is automatic, so a code is issued and
 * exchanged through the real token endpoint. A connection the running simulator does not know (it
 * was restarted with the process) is made again.
 */
async function ensureSandboxConnection(
  store: XeroTokenStore,
  oauth: ReturnType<typeof xeroTokenStore>['oauth'],
  simulator: XeroSimulator,
): Promise<void> {
  const stored = await store.read();
  if (stored && !stored.connection.brokenReason && simulator.auth.knows(stored.connection.refreshToken))
    return;
  const redirectUri = `${simulator.url}/sandbox-consent`;
  const code = simulator.auth.issueCode([SANDBOX_XERO_TENANT.tenantId], redirectUri);
  const tokens = await oauth.exchangeCode(code, redirectUri);
  await store.connect(
    tokens,
    { tenantId: SANDBOX_XERO_TENANT.tenantId, tenantName: SANDBOX_XERO_TENANT.name, connectionId: null },
    SYSTEM_ACTOR,
  );
}

export interface XeroSessionOptions {
  bucket?: BucketSpec;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  pageSize?: number;
  now?: () => number;
}

/** The API client for a connection: 30 s per attempt, Xero's 429 rules, the organisation's bucket. */
export function xeroApiClient(
  ctx: AppContext,
  connection: { tokens: XeroTokenProvider; apiUrl: string },
  options: XeroSessionOptions = {},
): XeroClient {
  const http = connectorHttpClient(ctx, {
    name: 'xero',
    baseUrl: connection.apiUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    inspect: xeroThrottleVerdict,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return new XeroClient(http, connection.tokens, options.bucket ?? XERO_BUCKET);
}

/** A run against a connection (the sandbox and tests pass the simulator's URLs). */
export function openXeroSession(
  ctx: AppContext,
  connection: { source: string; tokens: XeroTokenProvider; apiUrl: string; tenantId: string },
  options: XeroSessionOptions = {},
): ConnectorSession {
  const client = xeroApiClient(ctx, connection, options);
  return {
    source: connection.source,
    pages: (sync) =>
      xeroPages(client, {
        ...sync,
        source: connection.source,
        tenantId: connection.tenantId,
        today: new Date(options.now?.() ?? Date.now()).toISOString().slice(0, 10),
        ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        ...(options.now ? { now: options.now } : {}),
      }),
  };
}
