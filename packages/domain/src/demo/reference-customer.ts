/**
 * The demo's fictional reference customer: a small drinks maker (gins, rums, liqueurs, canned
 * ready-to-drink) selling in the UK, EU and US. Every figure here is invented for the demo and is
 * only ever written with `source: 'demo'`.
 */
import type { ChannelKind, LocationKind, ProductionLineKind, RegionCode } from '../records/index';

export type DemoCurrency = 'GBP' | 'EUR' | 'USD';
export const DEMO_CURRENCIES: readonly DemoCurrency[] = ['GBP', 'EUR', 'USD'];

export interface DemoSku {
  sku: string;
  name: string;
  category: 'gin' | 'rum' | 'liqueur' | 'rtd';
  unitCostMinor: number;
  costCurrency: DemoCurrency;
  /** List prices excluding sales tax, at the start of the demo period. */
  prices: Record<DemoCurrency, number>;
  packSize: number;
  moq: number;
  leadTimeDays: number;
  /** Made on one of our lines (or the contract canner's), or bought in finished. */
  supply: { kind: 'make'; lineCode: string } | { kind: 'buy'; supplierCode: string };
  /** Share of retail order lines at average season. */
  share: number;
  /** Share of wholesale order lines. */
  wholesaleShare: number;
  season: 'spirits' | 'summer';
  /** Sold rarely and in lumps: most days see no sale (exercises Croston-type forecasting). */
  intermittent: boolean;
  /** Retail channels that list it (all when absent). */
  channels?: readonly string[];
}

export const DEMO_SKUS: readonly DemoSku[] = [
  sku(
    'GIN-LDN-70',
    'Sentia London Dry Gin 70cl',
    'gin',
    920,
    [2900, 3300, 3900],
    600,
    10,
    { kind: 'make', lineCode: 'LINE-BOTTLING' },
    0.24,
    0.3,
    'spirits',
  ),
  sku(
    'GIN-PINK-70',
    'Sentia Pink Grapefruit Gin 70cl',
    'gin',
    980,
    [3000, 3400, 4000],
    400,
    14,
    { kind: 'make', lineCode: 'LINE-INFUSION' },
    0.17,
    0.16,
    'spirits',
  ),
  {
    ...sku(
      'GIN-NAVY-50',
      'Sentia Navy Strength Gin 50cl',
      'gin',
      1150,
      [3500, 3900, 4600],
      120,
      10,
      { kind: 'make', lineCode: 'LINE-BOTTLING' },
      0.0014,
      0.02,
      'spirits',
    ),
    intermittent: true,
    channels: ['shopify-uk', 'shopify-us', 'amazon-uk'],
  },
  {
    ...sku(
      'RUM-SPICED-70',
      'Sentia Spiced Rum 70cl',
      'rum',
      1250,
      [2700, 3100, 3500],
      1200,
      63,
      { kind: 'buy', supplierCode: 'SUP-RUM' },
      0.16,
      0.14,
      'spirits',
    ),
    costCurrency: 'USD',
  },
  {
    ...sku(
      'RUM-DARK-70',
      'Sentia Dark Rum 70cl',
      'rum',
      1380,
      [3100, 3500, 3900],
      600,
      63,
      { kind: 'buy', supplierCode: 'SUP-RUM' },
      0.09,
      0.1,
      'spirits',
    ),
    costCurrency: 'USD',
  },
  sku(
    'LIQ-ELDER-50',
    'Sentia Elderflower Liqueur 50cl',
    'liqueur',
    690,
    [2100, 2400, 2800],
    300,
    14,
    { kind: 'make', lineCode: 'LINE-INFUSION' },
    0.1,
    0.08,
    'spirits',
  ),
  {
    ...sku(
      'LIQ-COFFEE-50',
      'Sentia Cold Brew Coffee Liqueur 50cl',
      'liqueur',
      760,
      [2300, 2600, 3000],
      120,
      14,
      { kind: 'make', lineCode: 'LINE-INFUSION' },
      0.0012,
      0.01,
      'spirits',
    ),
    intermittent: true,
    channels: ['shopify-uk', 'shopify-eu', 'amazon-uk'],
  },
  sku(
    'RTD-GNT-4PK',
    'Sentia Gin & Tonic 4 × 250ml cans',
    'rtd',
    390,
    [1000, 1150, 1300],
    2400,
    28,
    { kind: 'make', lineCode: 'CM-CANNING' },
    0.12,
    0.12,
    'summer',
  ),
  sku(
    'RTD-RUMCOLA-4PK',
    'Sentia Spiced Rum & Cola 4 × 250ml cans',
    'rtd',
    410,
    [1050, 1200, 1400],
    2400,
    28,
    { kind: 'make', lineCode: 'CM-CANNING' },
    0.08,
    0.07,
    'summer',
  ),
];

