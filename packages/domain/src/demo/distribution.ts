import type { ExpectedDemand } from './expected-demand';
import type { Inventory } from './inventory';
import type { Rng } from './prng';
import { DEMO_LOCATIONS, DEMO_SKUS } from './reference-customer';

/** Stock the main warehouse keeps for its own channels before shipping to other locations. */
const MAIN_RESERVE_DAYS = 14;
const REVIEW_DAYS = 7;

/**
 * The weekly replenishment of every other location from the main warehouse: each asks for enough
 * to cover transit, a week's review period and its cover days; when the main warehouse cannot
 * meet every request, each gets the same share of what it asked for.
 */
export function distributeStock(day: number, rng: Rng, inventory: Inventory, demand: ExpectedDemand): void {
  const main = inventory.mainLocation;
  DEMO_SKUS.forEach((sku, s) => {
    const needs = DEMO_LOCATIONS.map((location, l) => {
      if (l === main) return 0;
      const target = demand.locationUnits(
        l,
        s,
        day + 1,
        location.transitDays + REVIEW_DAYS + location.coverDays,
      );
      return Math.max(0, target - inventory.position(l, s));
    });
    const totalNeed = needs.reduce((a, b) => a + b, 0);
    if (totalNeed <= 0) return;
    const reserve = demand.locationUnits(main, s, day + 1, MAIN_RESERVE_DAYS);
    const spare = Math.max(0, inventory.available(main, s) - reserve);
    const share = Math.min(1, spare / totalNeed);
    needs.forEach((need, l) => {
      if (need <= 0) return;
      const cases = share >= 1 ? Math.ceil(need / sku.packSize) : Math.floor((need * share) / sku.packSize);
      if (cases <= 0) return;
      const arrival = day + DEMO_LOCATIONS[l]!.transitDays + rng.int(0, 2);
      inventory.transfer(arrival, l, s, cases * sku.packSize);
    });
  });
}
