import { normalLoss, normalQuantile } from './normal';

/**
 * Demand and lead time in the same period unit (weeks here): mean and standard deviation of demand per
 * period, mean and standard deviation of the lead time in periods.
 */
export interface LeadTimeDemandInput {
  demandMean: number;
  demandSd: number;
  leadTime: number;
  leadTimeSd: number;
}

function checkInput({ demandMean, demandSd, leadTime, leadTimeSd }: LeadTimeDemandInput): void {
  for (const [name, value] of Object.entries({ demandMean, demandSd, leadTime, leadTimeSd })) {
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0`);
  }
}

/** Mean demand over the lead time, d̄·L. */
export function leadTimeDemandMean(input: LeadTimeDemandInput): number {
  checkInput(input);
  return input.demandMean * input.leadTime;
}

/**
 * Standard deviation of demand over a random lead time, √(L·σd² + d̄²·σL²), for demand independent
 * from period to period and independent of the lead time (Chopra & Meindl, safety inventory with
 * uncertain demand and lead time; Silver, Pyke & Thomas 2017).
 */
export function leadTimeDemandSd(input: LeadTimeDemandInput): number {
  checkInput(input);
  const { demandMean, demandSd, leadTime, leadTimeSd } = input;
  return Math.sqrt(leadTime * demandSd * demandSd + demandMean * demandMean * leadTimeSd * leadTimeSd);
}

/** Safety factor z = Φ⁻¹(CSL) for a cycle service level strictly between 0 and 1. */
export function safetyFactor(serviceLevel: number): number {
  if (!(serviceLevel > 0 && serviceLevel < 1)) {
    throw new RangeError('service level must be strictly between 0 and 1');
  }
  return normalQuantile(serviceLevel);
}

/** SS = z·√(L·σd² + d̄²·σL²): the buffer that meets the cycle service level under normal lead-time demand. */
export function safetyStockNormal(serviceLevel: number, input: LeadTimeDemandInput): number {
  return safetyFactor(serviceLevel) * leadTimeDemandSd(input);
}

/**
 * Fill rate (share of demand met from stock) of a continuous-review (s, Q) policy with normal
 * lead-time demand: 1 − σ_L·G(SS/σ_L)/Q, G the normal loss function (Chopra & Meindl, fill rate from
 * expected shortage per replenishment cycle). Without lead-time uncertainty nothing is short.
 */
export function fillRateNormal(safetyStock: number, sdLeadTimeDemand: number, orderQuantity: number): number {
  if (!(orderQuantity > 0)) throw new RangeError('order quantity must be > 0');
  if (sdLeadTimeDemand <= 0) return safetyStock >= 0 ? 1 : 0;
  const shortage = sdLeadTimeDemand * normalLoss(safetyStock / sdLeadTimeDemand);
  return Math.max(0, 1 - shortage / orderQuantity);
}
