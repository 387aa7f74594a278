import { z } from 'zod';
import type { CurrencyCode } from '../money/money';
import {
  allDistinct,
  codeSchema,
  currencySchema,
  dayCountSchema,
  type IsoDate,
  isoDateSchema,
  nameSchema,
  nonNegativeMinorSchema,
  positiveQuantitySchema,
  type RegionCode,
  regionCodeSchema,
  type SourcedRecord,
  sourcedFields,
} from './common';

/** A supplier of goods or services (raw materials, finished goods, contract manufacturing). */
export interface SupplierRecord extends SourcedRecord {
  /** Natural key, e.g. the Unleashed SupplierCode or the Xero contact's account number. */
  code: string;
  name: string;
  /** Currency the supplier invoices in. */
  currency: CurrencyCode;
  paymentTermsDays: number;
  /** Typical days from placing an order to receiving it. */
  leadTimeDays: number;
}

export const supplierRecordSchema: z.ZodType<SupplierRecord> = z.object({
  ...sourcedFields,
  code: codeSchema,
  name: nameSchema,
  currency: currencySchema,
  paymentTermsDays: dayCountSchema,
  leadTimeDays: dayCountSchema,
});

/** One selling price of a product in one currency, valid from a date until the next entry. */
export interface PriceRecord {
  currency: CurrencyCode;
  /** List price per unit, excluding sales tax, in minor units. */
  priceMinor: number;
  validFrom: IsoDate;
}

export const priceRecordSchema: z.ZodType<PriceRecord> = z.object({
  currency: currencySchema,
  priceMinor: nonNegativeMinorSchema,
  validFrom: isoDateSchema,
});

/** A stock-keeping unit, sold or used in production. */
export interface ProductRecord extends SourcedRecord {
  /** Natural key shared by every channel and system (Shopify variant SKU, Amazon SellerSKU, Unleashed ProductCode). */
  sku: string;
  name: string;
  /** Free text grouping such as `gin`, `rum`, `liqueur`, `rtd`. */
  category?: string;
  /** Standard cost per unit in minor units of `costCurrency`; COGS and stock value use it. */
  unitCostMinor: number;
  costCurrency: CurrencyCode;
  /** Units per case: order quantities are rounded up to a multiple of it. */
  packSize: number;
  /** Minimum order (or batch) quantity in units. */
  moq: number;
  /** Days from ordering (or starting production) to stock being available. */
  leadTimeDays: number;
  /** The default supplier's code, when the product is bought in or made under contract. */
  supplierCode?: string;
  /** Inactive products are kept for history but not planned. Default true. */
  active?: boolean;
  /** Price list: one entry per currency and start date. Entries not listed are left as they are. */
  prices: PriceRecord[];
}

export const productRecordSchema: z.ZodType<ProductRecord> = z
  .object({
    ...sourcedFields,
    sku: codeSchema,
    name: nameSchema,
    category: z.string().trim().min(1).max(100).optional(),
    unitCostMinor: nonNegativeMinorSchema,
    costCurrency: currencySchema,
    packSize: positiveQuantitySchema,
    moq: positiveQuantitySchema,
    leadTimeDays: dayCountSchema,
    supplierCode: codeSchema.optional(),
    active: z.boolean().optional(),
    prices: z.array(priceRecordSchema),
  })
  .refine((p) => allDistinct(p.prices.map((x) => `${x.currency}@${x.validFrom}`)), {
    message: 'prices: one entry per currency and validFrom date',
    path: ['prices'],
  });

export const CHANNEL_KINDS = ['amazon', 'shopify', 'wholesale', 'direct'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A sales channel: one marketplace, store or trade route in one region and currency. */
export interface ChannelRecord extends SourcedRecord {
  /** Natural key, e.g. `amazon-uk`, `shopify-us`, `wholesale-uk`. */
  code: string;
  name: string;
  kind: ChannelKind;
  regionCode: RegionCode;
  currency: CurrencyCode;
  /** Days between a sale and its cash arriving (Amazon 14, Shopify ~3, wholesale = invoice terms). */
  settlementDays: number;
}

export const channelRecordSchema: z.ZodType<ChannelRecord> = z.object({
  ...sourcedFields,
  code: codeSchema,
  name: nameSchema,
  kind: z.enum(CHANNEL_KINDS),
  regionCode: regionCodeSchema,
  currency: currencySchema,
  settlementDays: dayCountSchema,
});

export const LOCATION_KINDS = ['warehouse', 'fba', '3pl', 'production'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** A place stock is held: own warehouse, Amazon FBA network, third-party logistics, production site. */
export interface LocationRecord extends SourcedRecord {
  /** Natural key, e.g. the Unleashed WarehouseCode or `FBA-UK`. */
  code: string;
  name: string;
  kind: LocationKind;
  regionCode: RegionCode;
}

export const locationRecordSchema: z.ZodType<LocationRecord> = z.object({
  ...sourcedFields,
  code: codeSchema,
  name: nameSchema,
  kind: z.enum(LOCATION_KINDS),
  regionCode: regionCodeSchema,
});

/** A customer account: a trade customer, or the marketplace that settles a channel's sales. */
export interface CustomerRecord extends SourcedRecord {
  /** Natural key, e.g. the Unleashed CustomerCode or Xero contact account number. */
  code: string;
  name: string;
  /** The channel the customer buys through, when there is one. */
  channelCode?: string;
  paymentTermsDays: number;
}

export const customerRecordSchema: z.ZodType<CustomerRecord> = z.object({
  ...sourcedFields,
  code: codeSchema,
  name: nameSchema,
  channelCode: codeSchema.optional(),
  paymentTermsDays: dayCountSchema,
});
