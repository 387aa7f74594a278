/** The demo business's suppliers, customers, bank accounts and FX (invented, written with `source: 'demo'`). */
import type { DemoCurrency } from './reference-products';

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
