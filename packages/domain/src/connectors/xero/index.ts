export {
  type BalanceSheetSummary,
  normaliseXeroBankBalances,
  reportAmountToMinor,
  summariseXeroBalanceSheet,
} from './balance-sheet';
export {
  normaliseXeroInvoices,
  normaliseXeroPayments,
  type XeroInvoiceContext,
  xeroInvoiceStatus,
  xeroInvoiceType,
} from './normalise-invoices';
export {
  changedInvoiceIds,
  parseXeroWebhookPayload,
  xeroDeliveryId,
  xeroWebhookPayloadSchema,
} from './webhook-payload';
export type * from './xero-types';
