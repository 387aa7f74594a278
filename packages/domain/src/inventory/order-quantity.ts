/**
 * Economic order quantity Q* = √(2DK/h) (Harris 1913; Silver, Pyke & Thomas 2017; Chopra & Meindl):
 * D demand per year, K cost per order, h cost of holding one unit for a year. Null when holding costs
 * nothing (no finite optimum); 0 without demand.
 */
export function economicOrderQuantity(
  annualDemand: number,
  orderingCost: number,
  holdingCostPerUnitYear: number,
) {
  if (!(Number.isFinite(annualDemand) && annualDemand >= 0))
    throw new RangeError('annual demand must be ≥ 0');
  if (!(Number.isFinite(orderingCost) && orderingCost >= 0))
    throw new RangeError('ordering cost must be ≥ 0');
  if (!(Number.isFinite(holdingCostPerUnitYear) && holdingCostPerUnitYear >= 0)) {
    throw new RangeError('holding cost must be ≥ 0');
  }
  if (annualDemand === 0) return 0;
  if (holdingCostPerUnitYear === 0) return null;
  return Math.sqrt((2 * annualDemand * orderingCost) / holdingCostPerUnitYear);
}

/**
 * The quantity to order for a need: nothing when nothing is needed, else at least the minimum order
 * quantity, rounded up to whole packs (so an MOQ that is not a multiple of the pack size is rounded up
 * too). The result is never below the need, the MOQ, and is always a multiple of the pack size.
 */
export function orderableQuantity(need: number, moq: number, packSize: number): number {
  if (!(Number.isInteger(packSize) && packSize >= 1))
    throw new RangeError('pack size must be an integer ≥ 1');
  if (!(Number.isInteger(moq) && moq >= 1)) throw new RangeError('MOQ must be an integer ≥ 1');
  if (!Number.isFinite(need)) throw new RangeError('need must be finite');
  if (need <= 0) return 0;
  return Math.ceil(Math.max(need, moq) / packSize) * packSize;
}
