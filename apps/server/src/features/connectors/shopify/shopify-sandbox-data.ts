import { formatMinorAsDecimal, type ShopifyGqlVariant } from '@sentia/domain';
import { type DemoSandbox, demoChannel, demoPriceOn } from '../common/demo-sandbox';
import type { SimShop } from './shopify-simulator';

/** The demo business's three Shopify stores, as the sandbox simulator serves them. */
export const SANDBOX_SHOPS = [
  { region: 'UK', domain: 'sentia-uk-sandbox.myshopify.com', channel: 'shopify-uk', taxRate: 0.2 },
  { region: 'EU', domain: 'sentia-eu-sandbox.myshopify.com', channel: 'shopify-eu', taxRate: 0.21 },
  { region: 'US', domain: 'sentia-us-sandbox.myshopify.com', channel: 'shopify-us', taxRate: 0 },
] as const;

/**
 * Shops seeded from the demo: each store's orders are the demo orders of its channel (same ids,
 * lines, amounts, refunds), its variants the demo SKUs at their current price in the store's
 * currency with the demo unit cost, and its one location the warehouse the channel ships from,
 * holding the demo's closing stock.
 */
export function buildSandboxShops(demo: DemoSandbox): SimShop[] {
  return SANDBOX_SHOPS.map((spec) => {
    const { channel, location } = demoChannel(spec.channel);
    const orders = new Map(
      (demo.ordersByChannel.get(spec.channel) ?? []).map((o) => [o.order.externalId, { ...o }]),
    );
    const stock = demo.finalStock.get(location.code) ?? [];
    const stockAt = `${demo.to}T23:59:59Z`;
    const variants: ShopifyGqlVariant[] = demo.catalogue.products.map((product) => {
      const price = demoPriceOn(demo.catalogue, product.sku, channel.currency, demo.to);
      const level = stock.find((s) => s.sku === product.sku);
      const updatedAt = `${price?.validFrom ?? demo.from}T00:00:00Z`;
      return {
        id: `gid://shopify/ProductVariant/${product.sku}`,
        sku: product.sku,
        price: formatMinorAsDecimal(price?.priceMinor ?? 0, channel.currency),
        updatedAt,
        product: {
          id: `gid://shopify/Product/${product.sku}`,
          title: product.name,
          status: 'ACTIVE',
          productType: product.category ?? null,
          updatedAt,
        },
        inventoryItem: {
          id: `gid://shopify/InventoryItem/${product.sku}`,
          unitCost: {
            amount: formatMinorAsDecimal(product.unitCostMinor, product.costCurrency),
            currencyCode: product.costCurrency,
          },
          inventoryLevels: {
            nodes: level
              ? [
                  {
                    location: { id: `gid://shopify/Location/${location.code}`, name: location.name },
                    updatedAt: stockAt,
                    quantities: [
                      { name: 'on_hand', quantity: level.onHand },
                      { name: 'committed', quantity: level.allocated ?? 0 },
                      { name: 'incoming', quantity: level.inbound ?? 0 },
                      { name: 'available', quantity: level.onHand - (level.allocated ?? 0) },
                    ],
                  },
                ]
              : [],
          },
        },
      };
    });
    return {
      domain: spec.domain,
      name: `Sentia ${spec.region} (sandbox)`,
      currency: channel.currency,
      // The demo's business dates are UTC dates.
      timeZone: 'Etc/UTC',
      orders,
      variants,
      taxRate: spec.taxRate,
    };
  });
}
