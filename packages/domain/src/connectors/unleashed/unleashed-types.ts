/**
 * Unleashed API payloads as the connector reads them (integration-contracts.md §3). Field names are
 * the service's own; fields the contract marks [UNCONFIRMED] are optional and read defensively.
 * Dates are `/Date(ms)/` strings, money and quantities JSON numbers.
 */

export interface UnleashedPagination {
  NumberOfItems: number;
  PageSize: number;
  PageNumber: number;
  NumberOfPages: number;
}

export interface UnleashedList<T> {
  Pagination: UnleashedPagination;
  Items: T[];
}

export interface UnleashedCurrency {
  CurrencyCode: string;
}

export interface UnleashedWarehouseRef {
  Guid?: string;
  WarehouseCode: string;
  WarehouseName?: string;
}

export interface UnleashedWarehouse {
  Guid: string;
  WarehouseCode: string;
  WarehouseName: string;
  IsDefault?: boolean;
  Obsolete?: boolean;
  City?: string | null;
  Region?: string | null;
  Country?: string | null;
  LastModifiedOn?: string | null;
}

export interface UnleashedSupplierRef {
  Guid?: string;
  SupplierCode: string;
  SupplierName?: string;
}

/** `/Suppliers` (not in the contract's list of paged endpoints; fields as Unleashed's supplier page shows them). */
export interface UnleashedSupplier {
  Guid: string;
  SupplierCode: string;
  SupplierName: string;
  Currency?: UnleashedCurrency | null;
  /** Free text such as "30 Days" or "20th Month following" [UNCONFIRMED format]. */
  PaymentTerm?: string | null;
  Obsolete?: boolean;
  LastModifiedOn?: string | null;
}

export interface UnleashedProduct {
  Guid: string;
  ProductCode: string;
  ProductDescription: string;
  Barcode?: string | null;
  DefaultSellPrice?: number | null;
  DefaultPurchasePrice?: number | null;
  AverageLandPrice?: number | null;
  LastCost?: number | null;
  /** Units per pack/case [UNCONFIRMED field name; absent from the contract's field list]. */
  PackSize?: number | null;
  /** Minimum purchase quantity [UNCONFIRMED field name; absent from the contract's field list]. */
  MinimumOrderQuantity?: number | null;
  IsAssembledProduct?: boolean;
  IsComponent?: boolean;
  IsSellable?: boolean;
  Obsolete?: boolean;
  ProductGroup?: { GroupName: string } | null;
  UnitOfMeasure?: { Name: string } | null;
  /** The default supplier [3P]. */
  Supplier?: UnleashedSupplierRef | null;
  CreatedOn?: string | null;
  LastModifiedOn?: string | null;
}

export interface UnleashedStockOnHand {
  Guid?: string;
  ProductGuid: string;
  ProductCode: string;
  ProductDescription?: string;
  WarehouseId?: string | null;
  WarehouseCode?: string | null;
  Warehouse?: string | null;
  QtyOnHand: number;
  AllocatedQty?: number | null;
  AvailableQty?: number | null;
  OnPurchase?: number | null;
  AvgCost?: number | null;
  TotalCost?: number | null;
  LastModifiedOn?: string | null;
}

export interface UnleashedProductRef {
  Guid: string;
  ProductCode: string | null;
  ProductDescription?: string | null;
}

export interface UnleashedSalesOrderLine {
  Guid?: string;
  LineNumber: number;
  /** `null` for product lines, `Charge` for delivery and other charges. */
  LineType?: string | null;
  Product: UnleashedProductRef;
  DueDate?: string | null;
  OrderQuantity: number;
  UnitPrice: number;
  DiscountRate?: number | null;
  LineTotal: number;
  LineTax?: number | null;
  LastModifiedOn?: string | null;
}

export interface UnleashedSalesOrder {
  Guid: string;
  OrderNumber: string;
  /** `Parked`, `Placed`, `Backordered`, `Completed`, `Deleted`. */
  OrderStatus: string;
  OrderDate: string;
  RequiredDate?: string | null;
  CompletedDate?: string | null;
  Customer?: { Guid?: string; CustomerCode: string; CustomerName?: string } | null;
  Warehouse?: UnleashedWarehouseRef | null;
  Currency?: UnleashedCurrency | null;
  ExchangeRate?: number | null;
  SubTotal?: number | null;
  TaxTotal?: number | null;
  Total?: number | null;
  SalesOrderLines: UnleashedSalesOrderLine[];
  CreatedOn?: string | null;
  LastModifiedOn?: string | null;
}

export interface UnleashedPurchaseOrderLine {
  Guid?: string;
  LineNumber: number;
  Product: UnleashedProductRef;
  DueDate?: string | null;
  OrderQuantity: number;
  ReceiptQuantity?: number | null;
  UnitPrice: number;
  LineTotal?: number | null;
}

export interface UnleashedPurchaseOrder {
  Guid: string;
  OrderNumber: string;
  /** `Parked`, `Placed`, `Receipted`, `Costed`, `Complete`, `Deleted` (names partly [UNCONFIRMED]). */
  OrderStatus: string;
  OrderDate: string;
  RequiredDate?: string | null;
  ReceivedDate?: string | null;
  CompletedDate?: string | null;
  Supplier: UnleashedSupplierRef;
  Warehouse?: UnleashedWarehouseRef | null;
  Currency?: UnleashedCurrency | null;
  SubTotal?: number | null;
  Total?: number | null;
  /** Our reference on orders we create (the proposal batch they came from). */
  SupplierRef?: string | null;
  Comments?: string | null;
  PurchaseOrderLines: UnleashedPurchaseOrderLine[];
  CreatedOn?: string | null;
  LastModifiedOn?: string | null;
}

export interface UnleashedAssembly {
  Guid: string;
  AssemblyNumber: string;
  /** The day the assembly is (to be) made. */
  AssemblyDate?: string | null;
  /** The day it is due. */
  AssembleBy?: string | null;
  /** `Parked`, `Completed`, `Deleted`, or a custom status (work in progress). */
  AssemblyStatus: string;
  /** When it was completed [UNCONFIRMED field name]. */
  CompletedDate?: string | null;
  AutoAssembly?: boolean;
  Quantity: number;
  Product: UnleashedProductRef;
  SourceWarehouse?: UnleashedWarehouseRef | null;
  DestinationWarehouse?: UnleashedWarehouseRef | null;
  Comments?: string | null;
  CreatedOn?: string | null;
  LastModifiedOn?: string | null;
}

/** Rejected or skipped payloads, with the reason; every normaliser returns them beside its records. */
export interface UnleashedNormalised<T> {
  records: T[];
  rejections: { key: string; reason: string }[];
  skipped: { key: string; reason: string }[];
}
