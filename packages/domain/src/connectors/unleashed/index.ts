export {
  dotNetDate,
  dotNetInstant,
  formatDotNetDate,
  jsonAmountToMinor,
  jsonNumberText,
  parseDotNetDate,
  wholeQuantity,
} from './dotnet-json';
export { normaliseUnleashedAssemblies, unleashedAssemblyStatus } from './normalise-assemblies';
export {
  CATALOGUE_DEFAULTS,
  normaliseUnleashedProducts,
  normaliseUnleashedSuppliers,
  normaliseUnleashedWarehouses,
  paymentTermDays,
  regionOfCountry,
  type UnleashedCatalogueContext,
} from './normalise-catalogue';
export {
  isChargeLine,
  normaliseUnleashedPurchaseOrders,
  normaliseUnleashedSalesOrders,
  type UnleashedSalesContext,
  unleashedPurchaseOrderStatus,
  unleashedSalesOrderStatus,
} from './normalise-orders';
export { normaliseUnleashedStock, type UnleashedStockContext } from './normalise-stock';
export type * from './unleashed-types';
