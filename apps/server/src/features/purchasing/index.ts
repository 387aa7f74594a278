/** What other features use from purchasing. */
export {
  buildPurchaseOrderDrafts,
  markProposalsOrdered,
  type PurchaseOrderDraft,
} from './purchase-order-drafts';
export {
  type PlannedPurchasePayment,
  queryPlannedPurchasesByPaymentDate,
} from './queries/query-planned-purchases';
