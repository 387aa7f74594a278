import type { AbcClass, XyzClass } from './classification';
import {
  type CountDistribution,
  countDistribution,
  countExpectedShortage,
  countQuantile,
} from './discrete-demand';
import { economicOrderQuantity, orderableQuantity } from './order-quantity';
import { fillRateNormal, leadTimeDemandSd, safetyFactor } from './safety-stock';

const DAYS_PER_WEEK = 7;
const WEEKS_PER_YEAR = 52;

/**
 * How safety stock is set: `normal` (z·σ of lead-time demand) for regular demand; `count` (Poisson or
 * negative binomial quantile of lead-time demand, Syntetos & Boylan 2006) for intermittent demand, whose
 * lead-time demand is too skewed for the normal model.
 */
export type SafetyStockMethod = 'normal' | 'count';

/** What the policy needs to know about one SKU (at one location, or network-wide). */
export interface PolicyInput {
  /** Forecast demand per week, starting the week after the as-of date (at least one week). */
  weeklyForecast: readonly number[];
  /** Standard deviation of one week's demand around the forecast (forecast error). */
  demandSdPerWeek: number;
  method: SafetyStockMethod;
  leadTimeMeanDays: number;
  leadTimeSdDays: number;
  /** GBP minor units per unit: the value of a unit held. */
  unitCostGbpMinor: number;
  moq: number;
  packSize: number;
}

export interface PolicyParameters {
  /** Cycle service level: probability of no stock-out in a replenishment cycle. */
  serviceLevel: number;
  /** Cost of placing one order (or setting up one batch), GBP minor units. */
  orderingCostGbpMinor: number;
  /** Cost of holding stock for a year as a share of its value (e.g. 0.25). */
  holdingRate: number;
  /** Days between reviews in the periodic-review (R, S) policy. */
  reviewPeriodDays: number;
}

export interface InventoryPolicy {
  method: SafetyStockMethod;
  serviceLevel: number;
  /** Safety factor Φ⁻¹(CSL) (normal method only). */
  z: number | null;
  /** Mean weekly demand over the protection interval (lead time, at least a week). */
  demandMeanPerWeek: number;
  demandSdPerWeek: number;
  annualDemand: number;
  leadTimeDemandMean: number;
  leadTimeDemandSd: number;
  safetyStock: number;
  /** s of the (s, Q) policy: lead-time demand + safety stock. */
  reorderPoint: number;
  /** √(2DK/h) before rounding; null when holding costs nothing. */
  economicOrderQuantity: number | null;
  /** Q of the (s, Q) policy: the EOQ at least the MOQ, in whole packs. */
  orderQuantity: number;
  /** S of the periodic-review (R, S) policy: demand over R + L plus its safety stock. */
  orderUpTo: number;
  reviewPeriodDays: number;
  /** Expected share of demand met from stock under (s, Q). */
  expectedFillRate: number;
  safetyStockValueGbpMinor: number;
  /** Holding cost of the safety stock for a year. */
  safetyStockHoldingCostGbpMinor: number;
}

/** Mean of the first `weeks` (rounded up, at least one) weekly forecasts. */
export function meanOverWeeks(weeklyForecast: readonly number[], weeks: number): number {
  if (weeklyForecast.length === 0) return 0;
  const n = Math.min(weeklyForecast.length, Math.max(1, Math.ceil(weeks - 1e-9)));
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(0, weeklyForecast[i]!);
  return sum / n;
}

/** Annual demand: the forecast's weeks scaled to 52 (a shorter forecast is extrapolated at its mean). */
export function annualDemandOf(weeklyForecast: readonly number[]): number {
  if (weeklyForecast.length === 0) return 0;
  const weeks = weeklyForecast.slice(0, WEEKS_PER_YEAR);
  return (weeks.reduce((s, v) => s + Math.max(0, v), 0) / weeks.length) * WEEKS_PER_YEAR;
}

/**
 * The full policy of one SKU: safety stock, reorder point and order quantity of the continuous-review
 * (s, Q) system, the order-up-to level of the periodic-review (R, S) system, EOQ, expected fill rate and
 * what the safety stock costs to hold. Demand is per week; lead times in days are converted to weeks.
 */
