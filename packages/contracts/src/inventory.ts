import { z } from 'zod';
import { dataGap, isoDate } from './common';

/** Offset pagination shared by the inventory, purchasing and production lists. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const pageInfo = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  /** Rows matching the filters, across all pages. */
  total: z.number().int(),
});
export type PageInfo = z.infer<typeof pageInfo>;

export const abcClass = z.enum(['A', 'B', 'C']);
export const xyzClass = z.enum(['X', 'Y', 'Z']);
export type AbcClassName = z.infer<typeof abcClass>;

/** Cycle service level: probability of not running out in a replenishment cycle. */
export const serviceLevel = z.number().min(0.5).max(0.9999);

export const inventorySettings = z.object({
  serviceLevels: z.object({ A: serviceLevel, B: serviceLevel, C: serviceLevel }),
  abcThresholds: z
    .object({ a: z.number().gt(0).max(1), b: z.number().gt(0).max(1) })
    .refine((t) => t.a <= t.b, { message: 'a must not exceed b', path: ['b'] }),
  xyzThresholds: z
    .object({ x: z.number().gt(0).max(10), y: z.number().gt(0).max(10) })
    .refine((t) => t.x <= t.y, { message: 'x must not exceed y', path: ['y'] }),
  abcWindowDays: z.number().int().min(28).max(1096),
  orderingCostGbpMinor: z.number().int().min(0).max(100_000_000),
  holdingRate: z.number().min(0).max(2),
  reviewPeriodDays: z.number().int().min(1).max(365),
  /** Where purchases and production land; null picks the first warehouse or production location. */
  receivingLocationCode: z.string().max(64).nullable(),
});
export type InventorySettingsView = z.infer<typeof inventorySettings>;

export const updateInventorySettingsBody = z
  .object({
    serviceLevels: inventorySettings.shape.serviceLevels.partial().strict(),
    abcThresholds: inventorySettings.shape.abcThresholds,
    xyzThresholds: inventorySettings.shape.xyzThresholds,
    abcWindowDays: inventorySettings.shape.abcWindowDays,
    orderingCostGbpMinor: inventorySettings.shape.orderingCostGbpMinor,
    holdingRate: inventorySettings.shape.holdingRate,
    reviewPeriodDays: inventorySettings.shape.reviewPeriodDays,
    receivingLocationCode: inventorySettings.shape.receivingLocationCode,
  })
  .partial()
  .strict();
export type UpdateInventorySettingsBody = z.infer<typeof updateInventorySettingsBody>;

export const inventorySettingsResponse = z.object({
  settings: inventorySettings,
  defaults: inventorySettings,
  updatedAt: z.string().nullable(),
});
export type InventorySettingsResponse = z.infer<typeof inventorySettingsResponse>;

/** Why a replenishment is recommended. */
export const replenishmentReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('below-reorder-point'), position: z.number(), reorderPoint: z.number() }),
  z.object({ code: z.literal('projected-stock-out'), date: isoDate }),
]);
export type ReplenishmentReasonView = z.infer<typeof replenishmentReason>;

const planMeta = {
  /** Date of the stock figures the plan starts from; null before any stock is known. */
  asOf: isoDate.nullable(),
  /** When the policies were last computed from the data. */
  computedAt: z.string().nullable(),
  demoData: z.boolean(),
  /** Present when data the page needs is missing: which connection or import would supply it. */
  gap: dataGap.optional(),
};

export const levelsQuery = pageQuery.extend({
  location: z.string().max(64).optional(),
  sku: z.string().max(64).optional(),
  region: z.string().max(16).optional(),
  atRisk: z.enum(['true', 'false']).optional(),
});
export type LevelsQuery = z.infer<typeof levelsQuery>;

export const stockLevelRow = z.object({
  sku: z.string(),
  productName: z.string(),
  locationCode: z.string(),
  locationName: z.string(),
  regionCode: z.string(),
  abcClass: abcClass,
  onHand: z.number().int(),
  allocated: z.number().int(),
  inbound: z.number().int(),
  /** On hand − allocated. */
  available: z.number().int(),
  /** Forecast units a day at this location over the next four weeks (its channels' demand). */
  dailyDemand: z.number().nullable(),
  daysOfCover: z.number().nullable(),
  /** When forecast demand would use up available + inbound stock; null beyond a year or without demand. */
  stockOutDate: isoDate.nullable(),
  /** Replenishment lead time of the location, days. */
  leadTimeDays: z.number().nullable(),
  /** Projected to run out before a replenishment started today could arrive. */
  atRisk: z.boolean(),
  valueGbpMinor: z.number().int().nullable(),
  stockAsOf: isoDate,
});
export type StockLevelRow = z.infer<typeof stockLevelRow>;

export const levelsResponse = z.object({
  ...planMeta,
  items: z.array(stockLevelRow),
  page: pageInfo,
  totals: z.object({
    onHand: z.number().int(),
    valueGbpMinor: z.number().int(),
    atRisk: z.number().int(),
    /** SKU × location rows whose value could not be converted to GBP (no FX rate). */
    unvalued: z.number().int(),
  }),
});
export type LevelsResponse = z.infer<typeof levelsResponse>;

