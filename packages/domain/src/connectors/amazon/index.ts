export type * from './amazon-types';
export {
  AMAZON_MARKETPLACES,
  type AmazonMarketplace,
  amazonMarketplace,
  SP_API_ENDPOINTS,
  type SpApiRegion,
} from './marketplaces';
export { normaliseAmazonInventory } from './normalise-inventory';
export { amazonOrderStatus, normaliseAmazonOrder } from './normalise-order';