function sku(
  code: string,
  name: string,
  category: DemoSku['category'],
  unitCostMinor: number,
  [gbp, eur, usd]: [number, number, number],
  moq: number,
  leadTimeDays: number,
  supply: DemoSku['supply'],
  share: number,
  wholesaleShare: number,
  season: DemoSku['season'],
): DemoSku {
  return {
    sku: code,
    name,
    category,
    unitCostMinor,
    costCurrency: 'GBP',
    prices: { GBP: gbp, EUR: eur, USD: usd },
    packSize: 6,
    moq,
    leadTimeDays,
    supply,
    share,
    wholesaleShare,
    season,
    intermittent: false,
  };
}

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

export interface DemoSupplier {
  code: string;
  name: string;
  currency: DemoCurrency;
  paymentTermsDays: number;
  leadTimeDays: number;
  /** How late we usually pay this supplier, in days after the due date (mean, spread). */
  payDelay: [number, number];
}

export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  {
    code: 'SUP-RUM',
    name: 'Bridgetown Rum Co-operative (Barbados)',
    currency: 'USD',
    paymentTermsDays: 45,
    leadTimeDays: 63,
    payDelay: [1, 3],
  },
  {
    code: 'SUP-SPIRIT',
    name: 'Van Leeuwen Neutral Spirits B.V.',
    currency: 'EUR',
    paymentTermsDays: 30,
    leadTimeDays: 14,
    payDelay: [0, 2],
  },
  {
    code: 'SUP-GLASS',
    name: 'Northern Glass & Closures Ltd',
    currency: 'GBP',
    paymentTermsDays: 60,
    leadTimeDays: 21,
    payDelay: [6, 9],
  },
  {
    code: 'SUP-CANNING',
    name: 'Tyneside Canning Co. (contract manufacturer)',
    currency: 'GBP',
    paymentTermsDays: 30,
    leadTimeDays: 28,
    payDelay: [3, 5],
  },
];

/** Share of an in-house unit's cost bought from each material supplier (the rest is our labour). */
export const MATERIAL_COST_SHARES: readonly { supplierCode: string; share: number }[] = [
  { supplierCode: 'SUP-SPIRIT', share: 0.4 },
  { supplierCode: 'SUP-GLASS', share: 0.3 },
];

export interface DemoTradeCustomer {
  code: string;
  name: string;
  paymentTermsDays: 30 | 60;
  /** Relative size of their ordering. */
  weight: number;
  /** Days paid after the due date (mean, spread); the last ones are the slow payers. */
  payDelay: [number, number];
}

