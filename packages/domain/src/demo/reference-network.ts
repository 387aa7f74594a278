/** The demo business's sales channels and stock locations (invented, written with `source: 'demo'`). */
import type { ChannelKind, LocationKind, RegionCode } from '../records/index';
import type { DemoCurrency } from './reference-products';

export interface DemoChannel {
  code: string;
  name: string;
  kind: ChannelKind;
  region: RegionCode;
  currency: DemoCurrency;
  settlementDays: number;
  /** Location the channel's orders ship from. */
  fulfilFrom: string;
  /** Share of retail orders at the start of the period (0 for wholesale). */
  orderShare: number;
  /** Marketplace fees deducted before the payout (referral, FBA, payment processing). */
  feeRate: number;
  /** The customer account that settles the channel's sales (marketplaces), if any. */
  settlementCustomer?: string;
}

export const DEMO_CHANNELS: readonly DemoChannel[] = [
  channel('amazon-uk', 'Amazon UK (FBA)', 'amazon', 'UK', 'GBP', 14, 'FBA-UK', 0.3, 0.27, 'MKT-AMAZON-UK'),
  channel(
    'amazon-eu',
    'Amazon EU (Pan-EU FBA)',
    'amazon',
    'EU',
    'EUR',
    14,
    'FBA-EU',
    0.14,
    0.28,
    'MKT-AMAZON-EU',
  ),
  channel('amazon-us', 'Amazon US (FBA)', 'amazon', 'US', 'USD', 14, 'FBA-US', 0.15, 0.29, 'MKT-AMAZON-US'),
  channel(
    'shopify-uk',
    'Shopify store UK',
    'shopify',
    'UK',
    'GBP',
    3,
    'DIST-UK',
    0.22,
    0.025,
    'MKT-SHOPIFY-UK',
  ),
  channel('shopify-eu', 'Shopify store EU', 'shopify', 'EU', 'EUR', 3, 'WH-EU', 0.08, 0.03, 'MKT-SHOPIFY-EU'),
  channel('shopify-us', 'Shopify store US', 'shopify', 'US', 'USD', 3, 'WH-US', 0.11, 0.03, 'MKT-SHOPIFY-US'),
  channel('wholesale-uk', 'Wholesale UK (trade accounts)', 'wholesale', 'UK', 'GBP', 30, 'DIST-UK', 0, 0),
];

function channel(
  code: string,
  name: string,
  kind: ChannelKind,
  region: RegionCode,
  currency: DemoCurrency,
  settlementDays: number,
  fulfilFrom: string,
  orderShare: number,
  feeRate: number,
  settlementCustomer?: string,
): DemoChannel {
  return {
    code,
    name,
    kind,
    region,
    currency,
    settlementDays,
    fulfilFrom,
    orderShare,
    feeRate,
    settlementCustomer,
  };
}

/** Yearly growth of retail orders by region (the business is expanding fastest in the US). */
export const REGION_GROWTH: Record<RegionCode, number> = { UK: 0.15, EU: 0.28, US: 0.4 };
/** Retail orders a day at the start of the period, before season and weekday effects. */
export const BASE_RETAIL_ORDERS_PER_DAY = 100;
/** Trade orders a day at the start (placed on weekdays). */
export const BASE_WHOLESALE_ORDERS_PER_DAY = 1;

export interface DemoLocation {
  code: string;
  name: string;
  kind: LocationKind;
  region: RegionCode;
  /** Days for a transfer from the main warehouse to arrive. */
  transitDays: number;
  /** Days of demand a replenishment aims to cover beyond the transit time. */
  coverDays: number;
}

/** Production and purchases land at DIST-UK; every other location is replenished from it weekly. */
export const MAIN_LOCATION = 'DIST-UK';

export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  {
    code: 'DIST-UK',
    name: 'Leith distillery warehouse',
    kind: 'warehouse',
    region: 'UK',
    transitDays: 0,
    coverDays: 0,
  },
  { code: 'FBA-UK', name: 'Amazon FBA UK', kind: 'fba', region: 'UK', transitDays: 5, coverDays: 28 },
  {
    code: 'WH-EU',
    name: '3PL warehouse Venlo (NL)',
    kind: '3pl',
    region: 'EU',
    transitDays: 8,
    coverDays: 28,
  },
  {
    code: 'FBA-EU',
    name: 'Amazon FBA EU (Pan-EU)',
    kind: 'fba',
    region: 'EU',
    transitDays: 10,
    coverDays: 28,
  },
  {
    code: 'WH-US',
    name: '3PL warehouse Newark NJ',
    kind: '3pl',
    region: 'US',
    transitDays: 28,
    coverDays: 35,
  },
  { code: 'FBA-US', name: 'Amazon FBA US', kind: 'fba', region: 'US', transitDays: 32, coverDays: 35 },
];
