import { type Database, queryRows } from '@sentia/db';
import {
  type ChannelRecord,
  type LocationRecord,
  normaliseShopifyInventory,
  normaliseShopifyVariants,
  type ProductRecord,
  type RegionCode,
  type ShopifyGqlVariant,
  type StockLevelRecord,
} from '@sentia/domain';
import { sql } from 'drizzle-orm';

/**
 * Shopify is not the catalogue's master: it knows SKUs, selling prices and (sometimes) unit cost,
 * but not pack sizes, MOQs, lead times or suppliers, which the ERP (Unleashed) or an import owns.
 * So a variant only:
 * - adds a price-list entry when the store's price in its currency differs from the current one;
 * - creates a product for a SKU the catalogue lacks, when Shopify has its unit cost (otherwise it is
 *   rejected with the reason, and orders for it are rejected as "unknown sku" until it exists);
 * and never overwrites master data. Locations are matched by name, or created (kind `3pl`).
 */
export interface VariantPayload {
  store: { region: RegionCode; currency: string; source: string; domain: string };
  asOf: string;
  variant: ShopifyGqlVariant;
}

interface ProductRow {
  sku: string;
  name: string;
  category: string | null;
  unit_cost_minor: number | string;
  cost_currency: string;
  pack_size: number;
  moq: number;
  lead_time_days: number;
  supplier_code: string | null;
  active: boolean;
  source: string;
  source_updated_at: string | null;
  price_minor: number | string | null;
}

export async function variantRecords(db: Database, payloads: readonly VariantPayload[]) {
  const products: ProductRecord[] = [];
  const locations: LocationRecord[] = [];
  const stockLevels: StockLevelRecord[] = [];
  const rejections: { key: string; reason: string }[] = [];

  const byStore = new Map<string, VariantPayload[]>();
  for (const p of payloads) byStore.set(p.store.domain, [...(byStore.get(p.store.domain) ?? []), p]);

  for (const group of byStore.values()) {
    const { store, asOf } = group[0]!;
    const variants = group.map((p) => p.variant);
    const facts = normaliseShopifyVariants(variants, store.currency);
    rejections.push(...facts.rejections);
    const existing = await loadProducts(
      db,
      facts.records.map((f) => f.sku),
      store.currency,
      asOf,
    );
    for (const f of facts.records) {
      const row = existing.get(f.sku);
      // A price valid from the day Shopify last changed it (never later than the sync's own date).
      const changedOn = f.updatedAt.slice(0, 10);
      const validFrom = [changedOn, asOf].sort()[0]!;
      const price = { currency: f.currency, priceMinor: f.priceMinor, validFrom };
      if (row) {
        if (row.price_minor !== null && Number(row.price_minor) === f.priceMinor) continue;
        products.push({
          source: row.source,
          ...(row.source_updated_at
            ? { sourceUpdatedAt: new Date(row.source_updated_at).toISOString() }
            : {}),
          sku: row.sku,
          name: row.name,
          ...(row.category ? { category: row.category } : {}),
          unitCostMinor: Number(row.unit_cost_minor),
          costCurrency: row.cost_currency,
          packSize: row.pack_size,
          moq: row.moq,
          leadTimeDays: row.lead_time_days,
          ...(row.supplier_code ? { supplierCode: row.supplier_code } : {}),
          active: row.active,
          prices: [price],
        });
      } else if (f.unitCost) {
        products.push({
          source: store.source,
          sourceUpdatedAt: f.updatedAt,
          sku: f.sku,
          name: f.name,
          ...(f.category ? { category: f.category } : {}),
          unitCostMinor: f.unitCost.minor,
          costCurrency: f.unitCost.currency,
          // Shopify has no such fields: the schema's defaults until the ERP or an import says otherwise.
          packSize: 1,
          moq: 1,
          leadTimeDays: 14,
          active: f.active,
          prices: [price],
        });
      } else {
        rejections.push({
          key: f.sku,
          reason: `SKU ${f.sku} is not in the catalogue and Shopify has no unit cost for it: add it through Unleashed or a product import`,
        });
      }
    }

    const locationCodes = await matchLocations(db, variants, store, locations);
    const stock = normaliseShopifyInventory(variants, {
      asOf,
      source: store.source,
      locationCode: (l) => locationCodes.get(l.id),
    });
    stockLevels.push(...stock.records);
    rejections.push(...stock.rejections);
  }
  return { products, locations, stockLevels, rejections };
}

async function loadProducts(db: Database, skus: string[], currency: string, asOf: string) {
  if (skus.length === 0) return new Map<string, ProductRow>();
  const rows = await queryRows<ProductRow>(
    db,
    sql`select p.sku, p.name, p.category, p.unit_cost_minor, p.cost_currency, p.pack_size, p.moq,
               p.lead_time_days, s.code as supplier_code, p.active, p.source, p.source_updated_at::text,
               (select pl.price_minor from price_lists pl
                 where pl.product_id = p.id and pl.currency = ${currency} and pl.valid_from <= ${asOf}
                 order by pl.valid_from desc limit 1) as price_minor
        from products p left join suppliers s on s.id = p.supplier_id
        where p.sku = any(${sql.param(skus)}::text[])`,
  );
  return new Map(rows.map((r) => [r.sku, r]));
}

/** Shopify location id → our location code: an existing location of the same name, else a new one. */
async function matchLocations(
  db: Database,
  variants: readonly ShopifyGqlVariant[],
  store: VariantPayload['store'],
  created: LocationRecord[],
): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  for (const v of variants) {
    for (const level of v.inventoryItem?.inventoryLevels.nodes ?? []) {
      seen.set(level.location.id.slice(level.location.id.lastIndexOf('/') + 1), level.location.name.trim());
    }
  }
  if (seen.size === 0) return new Map();
  const rows = await queryRows<{ code: string; name: string }>(
    db,
    sql`select code, name from locations where lower(name) = any(${sql.param([...seen.values()].map((n) => n.toLowerCase()))}::text[])`,
  );
  const byName = new Map(rows.map((r) => [r.name.toLowerCase(), r.code]));
  const codes = new Map<string, string>();
  for (const [id, name] of seen) {
    const code = byName.get(name.toLowerCase()) ?? `SHOPIFY-${store.region}-${id}`.toUpperCase();
    codes.set(id, code);
    if (!byName.has(name.toLowerCase()) && !created.some((l) => l.code === code)) {
      created.push({ source: store.source, code, name, kind: '3pl', regionCode: store.region });
    }
  }
  return codes;
}

/** The store's sales channel, created when missing (an existing channel keeps its name and terms). */
export async function channelRecords(
  db: Database,
  stores: readonly {
    channelCode: string;
    region: RegionCode;
    currency: string;
    source: string;
    shopName: string;
  }[],
): Promise<ChannelRecord[]> {
  if (stores.length === 0) return [];
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select code from channels where code = any(${sql.param(stores.map((s) => s.channelCode))}::text[])`,
  );
  const known = new Set(rows.map((r) => r.code));
  return stores
    .filter((s) => !known.has(s.channelCode))
    .map((s) => ({
      source: s.source,
      code: s.channelCode,
      name: `Shopify ${s.shopName}`.slice(0, 500),
      kind: 'shopify' as const,
      regionCode: s.region,
      currency: s.currency,
      // Shopify Payments pays out within days (PRODUCT.md); an admin can change it.
      settlementDays: 3,
    }));
}
