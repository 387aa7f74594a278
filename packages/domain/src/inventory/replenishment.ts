import { orderableQuantity } from './order-quantity';

export type ReplenishmentReason =
  | { code: 'below-reorder-point'; position: number; reorderPoint: number }
  | { code: 'projected-stock-out'; date: string };

export interface ReplenishmentInput {
  /**
   * Inventory position: on hand − allocated + inbound (on order and in transit) + approved orders not
   * yet placed. Netting against it keeps a second order from being proposed for the same need.
   */
  position: number;
  reorderPoint: number;
  /** Q of the (s, Q) policy. */
  orderQuantity: number;
  moq: number;
  packSize: number;
  /** Projected stock-out date from the forecast, if within the horizon. */
  stockOutDate: string | null;
  /** The last day an order placed now could arrive in time: as-of + lead time. */
  latestArrival: string;
}

export interface ReplenishmentProposal {
  quantity: number;
  reasons: ReplenishmentReason[];
}

/**
 * (s, S) with S = s + Q: when the position is at or below the reorder point s, or the forecast runs
 * stock out before an order placed today could arrive, order enough to lift the position to s + Q —
 * exactly Q when the position sits at s — then at least the MOQ and in whole packs. Null when no order is
 * due. (Silver, Pyke & Thomas 2017, (s, S) and (s, Q) systems.)
 */
export function proposeReplenishment(input: ReplenishmentInput): ReplenishmentProposal | null {
  const reasons: ReplenishmentReason[] = [];
  const belowReorderPoint = input.position <= input.reorderPoint && input.reorderPoint > 0;
  if (belowReorderPoint) {
    reasons.push({ code: 'below-reorder-point', position: input.position, reorderPoint: input.reorderPoint });
  }
  const runsOutInLeadTime = input.stockOutDate !== null && input.stockOutDate <= input.latestArrival;
  if (input.stockOutDate !== null && (belowReorderPoint || runsOutInLeadTime)) {
    reasons.push({ code: 'projected-stock-out', date: input.stockOutDate });
  }
  if (!belowReorderPoint && !runsOutInLeadTime) return null;
  const need = Math.max(input.orderQuantity, input.reorderPoint + input.orderQuantity - input.position);
  const quantity = orderableQuantity(need, input.moq, input.packSize);
  return quantity > 0 ? { quantity, reasons } : null;
}
