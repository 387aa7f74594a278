import type {
  LocationKind,
  LocationRecord,
  ProductRecord,
  RegionCode,
  SupplierRecord,
} from '../../records/index';
import { dotNetInstant, jsonAmountToMinor } from './dotnet-json';
import { collect } from './normalise-each';
import type {
  UnleashedNormalised,
  UnleashedProduct,
  UnleashedSupplier,
  UnleashedWarehouse,
} from './unleashed-types';

/**
 * Unleashed is the catalogue's master (SKUs, costs, suppliers, warehouses), but it does not carry
 * everything our planning needs: no lead times, no warehouse kind, and pack size / MOQ only where
 * the account fills them in. What it lacks is taken from what the catalogue already holds (an
 * import or an earlier sync), else the database's documented defaults — never made up per record.
 */
export interface UnleashedCatalogueContext {
  /** `unleashed`, or `demo` for the sandbox. */
  source: string;
  /** The Unleashed account's base currency: product costs are in it. */
  baseCurrency: string;
  existingProduct?(sku: string): { packSize: number; moq: number; leadTimeDays: number } | undefined;
  existingSupplier?(code: string): { paymentTermsDays: number; leadTimeDays: number } | undefined;
  existingLocation?(code: string): { kind: LocationKind; regionCode: RegionCode } | undefined;
}

/** Column defaults of the catalogue tables, used when neither Unleashed nor the catalogue has a value. */
export const CATALOGUE_DEFAULTS = { packSize: 1, moq: 1, leadTimeDays: 14, paymentTermsDays: 30 } as const;

const EU_COUNTRIES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'AUSTRIA',
  'BELGIUM',
  'BULGARIA',
  'CROATIA',
  'CYPRUS',
  'CZECHIA',
  'CZECH REPUBLIC',
  'DENMARK',
  'ESTONIA',
  'FINLAND',
  'FRANCE',
  'GERMANY',
  'GREECE',
  'HUNGARY',
  'IRELAND',
  'ITALY',
  'LATVIA',
  'LITHUANIA',
  'LUXEMBOURG',
  'MALTA',
  'NETHERLANDS',
  'THE NETHERLANDS',
  'POLAND',
  'PORTUGAL',
  'ROMANIA',
  'SLOVAKIA',
  'SLOVENIA',
  'SPAIN',
  'SWEDEN',
]);
const UK = new Set([
  'GB',
  'UK',
  'UNITED KINGDOM',
  'GREAT BRITAIN',
  'ENGLAND',
  'SCOTLAND',
  'WALES',
  'NORTHERN IRELAND',
]);
const US = new Set(['US', 'USA', 'UNITED STATES', 'UNITED STATES OF AMERICA']);

/** The reporting region of a country name or ISO code; undefined outside the UK, EU and US. */
export function regionOfCountry(country: string | null | undefined): RegionCode | undefined {
  const key = country?.trim().toUpperCase();
  if (!key) return undefined;
  if (UK.has(key)) return 'UK';
  if (US.has(key)) return 'US';
  if (EU_COUNTRIES.has(key)) return 'EU';
  return undefined;
}

/** Warehouses → stock locations. The region comes from the address (or the catalogue); obsolete ones are skipped. */
export function normaliseUnleashedWarehouses(
  warehouses: readonly UnleashedWarehouse[],
  context: UnleashedCatalogueContext,
): UnleashedNormalised<LocationRecord> {
  return collect(
    warehouses,
    (w) => w.WarehouseCode || `warehouse ${w.Guid}`,
    (w, out) => {
      const code = w.WarehouseCode?.trim();
      if (!code) throw new RangeError('warehouse without a WarehouseCode');
      if (w.Obsolete) {
        out.skipped.push({ key: code, reason: 'obsolete warehouse' });
        return;
      }
      const existing = context.existingLocation?.(code);
      const regionCode = regionOfCountry(w.Country) ?? existing?.regionCode;
      if (!regionCode) {
        throw new RangeError(
          `warehouse ${code} has no country in the UK, EU or US (Country: ${w.Country || 'empty'}): fill in its address in Unleashed`,
        );
      }
      out.records.push({
        source: context.source,
        code,
        name: w.WarehouseName?.trim() || code,
        kind: existing?.kind ?? 'warehouse',
        regionCode,
        ...optionalInstant(w.LastModifiedOn),
      });
    },
  );
}

