import {
  type AbcClass,
  type AbcThresholds,
  DEFAULT_ABC_THRESHOLDS,
  DEFAULT_XYZ_THRESHOLDS,
  type XyzThresholds,
} from './classification';

/** The planner's choices behind every policy; kept as a setting and changed on the Inventory page. */
export interface InventorySettings {
  /** Cycle service level per ABC class. */
  serviceLevels: Record<AbcClass, number>;
  abcThresholds: AbcThresholds;
  xyzThresholds: XyzThresholds;
  /** Days of revenue the ABC classes are measured over. */
  abcWindowDays: number;
  /** Cost of placing one purchase order or setting up one batch, GBP minor units. */
  orderingCostGbpMinor: number;
  /** Yearly cost of holding stock as a share of its value. */
  holdingRate: number;
  /** Review period of the (R, S) policy, days. */
  reviewPeriodDays: number;
}

/**
 * Defaults from the product brief (A 99%, B 98%, C 95%; ABC 80/15/5; XYZ CV 0.5/1.0). The ordering cost
 * (£150) and holding rate (25% a year, within the 20–30% textbooks quote) are starting values for the
 * planner to replace with the business's own; the page shows them as settings, not as data.
 */
export const DEFAULT_INVENTORY_SETTINGS: InventorySettings = {
  serviceLevels: { A: 0.99, B: 0.98, C: 0.95 },
  abcThresholds: DEFAULT_ABC_THRESHOLDS,
  xyzThresholds: DEFAULT_XYZ_THRESHOLDS,
  abcWindowDays: 365,
  orderingCostGbpMinor: 15_000,
  holdingRate: 0.25,
  reviewPeriodDays: 7,
};