export const policiesQuery = pageQuery.extend({
  /** `network` (default) for the SKU-wide policies that drive purchasing and production, or a location code. */
  location: z.string().max(64).default('network'),
  sku: z.string().max(64).optional(),
  abc: abcClass.optional(),
  /** Preview other service levels without saving them. */
  serviceA: z.coerce.number().min(0.5).max(0.9999).optional(),
  serviceB: z.coerce.number().min(0.5).max(0.9999).optional(),
  serviceC: z.coerce.number().min(0.5).max(0.9999).optional(),
});
export type PoliciesQuery = z.infer<typeof policiesQuery>;

export const policyRow = z.object({
  sku: z.string(),
  productName: z.string(),
  /** Null for the network-wide policy. */
  locationCode: z.string().nullable(),
  locationName: z.string(),
  abcClass: abcClass,
  xyzClass: xyzClass,
  /** Coefficient of variation of weekly demand over the ABC window. */
  cv: z.number().nullable(),
  supply: z.enum(['purchase', 'production']),
  /** normal: z·σ of lead-time demand; count: Poisson/negative-binomial quantile for intermittent demand. */
  method: z.enum(['normal', 'count']),
  forecastModel: z.string(),
  demandClass: z.string(),
  serviceLevel: z.number(),
  z: z.number().nullable(),
  demandMeanPerWeek: z.number(),
  demandSdPerWeek: z.number(),
  annualDemand: z.number(),
  leadTimeMeanDays: z.number(),
  leadTimeSdDays: z.number(),
  leadTimeSource: z.string(),
  leadTimeDemandMean: z.number(),
  leadTimeDemandSd: z.number(),
  safetyStock: z.number(),
  reorderPoint: z.number(),
  economicOrderQuantity: z.number().nullable(),
  orderQuantity: z.number().int(),
  orderUpTo: z.number(),
  reviewPeriodDays: z.number().int(),
  expectedFillRate: z.number(),
  unitCostGbpMinor: z.number().nullable(),
  safetyStockValueGbpMinor: z.number().int(),
  safetyStockHoldingCostGbpMinor: z.number().int(),
  /** On hand − allocated + inbound. */
  position: z.number().int(),
  daysOfCover: z.number().nullable(),
  stockOutDate: isoDate.nullable(),
});
export type PolicyRow = z.infer<typeof policyRow>;

export const safetyStockTotals = z.object({
  safetyStockUnits: z.number(),
  safetyStockValueGbpMinor: z.number().int(),
  holdingCostGbpMinor: z.number().int(),
});
export type SafetyStockTotals = z.infer<typeof safetyStockTotals>;

export const policiesResponse = z.object({
  ...planMeta,
  /** The service levels the rows were computed with (the saved ones unless previewing). */
  serviceLevels: inventorySettings.shape.serviceLevels,
  savedServiceLevels: inventorySettings.shape.serviceLevels,
  preview: z.boolean(),
  /** Network-wide SKUs per ABC × XYZ cell. */
  matrix: z.record(abcClass, z.record(xyzClass, z.number().int())),
  /** Over every row of the chosen scope: with the saved service levels, and with those applied. */
  totals: z.object({ saved: safetyStockTotals, applied: safetyStockTotals }),
  items: z.array(policyRow),
  page: pageInfo,
});
export type PoliciesResponse = z.infer<typeof policiesResponse>;

export const recommendationsQuery = pageQuery.extend({
  supply: z.enum(['purchase', 'production']).optional(),
});

export const recommendationRow = z.object({
  sku: z.string(),
  productName: z.string(),
  supply: z.enum(['purchase', 'production']),
  supplierCode: z.string().nullable(),
  lineCode: z.string().nullable(),
  onHand: z.number().int(),
  allocated: z.number().int(),
  inbound: z.number().int(),
  /** Approved purchase proposals not yet placed as orders. */
  approvedNotOrdered: z.number().int(),
  position: z.number().int(),
  safetyStock: z.number(),
  reorderPoint: z.number(),
  orderQuantity: z.number().int(),
  quantity: z.number().int(),
  reasons: z.array(replenishmentReason),
  stockOutDate: isoDate.nullable(),
  /** When an order placed on the as-of date would arrive. */
  expectedArrival: isoDate,
  amountMinor: z.number().int().nullable(),
  currency: z.string().length(3),
  amountGbpMinor: z.number().int().nullable(),
  proposalId: z.number().int().nullable(),
});
export type RecommendationRow = z.infer<typeof recommendationRow>;

export const recommendationsResponse = z.object({
  ...planMeta,
  items: z.array(recommendationRow),
  page: pageInfo,
});
export type RecommendationsResponse = z.infer<typeof recommendationsResponse>;

export const recomputeResponse = z.object({
  computedAt: z.string(),
  asOf: isoDate.nullable(),
  policies: z.number().int(),
  proposals: z.number().int(),
  durationMs: z.number().int(),
});
