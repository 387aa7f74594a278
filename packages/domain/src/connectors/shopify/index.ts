export {
  normaliseShopifyInventory,
  normaliseShopifyVariants,
  type ShopifyLocationFacts,
  type ShopifyVariantFacts,
} from './normalise-catalogue';
export { normaliseShopifyOrders, normaliseShopifyRestOrders, shopifyOrderStatus } from './normalise-order';
export { gidTail, localDate } from './shopify-ids';
export type * from './shopify-types';
