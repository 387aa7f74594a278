/** The parts of SP-API payloads the connector reads (Orders API v0, FBA Inventory API v1). */

export interface AmazonMoney {
  CurrencyCode: string;
  /** A decimal string, e.g. "41.98". */
  Amount: string;
}

export interface AmazonOrder {
  AmazonOrderId: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  /** PendingAvailability, Pending, Unshipped, PartiallyShipped, Shipped, InvoiceUnconfirmed, Canceled, Unfulfillable. */
  OrderStatus: string;
  MarketplaceId?: string;
  FulfillmentChannel?: string;
  OrderTotal?: AmazonMoney;
}

export interface AmazonOrderItem {
  ASIN: string;
  OrderItemId: string;
  SellerSKU?: string;
  QuantityOrdered: number;
  /** Line total: unit price × quantity (tax-inclusive where the marketplace's prices are). */
  ItemPrice?: AmazonMoney;
  ItemTax?: AmazonMoney;
  PromotionDiscount?: AmazonMoney;
  PromotionDiscountTax?: AmazonMoney;
}

export interface AmazonInventorySummary {
  asin?: string;
  fnSku?: string;
  sellerSku?: string;
  lastUpdatedTime?: string;
  totalQuantity?: number;
  inventoryDetails?: {
    fulfillableQuantity?: number;
    inboundWorkingQuantity?: number;
    inboundShippedQuantity?: number;
    inboundReceivingQuantity?: number;
    reservedQuantity?: { totalReservedQuantity?: number };
    researchingQuantity?: { totalResearchingQuantity?: number };
    unfulfillableQuantity?: { totalUnfulfillableQuantity?: number };
  };
}

/** How a marketplace is mapped into our model. */
export interface AmazonMarketplaceContext {
  marketplaceId: string;
  channelCode: string;
  /** The FBA location its stock is held at, e.g. `FBA-UK`. */
  locationCode: string;
  /** `amazon` for a real seller account, `demo` for the sandbox serving the demo business. */
  source: string;
}

export interface AmazonNormalised<R> {
  records: R[];
  rejections: { key: string; reason: string }[];
  /** Valid payloads deliberately not written yet (e.g. pending orders without prices). */
  skipped: { key: string; reason: string }[];
}
