import { type Database, queryRows } from '@sentia/db';
import {
  CATALOGUE_DEFAULTS,
  type ChannelRecord,
  type LocationKind,
  normaliseUnleashedAssemblies,
  normaliseUnleashedProducts,
  normaliseUnleashedPurchaseOrders,
  normaliseUnleashedSalesOrders,
  normaliseUnleashedStock,
  normaliseUnleashedSuppliers,
  normaliseUnleashedWarehouses,
  type RegionCode,
  type UnleashedAssembly,
  type UnleashedCatalogueContext,
  type UnleashedProduct,
  type UnleashedPurchaseOrder,
  type UnleashedSalesOrder,
  type UnleashedStockOnHand,
  type UnleashedSupplier,
  type UnleashedWarehouse,
} from '@sentia/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context';
import type { PageRecords } from '../../sync/connector';
import type { UnleashedPayload, UnleashedPayloadContext } from './unleashed-pages';

/**
 * Kept payloads → records. Unleashed lacks some of what the catalogue needs (lead times, location
 * kinds), so each page first reads what the catalogue already holds for its codes; references the
 * catalogue cannot resolve are left off (a product's unknown default supplier) or turned into the
 * record they need (a wholesale channel for a region), so one missing row never rejects a page.
 */
export async function unleashedRecords(
  ctx: AppContext,
  entity: string,
  payloads: readonly unknown[],
): Promise<PageRecords> {
  const items = payloads as UnleashedPayload[];
  if (items.length === 0) return { records: {}, rejections: [] };
  const account = items[0]!.account;
  const db = ctx.db;
  switch (entity) {
    case 'warehouse': {
      const list = items.map((p) => p.item as UnleashedWarehouse);
      const context = await catalogueContext(db, account, { locations: list.map((w) => w.WarehouseCode) });
      const out = normaliseUnleashedWarehouses(list, context);
      return { records: { locations: out.records }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'supplier': {
      const list = items.map((p) => p.item as UnleashedSupplier);
      const context = await catalogueContext(db, account, { suppliers: list.map((s) => s.SupplierCode) });
      const out = normaliseUnleashedSuppliers(list, context);
      return { records: { suppliers: out.records }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'product': {
      const list = items.map((p) => p.item as UnleashedProduct);
      const supplierCodes = list.map((p) => p.Supplier?.SupplierCode).filter((c): c is string => !!c);
      const context = await catalogueContext(db, account, {
        products: list.map((p) => p.ProductCode),
        suppliers: supplierCodes,
      });
      const out = normaliseUnleashedProducts(list, context);
      // A default supplier the catalogue does not have (obsolete in Unleashed) is left off.
      const known = new Set(await existingCodes(db, 'suppliers', supplierCodes));
      const products = out.records.map((p) => {
        if (!p.supplierCode || known.has(p.supplierCode)) return p;
        const { supplierCode: _, ...rest } = p;
        return rest;
      });
      return { records: { products }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'stock': {
      const out = normaliseUnleashedStock(
        items.map((p) => p.item as UnleashedStockOnHand),
        { source: account.source, warehouseCode: account.warehouseCode!, asOf: account.asOf! },
      );
      return { records: { stockLevels: out.records }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'sales-order': {
      const list = items.map((p) => p.item as UnleashedSalesOrder);
      const regions = await locationRegions(
        db,
        list.map((o) => o.Warehouse?.WarehouseCode).filter((c): c is string => !!c),
      );
      const customers = new Set(
        await existingCodes(
          db,
          'customers',
          list.map((o) => o.Customer?.CustomerCode).filter((c): c is string => !!c),
        ),
      );
      const out = normaliseUnleashedSalesOrders(list, {
        source: account.source,
        channelFor: (warehouse) => {
          const region = warehouse ? regions.get(warehouse) : undefined;
          return region ? wholesaleChannel(region) : undefined;
        },
        knownCustomer: (code) => customers.has(code),
      });
      const channels = await missingWholesaleChannels(db, account.source, out.records);
      return { records: { channels, orders: out.records }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'purchase-order': {
      const out = normaliseUnleashedPurchaseOrders(
        items.map((p) => p.item as UnleashedPurchaseOrder),
        { source: account.source, baseCurrency: account.baseCurrency },
      );
      return { records: { purchaseOrders: out.records }, rejections: out.rejections, skipped: out.skipped };
    }
    case 'assembly': {
      const list = items.map((p) => p.item as UnleashedAssembly);
      const lines = await batchLines(
        db,
        account.source,
        list.map((a) => a.AssemblyNumber),
      );
      const out = normaliseUnleashedAssemblies(list, { source: account.source, lineOf: (n) => lines.get(n) });
      return {
        records: { productionBatches: out.records },
        rejections: out.rejections,
        skipped: out.skipped,
      };
    }
    default:
      return {
        records: {},
        rejections: items.map((_, i) => ({ key: `#${i}`, reason: `unknown entity ${entity}` })),
      };
  }
}

/** `wholesale-uk`, `wholesale-eu`, `wholesale-us`: trade orders shipped from a region's warehouse. */
export function wholesaleChannel(region: RegionCode): string {
  return `wholesale-${region.toLowerCase()}`;
}

async function catalogueContext(
  db: Database,
  account: UnleashedPayloadContext,
  codes: { products?: string[]; suppliers?: string[]; locations?: string[] },
): Promise<UnleashedCatalogueContext> {
  const products = new Map<string, { packSize: number; moq: number; leadTimeDays: number }>();
  const suppliers = new Map<string, { paymentTermsDays: number; leadTimeDays: number }>();
  const locations = new Map<string, { kind: LocationKind; regionCode: RegionCode }>();
  if (codes.products?.length) {
    const rows = await queryRows<{ sku: string; pack_size: number; moq: number; lead_time_days: number }>(
      db,
      sql`select sku, pack_size, moq, lead_time_days from products where sku = any(${sql.param(codes.products)}::text[])`,
    );
    for (const r of rows)
      products.set(r.sku, { packSize: r.pack_size, moq: r.moq, leadTimeDays: r.lead_time_days });
  }
  if (codes.suppliers?.length) {
    const rows = await queryRows<{ code: string; payment_terms_days: number; lead_time_days: number }>(
      db,
      sql`select code, payment_terms_days, lead_time_days from suppliers where code = any(${sql.param(codes.suppliers)}::text[])`,
    );
    for (const r of rows)
      suppliers.set(r.code, { paymentTermsDays: r.payment_terms_days, leadTimeDays: r.lead_time_days });
  }
  if (codes.locations?.length) {
    const rows = await queryRows<{ code: string; kind: LocationKind; region_code: RegionCode }>(
      db,
      sql`select code, kind, region_code from locations where code = any(${sql.param(codes.locations)}::text[])`,
    );
    for (const r of rows) locations.set(r.code, { kind: r.kind, regionCode: r.region_code });
  }
  return {
    source: account.source,
    baseCurrency: account.baseCurrency,
    existingProduct: (sku) => products.get(sku),
    existingSupplier: (code) => suppliers.get(code),
    existingLocation: (code) => locations.get(code),
  };
}

async function existingCodes(db: Database, table: 'suppliers' | 'customers' | 'channels', codes: string[]) {
  if (codes.length === 0) return [];
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select code from ${sql.raw(table)} where code = any(${sql.param([...new Set(codes)])}::text[])`,
  );
  return rows.map((r) => r.code);
}

async function locationRegions(db: Database, codes: string[]): Promise<Map<string, RegionCode>> {
  if (codes.length === 0) return new Map();
  const rows = await queryRows<{ code: string; region_code: RegionCode }>(
    db,
    sql`select code, region_code from locations where code = any(${sql.param([...new Set(codes)])}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.region_code]));
}

/**
 * Wholesale channels the orders need and the catalogue lacks, in the first order's currency.
 * Settlement is trade credit: the customers table's default payment terms until someone sets it.
 */
async function missingWholesaleChannels(
  db: Database,
  source: string,
  orders: readonly { channelCode: string; currency: string }[],
): Promise<ChannelRecord[]> {
  const wanted = new Map<string, string>();
  for (const o of orders) if (!wanted.has(o.channelCode)) wanted.set(o.channelCode, o.currency);
  const known = new Set(await existingCodes(db, 'channels', [...wanted.keys()]));
  return [...wanted]
    .filter(([code]) => !known.has(code))
    .map(([code, currency]) => {
      const region = code.slice('wholesale-'.length).toUpperCase() as RegionCode;
      return {
        source,
        code,
        name: `Wholesale ${region} (trade accounts)`,
        kind: 'wholesale',
        regionCode: region,
        currency,
        settlementDays: CATALOGUE_DEFAULTS.paymentTermsDays,
      };
    });
}

async function batchLines(db: Database, source: string, numbers: string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await queryRows<{ external_id: string; code: string }>(
    db,
    sql`select b.external_id, l.code from production_batches b join production_lines l on l.id = b.line_id
        where b.source = ${source} and b.external_id = any(${sql.param(numbers)}::text[])`,
  );
  return new Map(rows.map((r) => [r.external_id, r.code]));
}