export function computePolicy(input: PolicyInput, parameters: PolicyParameters): InventoryPolicy {
  const { serviceLevel, orderingCostGbpMinor, holdingRate, reviewPeriodDays } = parameters;
  if (!(holdingRate >= 0)) throw new RangeError('holding rate must be ≥ 0');
  if (!(reviewPeriodDays >= 0)) throw new RangeError('review period must be ≥ 0');
  const leadTime = input.leadTimeMeanDays / DAYS_PER_WEEK;
  const leadTimeSd = input.leadTimeSdDays / DAYS_PER_WEEK;
  const review = reviewPeriodDays / DAYS_PER_WEEK;
  const demandMean = meanOverWeeks(input.weeklyForecast, leadTime);
  const demandSd = input.demandSdPerWeek;
  const annualDemand = annualDemandOf(input.weeklyForecast);
  const overLead = { demandMean, demandSd, leadTime, leadTimeSd };
  const overReviewAndLead = {
    demandMean: meanOverWeeks(input.weeklyForecast, leadTime + review),
    demandSd,
    leadTime: leadTime + review,
    leadTimeSd,
  };
  const ltdMean = demandMean * leadTime;
  const ltdSd = leadTimeDemandSd(overLead);

  const holdingPerUnit = holdingRate * input.unitCostGbpMinor;
  const eoq = economicOrderQuantity(annualDemand, orderingCostGbpMinor, holdingPerUnit);
  // Without a finite EOQ (free to hold) a year's demand is the natural cap on one order.
  const orderQuantity = orderableQuantity(eoq ?? annualDemand, input.moq, input.packSize);

  let z: number | null = null;
  let safetyStock: number;
  let reorderPoint: number;
  let orderUpTo: number;
  let fillRate: number;
  if (input.method === 'normal') {
    z = safetyFactor(serviceLevel);
    safetyStock = Math.max(0, z * ltdSd);
    reorderPoint = ltdMean + safetyStock;
    const protection = overReviewAndLead.demandMean * overReviewAndLead.leadTime;
    orderUpTo = protection + Math.max(0, z * leadTimeDemandSd(overReviewAndLead));
    fillRate = orderQuantity > 0 ? fillRateNormal(safetyStock, ltdSd, orderQuantity) : 1;
  } else {
    const ltd: CountDistribution = countDistribution(ltdMean, ltdSd * ltdSd);
    const s = countQuantile(ltd, serviceLevel);
    safetyStock = Math.max(0, s - ltdMean);
    reorderPoint = ltdMean + safetyStock;
    const sdRL = leadTimeDemandSd(overReviewAndLead);
    const meanRL = overReviewAndLead.demandMean * overReviewAndLead.leadTime;
    const overRL = countDistribution(meanRL, sdRL * sdRL);
    orderUpTo = Math.max(meanRL, countQuantile(overRL, serviceLevel));
    fillRate =
      orderQuantity > 0 ? Math.max(0, 1 - countExpectedShortage(ltd, reorderPoint) / orderQuantity) : 1;
  }
  const safetyStockValue = Math.round(safetyStock * input.unitCostGbpMinor);
  return {
    method: input.method,
    serviceLevel,
    z,
    demandMeanPerWeek: demandMean,
    demandSdPerWeek: demandSd,
    annualDemand,
    leadTimeDemandMean: ltdMean,
    leadTimeDemandSd: ltdSd,
    safetyStock,
    reorderPoint,
    economicOrderQuantity: eoq,
    orderQuantity,
    orderUpTo,
    reviewPeriodDays,
    expectedFillRate: annualDemand > 0 ? fillRate : 1,
    safetyStockValueGbpMinor: safetyStockValue,
    safetyStockHoldingCostGbpMinor: Math.round(safetyStockValue * holdingRate),
  };
}

/** The class labels that travel with a policy. */
export interface ClassifiedPolicy extends InventoryPolicy {
  abcClass: AbcClass;
  xyzClass: XyzClass;
}