/** "30 Days", "Net 30", "30" → 30; other wordings ("20th Month following") are not a day count. */
export function paymentTermDays(term: string | null | undefined): number | undefined {
  const match = /^\s*(?:net\s*)?(\d{1,3})\s*(?:days?)?\s*$/i.exec(term ?? '');
  return match ? Number(match[1]) : undefined;
}

export function normaliseUnleashedSuppliers(
  suppliers: readonly UnleashedSupplier[],
  context: UnleashedCatalogueContext,
): UnleashedNormalised<SupplierRecord> {
  return collect(
    suppliers,
    (s) => s.SupplierCode || `supplier ${s.Guid}`,
    (s, out) => {
      const code = s.SupplierCode?.trim();
      if (!code) throw new RangeError('supplier without a SupplierCode');
      const existing = context.existingSupplier?.(code);
      out.records.push({
        source: context.source,
        code,
        name: s.SupplierName?.trim() || code,
        currency: s.Currency?.CurrencyCode ?? context.baseCurrency,
        paymentTermsDays:
          paymentTermDays(s.PaymentTerm) ?? existing?.paymentTermsDays ?? CATALOGUE_DEFAULTS.paymentTermsDays,
        // Unleashed keeps no supplier lead time: the catalogue's (import) value stays.
        leadTimeDays: existing?.leadTimeDays ?? CATALOGUE_DEFAULTS.leadTimeDays,
        ...optionalInstant(s.LastModifiedOn),
      });
    },
  );
}

/**
 * Products → SKUs. Unit cost is the average landed cost (what stock is valued at), else the last
 * cost, else the default purchase price, in the account's base currency. Pack size and MOQ are
 * Unleashed's when set (rounded up to whole units), else the catalogue's; obsolete products stay,
 * inactive. Prices are left to the sales channels (Shopify, Amazon) and order lines.
 */
export function normaliseUnleashedProducts(
  products: readonly UnleashedProduct[],
  context: UnleashedCatalogueContext,
): UnleashedNormalised<ProductRecord> {
  return collect(
    products,
    (p) => p.ProductCode || `product ${p.Guid}`,
    (p, out) => {
      const sku = p.ProductCode?.trim();
      if (!sku) throw new RangeError('product without a ProductCode');
      const cost = [p.AverageLandPrice, p.LastCost, p.DefaultPurchasePrice].find(
        (v): v is number => typeof v === 'number' && v > 0,
      );
      const existing = context.existingProduct?.(sku);
      const supplierCode = p.Supplier?.SupplierCode?.trim() || undefined;
      const supplierLead = supplierCode ? context.existingSupplier?.(supplierCode)?.leadTimeDays : undefined;
      const category = p.ProductGroup?.GroupName?.trim();
      out.records.push({
        source: context.source,
        sku,
        name: p.ProductDescription?.trim() || sku,
        ...(category ? { category: category.slice(0, 100) } : {}),
        unitCostMinor: cost === undefined ? 0 : jsonAmountToMinor(cost, context.baseCurrency),
        costCurrency: context.baseCurrency,
        packSize: positiveUnits(p.PackSize) ?? existing?.packSize ?? CATALOGUE_DEFAULTS.packSize,
        moq: positiveUnits(p.MinimumOrderQuantity) ?? existing?.moq ?? CATALOGUE_DEFAULTS.moq,
        leadTimeDays: existing?.leadTimeDays ?? supplierLead ?? CATALOGUE_DEFAULTS.leadTimeDays,
        ...(supplierCode ? { supplierCode } : {}),
        active: !p.Obsolete,
        prices: [],
        ...optionalInstant(p.LastModifiedOn),
      });
    },
  );
}

function positiveUnits(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.ceil(value - 1e-9)
    : undefined;
}

export function optionalInstant(value: string | null | undefined): { sourceUpdatedAt?: string } {
  const at = dotNetInstant(value);
  return at ? { sourceUpdatedAt: at } : {};
}