export const DEMO_TRADE_CUSTOMERS: readonly DemoTradeCustomer[] = [
  {
    code: 'WS-HARVEY',
    name: 'Harvey & Finch Wine Merchants',
    paymentTermsDays: 30,
    weight: 3,
    payDelay: [-2, 3],
  },
  { code: 'WS-COPPER', name: 'Copper Still Bars Ltd', paymentTermsDays: 30, weight: 2, payDelay: [2, 5] },
  { code: 'WS-NORTHGATE', name: 'Northgate Hotels Group', paymentTermsDays: 60, weight: 2, payDelay: [4, 6] },
  { code: 'WS-MARLOW', name: 'Marlow Fine Foods', paymentTermsDays: 30, weight: 1.5, payDelay: [0, 4] },
  {
    code: 'WS-BRIGHTWELL',
    name: 'Brightwell Drinks Distribution',
    paymentTermsDays: 60,
    weight: 4,
    payDelay: [10, 8],
  },
  { code: 'WS-OAKLEY', name: 'Oakley Farm Shops', paymentTermsDays: 30, weight: 1, payDelay: [1, 3] },
  {
    code: 'WS-TAVERNER',
    name: 'Taverner Pub Company',
    paymentTermsDays: 60,
    weight: 2.5,
    payDelay: [18, 12],
  },
  { code: 'WS-KESTREL', name: 'Kestrel Cash & Carry', paymentTermsDays: 60, weight: 2, payDelay: [75, 30] },
];

/** Marketplace payout accounts: the receivable side of Amazon and Shopify settlements. */
export const DEMO_MARKETPLACE_CUSTOMERS: readonly { code: string; name: string; channelCode: string }[] = [
  { code: 'MKT-AMAZON-UK', name: 'Amazon EU S.à r.l. (UK marketplace)', channelCode: 'amazon-uk' },
  { code: 'MKT-AMAZON-EU', name: 'Amazon EU S.à r.l. (EU marketplaces)', channelCode: 'amazon-eu' },
  { code: 'MKT-AMAZON-US', name: 'Amazon.com Services LLC', channelCode: 'amazon-us' },
  { code: 'MKT-SHOPIFY-UK', name: 'Shopify Payments (UK)', channelCode: 'shopify-uk' },
  { code: 'MKT-SHOPIFY-EU', name: 'Shopify Payments (EU)', channelCode: 'shopify-eu' },
  { code: 'MKT-SHOPIFY-US', name: 'Shopify Payments (US)', channelCode: 'shopify-us' },
];

export interface DemoProductionLine {
  code: string;
  name: string;
  kind: ProductionLineKind;
  capacityPerDay: number;
  leadTimeDays: number;
}

export const DEMO_PRODUCTION_LINES: readonly DemoProductionLine[] = [
  {
    code: 'LINE-INFUSION',
    name: 'Infusion and maceration vessels',
    kind: 'infusion',
    capacityPerDay: 900,
    leadTimeDays: 7,
  },
  {
    code: 'LINE-BOTTLING',
    name: 'Bottling line, Leith',
    kind: 'bottling',
    capacityPerDay: 2400,
    leadTimeDays: 2,
  },
  {
    code: 'CM-CANNING',
    name: 'Tyneside Canning Co. contract canning',
    kind: 'contract',
    capacityPerDay: 12000,
    leadTimeDays: 21,
  },
];

export interface DemoBankAccount {
  externalId: string;
  name: string;
  currency: DemoCurrency;
  openingBalanceMinor: number;
}

export const DEMO_BANK_ACCOUNTS: readonly DemoBankAccount[] = [
  {
    externalId: 'DEMO-BANK-GBP',
    name: 'Business current account (GBP)',
    currency: 'GBP',
    openingBalanceMinor: 30_000_000,
  },
  {
    externalId: 'DEMO-BANK-EUR',
    name: 'Currency account (EUR)',
    currency: 'EUR',
    openingBalanceMinor: 2_500_000,
  },
  {
    externalId: 'DEMO-BANK-USD',
    name: 'Currency account (USD)',
    currency: 'USD',
    openingBalanceMinor: 3_000_000,
  },
];

/** FX anchors the rates wander around (GBP per unit). */
export const FX_ANCHORS: Record<
  Exclude<DemoCurrency, 'GBP'>,
  { start: number; anchor: number; dailySd: number }
> = {
  EUR: { start: 0.862, anchor: 0.855, dailySd: 0.0032 },
  USD: { start: 0.805, anchor: 0.785, dailySd: 0.0042 },
};
