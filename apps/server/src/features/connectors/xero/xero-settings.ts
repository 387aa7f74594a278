import type { AppContext } from '../../../context';
import type { ConnectorConfiguration, CredentialField } from '../../sync/connector';
import { getConnectorState, type SandboxDataset } from '../../sync/connector-state';
import { resolveCredentials } from '../../sync/credentials';
import { connectorHttpClient, sandboxSecret } from '../common/http';
import { XERO_API_URL, XERO_AUTHORIZE_URL, XERO_CONNECTIONS_URL, XERO_TOKEN_URL } from './xero-client';
import { type XeroAppCredentials, XeroOAuthClient } from './xero-oauth';
import { XeroTokenStore } from './xero-token-store';

export const XERO_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  {
    key: 'clientId',
    label: 'Client id',
    secret: false,
    env: 'XERO_CLIENT_ID',
    help: 'The client id of your Xero app (developer.xero.com › My Apps), a web app whose redirect URI is this dashboard’s /api/connectors/xero/callback.',
  },
  { key: 'clientSecret', label: 'Client secret', secret: true, env: 'XERO_CLIENT_SECRET' },
  {
    key: 'webhookKey',
    label: 'Webhook key',
    secret: true,
    env: 'XERO_WEBHOOK_KEY',
    help: 'From the app’s Webhooks page; verifies deliveries to /api/webhooks/xero. Without it the hourly sync still runs.',
  },
];

/** The app the sandbox simulator knows (it serves only this process, on 127.0.0.1). */
export const SANDBOX_XERO_APP: XeroAppCredentials = {
  clientId: 'SANDBOXXEROCLIENTID00000000000000',
  clientSecret: 'sandbox-xero-client-secret-local-simulator',
};
export const SANDBOX_XERO_TENANT = {
  tenantId: '5a9d0e6c-0000-4000-8000-78e700000001',
  name: 'Sentia Drinks Ltd (sandbox)',
};

export interface XeroEndpoints {
  tokenUrl: string;
  connectionsUrl: string;
  apiUrl: string;
  authorizeUrl: string;
}

export const XERO_ENDPOINTS: XeroEndpoints = {
  tokenUrl: XERO_TOKEN_URL,
  connectionsUrl: XERO_CONNECTIONS_URL,
  apiUrl: XERO_API_URL,
  authorizeUrl: XERO_AUTHORIZE_URL,
};

export interface XeroSettings {
  sandbox: SandboxDataset | null;
  /** `xero`, or `demo` for the sandbox (it serves the demo business). */
  source: string;
  app: XeroAppCredentials;
  /** Keys webhook deliveries may be signed with (the sandbox's beside a configured one). */
  webhookKeys: string[];
  /** Where the connection's tokens are kept (separate for the sandbox, so they never mix). */
  tokenKey: string;
}

export async function readXeroSettings(ctx: AppContext): Promise<XeroSettings | { missing: string }> {
  const state = await getConnectorState(ctx.db, 'xero');
  const { values } = await resolveCredentials(ctx, {
    name: 'xero',
    credentialFields: XERO_CREDENTIAL_FIELDS,
  });
  const webhookKeys = values.webhookKey ? [values.webhookKey] : [];
  if (state.sandbox && state.sandboxDataset) {
    return {
      sandbox: state.sandboxDataset,
      source: 'demo',
      app: SANDBOX_XERO_APP,
      webhookKeys: [xeroSandboxWebhookKey(ctx), ...webhookKeys],
      tokenKey: 'xero.oauth:sandbox',
    };
  }
  if (!values.clientId || !values.clientSecret) {
    return {
      missing:
        'Give the Xero app’s client id and secret (XERO_CLIENT_ID, XERO_CLIENT_SECRET), then connect the organisation.',
    };
  }
  return {
    sandbox: null,
    source: 'xero',
    app: { clientId: values.clientId, clientSecret: values.clientSecret },
    webhookKeys,
    tokenKey: 'xero.oauth',
  };
}

/** The sandbox simulator's webhook key: derived per installation, never stored. */
export function xeroSandboxWebhookKey(ctx: Pick<AppContext, 'config'>): string {
  return sandboxSecret(ctx, 'xero-webhooks');
}

/** The token store of these settings, talking to these endpoints (the simulator's for the sandbox). */
export function xeroTokenStore(
  ctx: AppContext,
  settings: Pick<XeroSettings, 'app' | 'tokenKey'>,
  endpoints: XeroEndpoints,
) {
  const http = connectorHttpClient(ctx, { name: 'xero-identity', timeoutMs: 15_000 });
  const oauth = new XeroOAuthClient(http, endpoints.tokenUrl, settings.app);
  return { oauth, http, store: new XeroTokenStore(ctx.db, ctx.secretBox, settings.tokenKey, oauth) };
}

export async function xeroConfiguration(ctx: AppContext): Promise<ConnectorConfiguration> {
  const settings = await readXeroSettings(ctx);
  if ('missing' in settings) return { state: 'not_configured', source: null, detail: settings.missing };
  if (settings.sandbox) {
    return {
      state: 'sandbox',
      source: 'sandbox',
      detail:
        'Sandbox: the local simulator serving the demo business’s Xero organisation (invoices, payments, bank)',
    };
  }
  const { store } = xeroTokenStore(ctx, settings, XERO_ENDPOINTS);
  const stored = await store.read();
  if (!stored) {
    return {
      state: 'not_configured',
      source: null,
      detail: 'App credentials set: connect the Xero organisation (Data › Connections › Xero › Connect).',
    };
  }
  if (stored.connection.brokenReason) {
    return {
      state: 'not_configured',
      source: null,
      detail: `Xero refused the stored authorisation (${stored.connection.brokenReason}): connect the organisation again.`,
    };
  }
  const { sources } = await resolveCredentials(ctx, {
    name: 'xero',
    credentialFields: XERO_CREDENTIAL_FIELDS,
  });
  return {
    state: 'configured',
    source: sources.clientSecret === 'app' || sources.clientId === 'app' ? 'app' : 'environment',
    detail: `Connected to ${stored.connection.tenantName}`,
  };
}
