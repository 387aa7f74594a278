import type { AppContext } from '../../../context';
import type { ConnectorConfiguration, CredentialField } from '../../sync/connector';
import { getConnectorState, type SandboxDataset } from '../../sync/connector-state';
import { resolveCredentials } from '../../sync/credentials';
import { UNLEASHED_BASE_URL, type UnleashedCredentials } from './unleashed-client';

export const UNLEASHED_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  {
    key: 'apiId',
    label: 'API id',
    secret: false,
    env: 'UNLEASHED_API_ID',
    placeholder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    help: 'Integrations › Unleashed API Access in Unleashed: the API id (a GUID) sent as api-auth-id.',
  },
  {
    key: 'apiKey',
    label: 'API key',
    secret: true,
    env: 'UNLEASHED_API_KEY',
    help: 'The API key from the same page; it signs every request and is never sent itself.',
  },
  {
    key: 'baseCurrency',
    label: 'Base currency',
    secret: false,
    placeholder: 'GBP',
    help: 'The Unleashed account’s base currency (product costs are in it). GBP when left empty.',
  },
];

/** The account the sandbox simulator knows (it serves only this process, on 127.0.0.1). */
export const SANDBOX_UNLEASHED_ACCOUNT: UnleashedCredentials = {
  apiId: '5a9d0e6c-0000-4000-8000-73616e64626f',
  apiKey: 'unleashed-sandbox-local-simulator-key',
};

export interface UnleashedSettings {
  sandbox: SandboxDataset | null;
  /** `unleashed`, or `demo` for the sandbox (it serves the demo business). */
  source: string;
  credentials: UnleashedCredentials;
  /** The API's base URL (the simulator's for the sandbox, started when a run opens). */
  baseUrl: string;
  baseCurrency: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readUnleashedSettings(
  ctx: AppContext,
): Promise<UnleashedSettings | { missing: string }> {
  const state = await getConnectorState(ctx.db, 'unleashed');
  if (state.sandbox && state.sandboxDataset) {
    return {
      sandbox: state.sandboxDataset,
      source: 'demo',
      credentials: SANDBOX_UNLEASHED_ACCOUNT,
      baseUrl: '',
      baseCurrency: 'GBP',
    };
  }
  const { values } = await resolveCredentials(ctx, {
    name: 'unleashed',
    credentialFields: UNLEASHED_CREDENTIAL_FIELDS,
  });
  if (!values.apiId || !values.apiKey) {
    return {
      missing:
        'Give the API id and API key from Unleashed’s API Access page (UNLEASHED_API_ID, UNLEASHED_API_KEY).',
    };
  }
  if (!GUID.test(values.apiId))
    return { missing: `The API id must be a GUID; "${values.apiId}" is not one.` };
  const baseCurrency = (values.baseCurrency ?? 'GBP').toUpperCase();
  if (!/^[A-Z]{3}$/.test(baseCurrency))
    return { missing: `Base currency "${values.baseCurrency}" is not an ISO 4217 code.` };
  return {
    sandbox: null,
    source: 'unleashed',
    credentials: { apiId: values.apiId, apiKey: values.apiKey },
    baseUrl: UNLEASHED_BASE_URL,
    baseCurrency,
  };
}

export async function unleashedConfiguration(ctx: AppContext): Promise<ConnectorConfiguration> {
  const settings = await readUnleashedSettings(ctx);
  if ('missing' in settings) return { state: 'not_configured', source: null, detail: settings.missing };
  if (settings.sandbox) {
    return {
      state: 'sandbox',
      source: 'sandbox',
      detail:
        'Sandbox: the local simulator serving the demo business’s Unleashed account (warehouses, stock, orders, assemblies)',
    };
  }
  const { sources } = await resolveCredentials(ctx, {
    name: 'unleashed',
    credentialFields: UNLEASHED_CREDENTIAL_FIELDS,
  });
  return {
    state: 'configured',
    source: sources.apiKey === 'app' || sources.apiId === 'app' ? 'app' : 'environment',
    detail: `API id ${settings.credentials.apiId.slice(0, 8)}…, base currency ${settings.baseCurrency}`,
  };
}
