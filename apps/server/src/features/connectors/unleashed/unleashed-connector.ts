import type { AppContext } from '../../../context';
import type { RetryPolicy } from '../../../platform/http-client/index';
import {
  type ConnectorDefinition,
  ConnectorNotConfiguredError,
  type ConnectorSession,
} from '../../sync/connector';
import { connectorHttpClient } from '../common/http';
import { UNLEASHED_BUCKET, UnleashedClient } from './unleashed-client';
import { unleashedPages } from './unleashed-pages';
import { unleashedRecords } from './unleashed-records';
import { ensureUnleashedSandbox } from './unleashed-sandbox';
import {
  readUnleashedSettings,
  UNLEASHED_CREDENTIAL_FIELDS,
  type UnleashedSettings,
  unleashedConfiguration,
} from './unleashed-settings';

/** The sandbox account is a local process: no reason to pace it like the real service. */
const SANDBOX_BUCKET = { capacity: 50, refillPerSecond: 200 };

/**
 * Unleashed (inventory and production ERP): warehouses, suppliers, products, stock on hand per
 * warehouse, wholesale sales orders, purchase orders and assemblies (production batches), polled
 * every 5 minutes with `modifiedSince` (Unleashed sends no webhooks).
 */
export const unleashedConnector: ConnectorDefinition = {
  name: 'unleashed',
  label: 'Unleashed',
  description:
    'Products, stock on hand per warehouse, wholesale sales orders, purchase orders, assemblies, warehouses and suppliers from Unleashed.',
  entities: ['products', 'stock', 'sales orders', 'purchase orders', 'assemblies', 'warehouses', 'suppliers'],
  schedule: { everyMs: 5 * 60_000, label: 'every 5 minutes' },
  credentialFields: UNLEASHED_CREDENTIAL_FIELDS,
  sandboxAvailable: true,
  configuration: unleashedConfiguration,

  async open(ctx) {
    const settings = await readUnleashedSettings(ctx);
    if ('missing' in settings) throw new ConnectorNotConfiguredError('unleashed', settings.missing);
    if (!settings.sandbox) return openUnleashedSession(ctx, settings);
    const simulator = await ensureUnleashedSandbox(settings.sandbox);
    return openUnleashedSession(ctx, { ...settings, baseUrl: simulator.url }, { bucket: SANDBOX_BUCKET });
  },

  toRecords: unleashedRecords,
};

/** What tests (and the sandbox) tune: the account's bucket, timeouts, retries and page size. */
export interface SessionOptions {
  bucket?: typeof UNLEASHED_BUCKET;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  pageSize?: number;
}

/** The Unleashed client for these settings: 30 s per attempt, the shared limiter, the account's bucket. */
export function unleashedClient(
  ctx: AppContext,
  settings: Pick<UnleashedSettings, 'baseUrl' | 'credentials'>,
  options: SessionOptions = {},
): UnleashedClient {
  const http = connectorHttpClient(ctx, {
    name: 'unleashed',
    baseUrl: settings.baseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return new UnleashedClient(http, settings.credentials, options.bucket ?? UNLEASHED_BUCKET);
}

/** A run against this account (the sandbox and tests pass the simulator's URL as the base URL). */
export function openUnleashedSession(
  ctx: AppContext,
  settings: UnleashedSettings,
  options: SessionOptions = {},
): ConnectorSession {
  const client = unleashedClient(ctx, settings, options);
  return {
    source: settings.source,
    pages: (sync) =>
      unleashedPages(client, {
        ...sync,
        account: { source: settings.source, baseCurrency: settings.baseCurrency },
        today: new Date().toISOString().slice(0, 10),
        ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      }),
  };
}
