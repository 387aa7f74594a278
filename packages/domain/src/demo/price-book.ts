import { dayOfMonth, epochDayOf, monthOf, yearOf } from './dates';
import { DEMO_SKUS, type DemoCurrency } from './reference-customer';

/** A general price rise this far into the period (the first of that month), if the period is long enough. */
const PRICE_RISE_AFTER_DAYS = 548;
const PRICE_RISE_RATE = 0.06;

/** List prices by SKU, currency and day: the opening price list and one price rise. */
export class PriceBook {
  /** The day the price rise takes effect, or null when it falls after the period. */
  readonly riseDay: number | null;

  constructor(startDay: number, endDay: number) {
    const target = startDay + PRICE_RISE_AFTER_DAYS;
    const firstOfMonth =
      dayOfMonth(target) === 1 ? target : epochDayOf(yearOf(target), monthOf(target) + 1, 1);
    this.riseDay = firstOfMonth <= endDay ? firstOfMonth : null;
  }

  priceOn(sku: number, currency: DemoCurrency, day: number): number {
    const base = DEMO_SKUS[sku]!.prices[currency];
    return this.riseDay !== null && day >= this.riseDay ? risen(base) : base;
  }

  /** Every price-list entry: (currency, price, valid from day). */
  entries(
    sku: number,
    startDay: number,
  ): { currency: DemoCurrency; priceMinor: number; validFromDay: number }[] {
    const prices = DEMO_SKUS[sku]!.prices;
    const list = (Object.keys(prices) as DemoCurrency[]).map((currency) => ({
      currency,
      priceMinor: prices[currency],
      validFromDay: startDay,
    }));
    if (this.riseDay === null) return list;
    const riseDay = this.riseDay;
    return [...list, ...list.map((e) => ({ ...e, priceMinor: risen(e.priceMinor), validFromDay: riseDay }))];
  }
}

/** Risen prices are rounded to 10 minor units, as a price list would be. */
function risen(priceMinor: number): number {
  return Math.round((priceMinor * (1 + PRICE_RISE_RATE)) / 10) * 10;
}
