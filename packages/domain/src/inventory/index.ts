/** Inventory optimisation: classification, safety stock, reorder points, order quantities, approvals. */
export * from './approval';
export * from './classification';
export * from './discrete-demand';
export { normalCdf, normalLoss, normalPdf, normalQuantile } from './normal';
export * from './order-quantity';
export * from './policy';
export * from './projection';
export * from './replenishment';
export * from './safety-stock';
export * from './settings';
