import type { InventorySettingsView, PolicyRow } from '@sentia/contracts';
import {
  type AbcClass,
  classifyAbc,
  classifyXyz,
  computePolicy,
  daysOfCover,
  type InventoryPolicy,
  projectStockOut,
  type SafetyStockMethod,
  type XyzClass,
} from '@sentia/domain';

/**
 * What the plan stores per SKU × location (and per SKU network-wide, location null) after the expensive
 * step — forecasting — so every policy figure can be derived again at once when a setting changes.
 */
export interface PolicyDetails {
  version: 1;
  sku: string;
  productName: string;
  locationId: number | null;
  locationCode: string | null;
  locationName: string;
  regionCode: string | null;
  supply: 'purchase' | 'production';
  supplierId: number | null;
  supplierCode: string | null;
  lineCode: string | null;
  weeklyForecast: number[];
  sdPerWeek: number;
  method: SafetyStockMethod;
  model: string;
  demandClass: string;
  /** CV of weekly demand over the ABC window (XYZ). */
  cv: number | null;
  /** GBP revenue of the SKU over the ABC window (network rows; the ABC measure). */
  revenueGbpMinor: number;
  leadTimeMeanDays: number;
  leadTimeSdDays: number;
  leadTimeSource: string;
  unitCostMinor: number;
  costCurrency: string;
  unitCostGbpMinor: number | null;
  moq: number;
  packSize: number;
  onHand: number;
  allocated: number;
  inbound: number;
  stockAsOf: string | null;
  demo: boolean;
}

export interface StoredPolicy {
  productId: number;
  details: PolicyDetails;
}

export interface DerivedPolicy {
  productId: number;
  details: PolicyDetails;
  abcClass: AbcClass;
  xyzClass: XyzClass;
  policy: InventoryPolicy;
  position: number;
  daysOfCover: number | null;
  stockOutDate: string | null;
  /** Runs out before a replenishment started on the as-of date could arrive. */
  atRisk: boolean;
}

export type ServiceLevels = InventorySettingsView['serviceLevels'];

/**
 * Applies the settings to the stored statistics: ABC from the SKUs' revenue shares (network rows carry
 * the revenue; every location row of a SKU takes its class), XYZ from the CV, then the policy with the
 * class's service level, cover and projected stock-out from the forecast.
 */
export function derivePolicies(
  stored: readonly StoredPolicy[],
  settings: InventorySettingsView,
  asOf: string,
  serviceLevels: ServiceLevels = settings.serviceLevels,
): DerivedPolicy[] {
  const network = stored.filter((s) => s.details.locationId === null);
  const abc = classifyAbc(
    network.map((s) => ({ key: String(s.productId), revenue: s.details.revenueGbpMinor })),
    settings.abcThresholds,
  );
  return stored.map((s) => {
    const d = s.details;
    const abcClass = abc.get(String(s.productId)) ?? 'C';
    const policy = computePolicy(
      {
        weeklyForecast: d.weeklyForecast,
        demandSdPerWeek: d.sdPerWeek,
        method: d.method,
        leadTimeMeanDays: d.leadTimeMeanDays,
        leadTimeSdDays: d.leadTimeSdDays,
        unitCostGbpMinor: d.unitCostGbpMinor ?? 0,
        moq: d.moq,
        packSize: d.packSize,
      },
      {
        serviceLevel: serviceLevels[abcClass],
        orderingCostGbpMinor: settings.orderingCostGbpMinor,
        holdingRate: settings.holdingRate,
        reviewPeriodDays: settings.reviewPeriodDays,
      },
    );
    const available = d.onHand - d.allocated;
    const position = available + d.inbound;
    const stockOutDate = projectStockOut({ startStock: position, asOf, weeklyDemand: d.weeklyForecast });
    const arrival = addDays(asOf, Math.ceil(d.leadTimeMeanDays));
    return {
      productId: s.productId,
      details: d,
      abcClass,
      xyzClass: classifyXyz(d.cv, settings.xyzThresholds),
      policy,
      position,
      daysOfCover: daysOfCover(available, d.weeklyForecast),
      stockOutDate,
      atRisk: stockOutDate !== null && stockOutDate <= arrival,
    };
  });
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The API row of a derived policy. */
export function policyView(p: DerivedPolicy): PolicyRow {
  const d = p.details;
  return {
    sku: d.sku,
    productName: d.productName,
    locationCode: d.locationCode,
    locationName: d.locationName,
    abcClass: p.abcClass,
    xyzClass: p.xyzClass,
    cv: d.cv,
    supply: d.supply,
    method: d.method,
    forecastModel: d.model,
    demandClass: d.demandClass,
    serviceLevel: p.policy.serviceLevel,
    z: p.policy.z,
    demandMeanPerWeek: p.policy.demandMeanPerWeek,
    demandSdPerWeek: p.policy.demandSdPerWeek,
    annualDemand: p.policy.annualDemand,
    leadTimeMeanDays: d.leadTimeMeanDays,
    leadTimeSdDays: d.leadTimeSdDays,
    leadTimeSource: d.leadTimeSource,
    leadTimeDemandMean: p.policy.leadTimeDemandMean,
    leadTimeDemandSd: p.policy.leadTimeDemandSd,
    safetyStock: p.policy.safetyStock,
    reorderPoint: p.policy.reorderPoint,
    economicOrderQuantity: p.policy.economicOrderQuantity,
    orderQuantity: p.policy.orderQuantity,
    orderUpTo: p.policy.orderUpTo,
    reviewPeriodDays: p.policy.reviewPeriodDays,
    expectedFillRate: p.policy.expectedFillRate,
    unitCostGbpMinor: d.unitCostGbpMinor,
    safetyStockValueGbpMinor: p.policy.safetyStockValueGbpMinor,
    safetyStockHoldingCostGbpMinor: p.policy.safetyStockHoldingCostGbpMinor,
    position: p.position,
    daysOfCover: p.daysOfCover,
    stockOutDate: p.stockOutDate,
  };
}
