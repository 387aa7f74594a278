/**
 * The parts of Shopify's Admin API payloads the connector reads (GraphQL Admin API 2025-01, and
 * the REST-shaped JSON webhooks deliver). Money is decimal strings; ids are GIDs
 * (`gid://shopify/Order/450789469`) and treated as opaque strings.
 */

export interface ShopifyMoneyBag {
  shopMoney: { amount: string; currencyCode: string };
}

export interface ShopifyGqlLineItem {
  id: string;
  sku: string | null;
  quantity: number;
  originalUnitPriceSet: ShopifyMoneyBag;
  totalDiscountSet: ShopifyMoneyBag;
  taxLines: { priceSet: ShopifyMoneyBag }[];
}

export interface ShopifyGqlRefund {
  id: string;
  createdAt: string;
  note: string | null;
  totalRefundedSet: ShopifyMoneyBag;
}

export interface ShopifyPageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ShopifyGqlOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  /** The shop's currency (shopMoney amounts are in it). */
  currencyCode: string;
  taxesIncluded: boolean;
  /** PENDING, AUTHORIZED, PARTIALLY_PAID, PAID, PARTIALLY_REFUNDED, REFUNDED, VOIDED, EXPIRED. */
  displayFinancialStatus: string | null;
  /** FULFILLED, UNFULFILLED, PARTIALLY_FULFILLED, IN_PROGRESS, ON_HOLD, … */
  displayFulfillmentStatus: string | null;
  lineItems: { pageInfo?: ShopifyPageInfo; nodes: ShopifyGqlLineItem[] };
  refunds: ShopifyGqlRefund[];
}

export interface ShopifyGqlInventoryLevel {
  location: { id: string; name: string };
  updatedAt: string | null;
  quantities: { name: string; quantity: number }[];
}

export interface ShopifyGqlVariant {
  id: string;
  sku: string | null;
  price: string;
  updatedAt: string;
  product: { id: string; title: string; status: string; productType: string | null; updatedAt: string };
  inventoryItem: {
    id: string;
    unitCost: { amount: string; currencyCode: string } | null;
    inventoryLevels: { pageInfo?: ShopifyPageInfo; nodes: ShopifyGqlInventoryLevel[] };
  } | null;
}

export interface ShopifyShop {
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  myshopifyDomain: string;
}

/** A REST `order` as webhooks (`orders/create`, `orders/updated`, …) deliver it. */
export interface ShopifyRestOrder {
  id: number | string;
  admin_graphql_api_id: string;
  name?: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  currency: string;
  taxes_included?: boolean;
  financial_status: string | null;
  fulfillment_status: string | null;
  line_items: {
    id: number | string;
    admin_graphql_api_id: string;
    sku: string | null;
    quantity: number;
    price: string;
    total_discount: string;
    tax_lines?: { price: string }[];
  }[];
  refunds?: {
    id: number | string;
    admin_graphql_api_id: string;
    created_at: string;
    note: string | null;
    transactions?: { kind: string; status: string; amount: string }[];
  }[];
}

/** How a store is mapped into our model. */
export interface ShopifyStoreContext {
  /** The channel its orders belong to, e.g. `shopify-uk`. */
  channelCode: string;
  /** IANA time zone the store reports in (its business dates), e.g. `Europe/London`. */
  timeZone: string;
  /** `shopify` for a real store, `demo` for a sandbox store serving the demo business. */
  source: string;
}

/** Records a normaliser produced, and the payloads it could not turn into records (with reasons). */
export interface Normalised<R> {
  records: R[];
  rejections: { key: string; reason: string }[];
}
