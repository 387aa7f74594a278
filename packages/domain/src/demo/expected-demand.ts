import type { DemandModel } from './demand-model';
import { DEMO_CHANNELS, DEMO_LOCATIONS, DEMO_SKUS, MAIN_LOCATION } from './reference-customer';

/**
 * Expected units per SKU and channel by day, computed once per day and kept while planning looks
 * ahead. Planning uses the demand model's expectation (a good forecast); the noise of real orders
 * is what safety stock has to absorb.
 */
export class ExpectedDemand {
  private readonly byDay = new Map<number, Float64Array>();
  private readonly channelLocation = DEMO_CHANNELS.map((c) =>
    DEMO_LOCATIONS.findIndex((l) => l.code === c.fulfilFrom),
  );

  constructor(private readonly model: DemandModel) {}

  /** Expected units of `sku` shipped from `location` over `days` days from `from`. */
  locationUnits(location: number, sku: number, from: number, days: number): number {
    let total = 0;
    for (let d = from; d < from + days; d++) {
      const units = this.unitsOn(d);
      for (let c = 0; c < DEMO_CHANNELS.length; c++) {
        if (this.channelLocation[c] === location) total += units[c * DEMO_SKUS.length + sku]!;
      }
    }
    return total;
  }

  /** Expected units of `sku` sold through every channel over `days` days from `from`. */
  networkUnits(sku: number, from: number, days: number): number {
    let total = 0;
    for (let d = from; d < from + days; d++) {
      const units = this.unitsOn(d);
      for (let c = 0; c < DEMO_CHANNELS.length; c++) total += units[c * DEMO_SKUS.length + sku]!;
    }
    return total;
  }

  /**
   * Units the locations other than the main warehouse hold at their targets: their transit time,
   * a review week and their cover days of demand.
   */
  downstreamStock(sku: number, from: number): number {
    let total = 0;
    DEMO_LOCATIONS.forEach((location, l) => {
      if (location.code === MAIN_LOCATION) return;
      total += this.locationUnits(l, sku, from, location.transitDays + 7 + location.coverDays);
    });
    return total;
  }

  /** Forgets days before `day` (planning never looks back). */
  prune(day: number): void {
    for (const key of this.byDay.keys()) if (key < day) this.byDay.delete(key);
  }

  private unitsOn(day: number): Float64Array {
    let units = this.byDay.get(day);
    if (!units) {
      units = new Float64Array(DEMO_CHANNELS.length * DEMO_SKUS.length);
      for (let c = 0; c < DEMO_CHANNELS.length; c++) {
        for (let s = 0; s < DEMO_SKUS.length; s++) {
          units[c * DEMO_SKUS.length + s] = this.model.expectedUnits(s, c, day);
        }
      }
      this.byDay.set(day, units);
    }
    return units;
  }
}
