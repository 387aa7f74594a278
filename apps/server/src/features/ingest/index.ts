export { addIngestResult, emptyIngestResult, type IngestResult, type Rejection } from './ingest-result';
export {
  upsertChannels,
  upsertCustomers,
  upsertLocations,
  upsertProducts,
  upsertSuppliers,
} from './upsert-catalogue';
export {
  upsertBankAccounts,
  upsertBankBalances,
  upsertFxRates,
  upsertInvoices,
  upsertPayments,
} from './upsert-finance';
export { upsertProductionBatches, upsertProductionLines, upsertStockLevels } from './upsert-operations';
export { upsertOrders } from './upsert-orders';
export { upsertPurchaseOrders } from './upsert-purchase-orders';
