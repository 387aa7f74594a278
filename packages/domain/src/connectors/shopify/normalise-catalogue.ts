import { parseDecimalToMinor } from '../../money/money';
import type { StockLevelRecord } from '../../records/index';
import { gidTail } from './shopify-ids';
import type { Normalised, ShopifyGqlVariant } from './shopify-types';

/**
 * What a Shopify variant says about a SKU: its selling price in the store's currency and, when the
 * merchant keeps it in Shopify, its unit cost. Shopify knows nothing of pack sizes, MOQs or lead
 * times, so this is not a full product record: the sync merges it into the catalogue (see
 * features/connectors/shopify/merge-catalogue.ts) without overwriting what the ERP keeps.
 */
export interface ShopifyVariantFacts {
  sku: string;
  name: string;
  category?: string;
  active: boolean;
  currency: string;
  priceMinor: number;
  unitCost?: { minor: number; currency: string };
  /** The later of the variant's and its product's modification times. */
  updatedAt: string;
}

export function normaliseShopifyVariants(
  variants: readonly ShopifyGqlVariant[],
  storeCurrency: string,
): Normalised<ShopifyVariantFacts> {
  const out: Normalised<ShopifyVariantFacts> = { records: [], rejections: [] };
  for (const v of variants) {
    const key = `variant ${gidTail(v.id)}`;
    if (!v.sku?.trim()) {
      out.rejections.push({ key, reason: 'the variant has no SKU, so it cannot be matched to a product' });
      continue;
    }
    try {
      const cost = v.inventoryItem?.unitCost;
      const title = v.product.title.trim();
      out.records.push({
        sku: v.sku.trim(),
        name: title || v.sku.trim(),
        ...(v.product.productType ? { category: v.product.productType.trim().toLowerCase() } : {}),
        active: v.product.status === 'ACTIVE',
        currency: storeCurrency,
        priceMinor: parseDecimalToMinor(v.price, storeCurrency),
        ...(cost
          ? {
              unitCost: {
                minor: parseDecimalToMinor(cost.amount, cost.currencyCode),
                currency: cost.currencyCode,
              },
            }
          : {}),
        updatedAt:
          Date.parse(v.updatedAt) >= Date.parse(v.product.updatedAt) ? v.updatedAt : v.product.updatedAt,
      });
    } catch (error) {
      out.rejections.push({ key, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

/** A Shopify location as we know it: its id and name, and the location code it maps to. */
export interface ShopifyLocationFacts {
  id: string;
  name: string;
}

/**
 * Stock per SKU and location from each variant's inventory levels: `on_hand` is the stock held,
 * `committed` what open orders have taken, `incoming` what transfers and purchase orders will add.
 * Locations are mapped to our location codes by `locationCode` (unmapped ones are reported, not
 * guessed).
 */
export function normaliseShopifyInventory(
  variants: readonly ShopifyGqlVariant[],
  options: {
    asOf: string;
    source: string;
    locationCode(location: ShopifyLocationFacts): string | undefined;
  },
): Normalised<StockLevelRecord> {
  const out: Normalised<StockLevelRecord> = { records: [], rejections: [] };
  for (const v of variants) {
    const sku = v.sku?.trim();
    if (!sku || !v.inventoryItem) continue;
    for (const level of v.inventoryItem.inventoryLevels.nodes) {
      const location = { id: gidTail(level.location.id), name: level.location.name };
      const code = options.locationCode(location);
      if (!code) {
        out.rejections.push({
          key: `${sku}@${location.name}`,
          reason: `Shopify location "${location.name}" (${location.id}) is not mapped to a location`,
        });
        continue;
      }
      const quantity = (name: string) => level.quantities.find((q) => q.name === name)?.quantity ?? 0;
      out.records.push({
        source: options.source,
        sku,
        locationCode: code,
        asOf: options.asOf,
        onHand: quantity('on_hand'),
        allocated: Math.max(0, quantity('committed')),
        inbound: Math.max(0, quantity('incoming')),
        ...(level.updatedAt ? { sourceUpdatedAt: level.updatedAt } : {}),
      });
    }
  }
  return out;
}
