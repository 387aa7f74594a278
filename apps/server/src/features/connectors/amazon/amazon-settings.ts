import { amazonMarketplace, SP_API_ENDPOINTS, type SpApiRegion } from '@sentia/domain';
import type { AppContext } from '../../../context';
import type { ConnectorConfiguration, CredentialField } from '../../sync/connector';
import { getConnectorState, type SandboxDataset } from '../../sync/connector-state';
import { resolveCredentials } from '../../sync/credentials';
import { SANDBOX_AMAZON_APP, SANDBOX_MARKETPLACES } from './amazon-sandbox';

export const AMAZON_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  {
    key: 'clientId',
    label: 'LWA client id',
    secret: false,
    env: 'AMAZON_CLIENT_ID',
    placeholder: 'amzn1.application-oa2-client.…',
    help: 'The SP-API application’s Login with Amazon client identifier.',
  },
  { key: 'clientSecret', label: 'LWA client secret', secret: true, env: 'AMAZON_CLIENT_SECRET' },
  {
    key: 'refreshTokenEu',
    label: 'Refresh token — Europe (UK, DE, FR, …)',
    secret: true,
    env: 'AMAZON_REFRESH_TOKEN_EU',
    placeholder: 'Atzr|…',
    help: 'From authorising the app in Seller Central Europe.',
  },
  {
    key: 'refreshTokenNa',
    label: 'Refresh token — North America (US, CA, MX)',
    secret: true,
    env: 'AMAZON_REFRESH_TOKEN_NA',
    placeholder: 'Atzr|…',
  },
  {
    key: 'marketplaces',
    label: 'Marketplaces',
    secret: false,
    env: 'AMAZON_MARKETPLACES',
    placeholder: 'UK,DE,US',
    help: 'Comma-separated countries (or marketplace ids). UK → amazon-uk, EU countries → amazon-eu, US → amazon-us.',
  },
];

export interface AmazonMarketplaceSettings {
  marketplaceId: string;
  channelCode: string;
  locationCode: string;
}

export interface AmazonRegionSettings {
  region: SpApiRegion;
  refreshToken: string;
  endpoint: string;
  marketplaces: AmazonMarketplaceSettings[];
}

export interface AmazonSettings {
  sandbox: SandboxDataset | null;
  source: string;
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  regions: AmazonRegionSettings[];
}

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
const DEFAULT_MARKETPLACES = 'UK,DE,US';

/** Our channel and FBA location for a marketplace: the UK and the US their own, the rest of Europe `amazon-eu`. */
export function marketplaceMapping(idOrCountry: string): AmazonMarketplaceSettings | undefined {
  const m = amazonMarketplace(idOrCountry);
  if (!m || m.region === 'fe') return undefined;
  const region = m.country === 'UK' ? 'uk' : m.region === 'eu' ? 'eu' : m.country === 'US' ? 'us' : undefined;
  if (!region) return undefined;
  return {
    marketplaceId: m.id,
    channelCode: `amazon-${region}`,
    locationCode: `FBA-${region.toUpperCase()}`,
  };
}

export async function readAmazonSettings(ctx: AppContext): Promise<AmazonSettings | { missing: string }> {
  const state = await getConnectorState(ctx.db, 'amazon');
  if (state.sandbox && state.sandboxDataset) {
    return {
      sandbox: state.sandboxDataset,
      source: 'demo',
      clientId: SANDBOX_AMAZON_APP.clientId,
      clientSecret: SANDBOX_AMAZON_APP.clientSecret,
      tokenUrl: '',
      regions: (['eu', 'na'] as const).map((region) => ({
        region,
        refreshToken: SANDBOX_AMAZON_APP.refreshTokens[region],
        endpoint: '',
        marketplaces: SANDBOX_MARKETPLACES.filter((m) => m.region === region).map((m) => ({
          marketplaceId: m.marketplaceId,
          channelCode: m.channel,
          locationCode: m.location,
        })),
      })),
    };
  }
  const { values } = await resolveCredentials(ctx, {
    name: 'amazon',
    credentialFields: AMAZON_CREDENTIAL_FIELDS,
  });
  const missing = ['clientId', 'clientSecret'].filter((k) => !values[k]);
  if (missing.length > 0 || (!values.refreshTokenEu && !values.refreshTokenNa)) {
    return {
      missing: `Give the LWA client id and secret (AMAZON_CLIENT_ID, AMAZON_CLIENT_SECRET) and a refresh token for Europe or North America.`,
    };
  }
  const wanted = (values.marketplaces ?? DEFAULT_MARKETPLACES)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => !marketplaceMapping(w));
  if (unknown.length > 0) return { missing: `Unknown or unsupported marketplace: ${unknown.join(', ')}` };
  const regions: AmazonRegionSettings[] = [];
  for (const region of ['eu', 'na'] as const) {
    const refreshToken = region === 'eu' ? values.refreshTokenEu : values.refreshTokenNa;
    if (!refreshToken) continue;
    const marketplaces = wanted
      .filter((w) => amazonMarketplace(w)?.region === region)
      .map((w) => marketplaceMapping(w)!)
      .filter((m, i, all) => all.findIndex((x) => x.marketplaceId === m.marketplaceId) === i);
    if (marketplaces.length > 0)
      regions.push({ region, refreshToken, endpoint: SP_API_ENDPOINTS[region], marketplaces });
  }
  if (regions.length === 0) return { missing: 'No marketplace matches a region with a refresh token.' };
  return {
    sandbox: null,
    source: 'amazon',
    clientId: values.clientId!,
    clientSecret: values.clientSecret!,
    tokenUrl: LWA_TOKEN_URL,
    regions,
  };
}

export async function amazonConfiguration(ctx: AppContext): Promise<ConnectorConfiguration> {
  const settings = await readAmazonSettings(ctx);
  if ('missing' in settings) return { state: 'not_configured', source: null, detail: settings.missing };
  if (settings.sandbox) {
    return {
      state: 'sandbox',
      source: 'sandbox',
      detail: 'the local simulator serving the demo marketplaces (UK, DE, US)',
    };
  }
  const { sources } = await resolveCredentials(ctx, {
    name: 'amazon',
    credentialFields: AMAZON_CREDENTIAL_FIELDS,
  });
  const marketplaces = settings.regions.flatMap((r) =>
    r.marketplaces.map((m) => amazonMarketplace(m.marketplaceId)!.country),
  );
  return {
    state: 'configured',
    source:
      sources.clientSecret === 'app' || sources.refreshTokenEu === 'app' || sources.refreshTokenNa === 'app'
        ? 'app'
        : 'environment',
    detail: `Marketplaces ${marketplaces.join(', ')}`,
  };
}
