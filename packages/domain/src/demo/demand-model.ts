import type { Rng } from './prng';
import {
  BASE_RETAIL_ORDERS_PER_DAY,
  BASE_WHOLESALE_ORDERS_PER_DAY,
  DEMO_CHANNELS,
  DEMO_SKUS,
  type DemoChannel,
  type DemoSku,
  REGION_GROWTH,
} from './reference-customer';
import { isWeekday, retailEventOn, spiritsSeason, summerSeason, weekdayFactor } from './seasonality';

/** Lines per retail order: 1, 2 or 3 distinct SKUs. */
export const RETAIL_LINE_COUNTS = { values: [1, 2, 3], weights: [0.65, 0.27, 0.08] } as const;
/** Units per retail line; cans sell in more multiples, intermittent SKUs in lumps (gifts, bars). */
export const QUANTITY_TABLES = {
  regular: { values: [1, 2, 3, 4, 6], weights: [0.72, 0.2, 0.05, 0.02, 0.01] },
  rtd: { values: [1, 2, 3, 4], weights: [0.55, 0.3, 0.1, 0.05] },
  lumpy: { values: [1, 2, 3, 6], weights: [0.4, 0.2, 0.1, 0.3] },
} as const;
/** Trade orders: 2–5 lines of whole cases (6 to 48 units). */
export const WHOLESALE_LINES = { min: 2, max: 5 } as const;
export const WHOLESALE_CASES = { min: 1, max: 8 } as const;
/** Trade price: list price less this discount. */
export const TRADE_DISCOUNT_RATE = 0.4;
const PROMO_WEEK_PROBABILITY = 0.07;
const PROMO_LIFT = 1.6;
const PROMO_DISCOUNT_RATE = 0.15;

function mean(table: { values: readonly number[]; weights: readonly number[] }): number {
  let total = 0;
  let weight = 0;
  table.values.forEach((v, i) => {
    total += v * table.weights[i]!;
    weight += table.weights[i]!;
  });
  return total / weight;
}

export function quantityTableOf(sku: DemoSku) {
  if (sku.intermittent) return QUANTITY_TABLES.lumpy;
  return sku.category === 'rtd' ? QUANTITY_TABLES.rtd : QUANTITY_TABLES.regular;
}

export interface DemandModel {
  /** Mean number of orders on a retail channel (Amazon, Shopify) that day. */
  retailOrdersMean(channelIndex: number, day: number): number;
  /** Relative chance of each SKU (by index) being on a line of that channel's orders; 0 if unlisted. */
  skuWeights(channelIndex: number, day: number): number[];
  wholesaleOrdersMean(day: number): number;
  wholesaleSkuWeights(day: number): number[];
  /** Price discount on a retail line (promotion week or retail event), 0 when none. */
  discountRate(skuIndex: number, channelIndex: number, day: number): number;
  /** Expected units of a SKU sold through a channel that day (what planning looks ahead with). */
  expectedUnits(skuIndex: number, channelIndex: number, day: number): number;
}

/**
 * The demand behind the demo's orders: per-region trend × SKU season × weekday × promotions and
 * retail events. Promotion weeks are drawn once per SKU from `rng`, so they repeat for a seed.
 */
export function createDemandModel(startDay: number, totalDays: number, rng: Rng): DemandModel {
  const weeks = Math.ceil(totalDays / 7) + 1;
  const promoWeeks = DEMO_SKUS.map((sku) =>
    Array.from({ length: weeks }, () => !sku.intermittent && rng.chance(PROMO_WEEK_PROBABILITY)),
  );
  const meanLines = mean(RETAIL_LINE_COUNTS);
  const meanQuantity = DEMO_SKUS.map((sku) => mean(quantityTableOf(sku)));
  const meanWholesaleLines = (WHOLESALE_LINES.min + WHOLESALE_LINES.max) / 2;
  const meanWholesaleUnits = (6 * (WHOLESALE_CASES.min + WHOLESALE_CASES.max)) / 2;
  const wholesaleIndex = DEMO_CHANNELS.findIndex((c) => c.kind === 'wholesale');

  const season = (sku: DemoSku, day: number) =>
    sku.season === 'summer' ? summerSeason(day) : spiritsSeason(day);
  const inPromo = (skuIndex: number, day: number) =>
    promoWeeks[skuIndex]![Math.floor((day - startDay) / 7)] ?? false;
  const listed = (sku: DemoSku, channel: DemoChannel) => !sku.channels || sku.channels.includes(channel.code);
  const trend = (channel: DemoChannel, day: number) =>
    (1 + REGION_GROWTH[channel.region]) ** ((day - startDay) / 365);

  const model: DemandModel = {
    skuWeights(channelIndex, day) {
      const channel = DEMO_CHANNELS[channelIndex]!;
      return DEMO_SKUS.map((sku, i) =>
        listed(sku, channel) ? sku.share * season(sku, day) * (inPromo(i, day) ? PROMO_LIFT : 1) : 0,
      );
    },
    retailOrdersMean(channelIndex, day) {
      const channel = DEMO_CHANNELS[channelIndex]!;
      if (channel.kind === 'wholesale') return 0;
      // More promotions or a stronger season bring more orders, not only a different mix.
      let weighted = 0;
      let base = 0;
      model.skuWeights(channelIndex, day).forEach((w, i) => {
        weighted += w;
        if (w > 0) base += DEMO_SKUS[i]!.share;
      });
      const event = retailEventOn(day, channel.kind);
      return (
        BASE_RETAIL_ORDERS_PER_DAY *
        channel.orderShare *
        trend(channel, day) *
        weekdayFactor(day) *
        (event?.lift ?? 1) *
        (weighted / base)
      );
    },
    wholesaleSkuWeights(day) {
      return DEMO_SKUS.map((sku) => sku.wholesaleShare * season(sku, day));
    },
    wholesaleOrdersMean(day) {
      if (!isWeekday(day)) return 0;
      const channel = DEMO_CHANNELS[wholesaleIndex]!;
      let weighted = 0;
      let base = 0;
      model.wholesaleSkuWeights(day).forEach((w, i) => {
        weighted += w;
        base += DEMO_SKUS[i]!.wholesaleShare;
      });
      return BASE_WHOLESALE_ORDERS_PER_DAY * (7 / 5) * trend(channel, day) * (weighted / base);
    },
    discountRate(skuIndex, channelIndex, day) {
      const channel = DEMO_CHANNELS[channelIndex]!;
      if (channel.kind === 'wholesale') return 0;
      const event = retailEventOn(day, channel.kind);
      if (event) return event.discountRate;
      return inPromo(skuIndex, day) ? PROMO_DISCOUNT_RATE : 0;
    },
    expectedUnits(skuIndex, channelIndex, day) {
      const channel = DEMO_CHANNELS[channelIndex]!;
      if (channel.kind === 'wholesale') {
        const weights = model.wholesaleSkuWeights(day);
        const share = weights[skuIndex]! / weights.reduce((a, b) => a + b, 0);
        return model.wholesaleOrdersMean(day) * meanWholesaleLines * share * meanWholesaleUnits;
      }
      const weights = model.skuWeights(channelIndex, day);
      const total = weights.reduce((a, b) => a + b, 0);
      if (total === 0) return 0;
      return (
        model.retailOrdersMean(channelIndex, day) *
        meanLines *
        (weights[skuIndex]! / total) *
        meanQuantity[skuIndex]!
      );
    },
  };
  return model;
}
