/**
 * The demo's fictional reference customer: its products and production lines. Every figure here is
 * invented for the demo and is only ever written with `source: 'demo'`.
 */
import type { ProductionLineKind } from '../records/index';

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
