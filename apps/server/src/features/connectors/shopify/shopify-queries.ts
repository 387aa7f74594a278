/**
 * The GraphQL documents the connector sends (Admin API 2025-01). Orders are read sorted by
 * UPDATED_AT so an incremental pass (`updated_at:>=…`) can resume from a cursor; nested line items
 * and inventory levels are paged with their own follow-up queries when an order or item has more.
 */
export const SHOPIFY_API_VERSION = '2025-01';

const MONEY = 'shopMoney { amount currencyCode }';

const ORDER_FIELDS = `
  id name createdAt updatedAt cancelledAt currencyCode taxesIncluded
  displayFinancialStatus displayFulfillmentStatus
  lineItems(first: $lineFirst) {
    pageInfo { hasNextPage endCursor }
    nodes { ...Line }
  }
  refunds { id createdAt note totalRefundedSet { ${MONEY} } }`;

const LINE_FRAGMENT = `
fragment Line on LineItem {
  id sku quantity
  originalUnitPriceSet { ${MONEY} }
  totalDiscountSet { ${MONEY} }
  taxLines { priceSet { ${MONEY} } }
}`;

export const SHOP_QUERY = `query Shop { shop { name currencyCode ianaTimezone myshopifyDomain } }`;

export const ORDERS_COUNT_QUERY = `query OrdersCount($query: String) { ordersCount(query: $query, limit: null) { count precision } }`;

export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String, $lineFirst: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_FIELDS} }
  }
}
${LINE_FRAGMENT}`;

export const ORDER_QUERY = `query Order($id: ID!, $lineFirst: Int!) {
  order(id: $id) { ${ORDER_FIELDS} }
}
${LINE_FRAGMENT}`;

export const ORDER_LINES_QUERY = `query OrderLines($id: ID!, $first: Int!, $after: String) {
  order(id: $id) {
    lineItems(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...Line }
    }
  }
}
${LINE_FRAGMENT}`;

const LEVEL_FIELDS = `location { id name } updatedAt
  quantities(names: ["available", "on_hand", "committed", "incoming"]) { name quantity }`;

export const VARIANTS_QUERY = `query Variants($first: Int!, $after: String, $levelFirst: Int!) {
  productVariants(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id sku price updatedAt
      product { id title status productType updatedAt }
      inventoryItem {
        id
        unitCost { amount currencyCode }
        inventoryLevels(first: $levelFirst) {
          pageInfo { hasNextPage endCursor }
          nodes { ${LEVEL_FIELDS} }
        }
      }
    }
  }
}`;

export const INVENTORY_LEVELS_QUERY = `query InventoryLevels($id: ID!, $first: Int!, $after: String) {
  inventoryItem(id: $id) {
    inventoryLevels(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ${LEVEL_FIELDS} }
    }
  }
}`;
