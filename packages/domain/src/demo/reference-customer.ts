/**
 * The demo's fictional reference customer: a small drinks maker (gins, rums, liqueurs, canned
 * ready-to-drink) selling in the UK, EU and US through Amazon, Shopify and trade accounts.
 */
export * from './reference-finance';
export * from './reference-network';
export * from './reference-products';
