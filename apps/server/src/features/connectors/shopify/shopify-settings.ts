import type { AppContext } from '../../../context';
import type { ConnectorConfiguration, CredentialField } from '../../sync/connector';
import { getConnectorState, type SandboxDataset } from '../../sync/connector-state';
import { resolveCredentials } from '../../sync/credentials';
import { sandboxSecret } from '../common/http';
import { SANDBOX_SHOPS } from './shopify-sandbox-data';

export const SHOPIFY_REGIONS = ['UK', 'EU', 'US'] as const;
export type ShopifyRegion = (typeof SHOPIFY_REGIONS)[number];

export const SHOPIFY_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  ...SHOPIFY_REGIONS.flatMap((region): CredentialField[] => [
    {
      key: `shop${region}`,
      label: `${region} store domain`,
      secret: false,
      env: `SHOPIFY_SHOP_${region}`,
      placeholder: `your-store-${region.toLowerCase()}.myshopify.com`,
      help: `The ${region} store's myshopify.com domain; its orders go to the shopify-${region.toLowerCase()} channel.`,
    },
    {
      key: `token${region}`,
      label: `${region} store access token`,
      secret: true,
      env: `SHOPIFY_ACCESS_TOKEN_${region}`,
      placeholder: 'shpat_…',
      help: 'Admin API access token of a custom app with read_orders, read_all_orders, read_products, read_inventory and read_locations.',
    },
  ]),
  {
    key: 'apiSecret',
    label: 'App API secret (webhooks)',
    secret: true,
    env: 'SHOPIFY_API_SECRET',
    help: 'Verifies the X-Shopify-Hmac-Sha256 signature of webhooks sent to /api/webhooks/shopify.',
  },
];

export interface ShopifyStoreSettings {
  region: ShopifyRegion;
  domain: string;
  token: string;
  channelCode: string;
  /** `https://{domain}`, or the simulator's URL for a sandbox store. */
  baseUrl: string;
}

export interface ShopifySettings {
  sandbox: SandboxDataset | null;
  /** `shopify`, or `demo` for sandbox stores (they serve the demo business). */
  source: string;
  stores: ShopifyStoreSettings[];
  /** Secrets webhooks may be signed with (more than one during a rotation). */
  webhookSecrets: string[];
}

/** Real orders visible without read_all_orders go back 60 days: the first sync reads those. */
export const INITIAL_HISTORY_DAYS = 60;

const DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The stores configured (env or app), or the sandbox stores when the sandbox is on (no simulator started). */
export async function readShopifySettings(ctx: AppContext): Promise<ShopifySettings> {
  const state = await getConnectorState(ctx.db, 'shopify');
  const { values } = await resolveCredentials(ctx, {
    name: 'shopify',
    credentialFields: SHOPIFY_CREDENTIAL_FIELDS,
  });
  const webhookSecrets = values.apiSecret ? [values.apiSecret] : [];
  if (state.sandbox && state.sandboxDataset) {
    return {
      sandbox: state.sandboxDataset,
      source: 'demo',
      stores: SANDBOX_SHOPS.map((s) => ({
        region: s.region,
        domain: s.domain,
        token: '',
        channelCode: s.channel,
        baseUrl: '',
      })),
      webhookSecrets: [sandboxSecret(ctx, 'shopify-webhooks'), ...webhookSecrets],
    };
  }
  const stores: ShopifyStoreSettings[] = [];
  for (const region of SHOPIFY_REGIONS) {
    const domain = values[`shop${region}`]?.toLowerCase();
    const token = values[`token${region}`];
    if (!domain || !token || !DOMAIN.test(domain)) continue;
    stores.push({
      region,
      domain,
      token,
      channelCode: `shopify-${region.toLowerCase()}`,
      baseUrl: `https://${domain}`,
    });
  }
  return { sandbox: null, source: 'shopify', stores, webhookSecrets };
}

export async function shopifyConfiguration(ctx: AppContext): Promise<ConnectorConfiguration> {
  const settings = await readShopifySettings(ctx);
  if (settings.sandbox) {
    return {
      state: 'sandbox',
      source: 'sandbox',
      detail: 'the local simulator serving the demo stores (UK, EU, US)',
    };
  }
  if (settings.stores.length === 0) {
    const { values } = await resolveCredentials(ctx, {
      name: 'shopify',
      credentialFields: SHOPIFY_CREDENTIAL_FIELDS,
    });
    const bad = SHOPIFY_REGIONS.map((r) => values[`shop${r}`]).filter(
      (d) => d && !DOMAIN.test(d.toLowerCase()),
    );
    return {
      state: 'not_configured',
      source: null,
      detail:
        bad.length > 0
          ? `Not a myshopify.com domain: ${bad.join(', ')}`
          : 'Give at least one store domain and its access token (SHOPIFY_SHOP_UK and SHOPIFY_ACCESS_TOKEN_UK, …).',
    };
  }
  const { sources } = await resolveCredentials(ctx, {
    name: 'shopify',
    credentialFields: SHOPIFY_CREDENTIAL_FIELDS,
  });
  const fromApp = settings.stores.some((s) => sources[`token${s.region}`] === 'app');
  return {
    state: 'configured',
    source: fromApp ? 'app' : 'environment',
    detail: `${settings.stores.length} store${settings.stores.length > 1 ? 's' : ''}: ${settings.stores.map((s) => `${s.region} (${s.domain})`).join(', ')}`,
  };
}
