import type { StockLevelRecord } from '../records/index';
import { fromEpochDay } from './dates';
import { DEMO_LOCATIONS, DEMO_SKUS, MAIN_LOCATION } from './reference-customer';

interface Arrival {
  location: number;
  sku: number;
  quantity: number;
}

/**
 * Stock per location × SKU, day by day. Orders allocate stock the day they are placed and ship the
 * next morning; nothing is allocated or shipped beyond what is on hand, so stock never goes
 * negative. Transfers and supply arrive on a given day and count as inbound until then.
 */
export class Inventory {
  readonly mainLocation = DEMO_LOCATIONS.findIndex((l) => l.code === MAIN_LOCATION);
  private readonly onHand = grid();
  private readonly allocated = grid();
  /** Transfers on the way to each location; at the main warehouse, supply not yet received. */
  private readonly inbound = grid();
  private readonly arrivals = new Map<number, Arrival[]>();

  /** Ships yesterday's allocations and receives what arrives today. */
  startDay(day: number): void {
    for (let l = 0; l < DEMO_LOCATIONS.length; l++) {
      for (let s = 0; s < DEMO_SKUS.length; s++) {
        this.onHand[l]![s]! -= this.allocated[l]![s]!;
        this.allocated[l]![s] = 0;
      }
    }
    for (const arrival of this.arrivals.get(day) ?? []) {
      this.onHand[arrival.location]![arrival.sku]! += arrival.quantity;
      this.inbound[arrival.location]![arrival.sku]! -= arrival.quantity;
    }
    this.arrivals.delete(day);
  }

  setOpening(location: number, sku: number, quantity: number): void {
    this.onHand[location]![sku] = quantity;
  }

  available(location: number, sku: number): number {
    return this.onHand[location]![sku]! - this.allocated[location]![sku]!;
  }

  /** Allocates up to `quantity`; returns what could be allocated. */
  allocate(location: number, sku: number, quantity: number): number {
    const granted = Math.max(0, Math.min(quantity, this.available(location, sku)));
    this.allocated[location]![sku]! += granted;
    return granted;
  }

  /** Production or purchase landing at the main warehouse on `day`. */
  expectSupply(day: number, sku: number, quantity: number): void {
    this.inbound[this.mainLocation]![sku]! += quantity;
    this.schedule(day, { location: this.mainLocation, sku, quantity });
  }

  /** Picks stock at the main warehouse now and delivers it to `location` on `arrivalDay`. */
  transfer(arrivalDay: number, location: number, sku: number, quantity: number): number {
    const moved = Math.max(0, Math.min(quantity, this.available(this.mainLocation, sku)));
    if (moved === 0) return 0;
    this.onHand[this.mainLocation]![sku]! -= moved;
    this.inbound[location]![sku]! += moved;
    this.schedule(arrivalDay, { location, sku, quantity: moved });
    return moved;
  }

  /** Stock a location can count on: available now plus what is on its way there. */
  position(location: number, sku: number): number {
    return this.available(location, sku) + this.inbound[location]![sku]!;
  }

  /** Stock the whole network can count on for a SKU, including supply in the pipeline. */
  networkPosition(sku: number): number {
    let total = 0;
    for (let l = 0; l < DEMO_LOCATIONS.length; l++) total += this.position(l, sku);
    return total;
  }

  /** End-of-day stock levels of every SKU at every location. */
  snapshot(day: number): StockLevelRecord[] {
    const asOf = fromEpochDay(day);
    const records: StockLevelRecord[] = [];
    DEMO_LOCATIONS.forEach((location, l) => {
      DEMO_SKUS.forEach((sku, s) => {
        records.push({
          source: 'demo',
          sku: sku.sku,
          locationCode: location.code,
          asOf,
          onHand: this.onHand[l]![s]!,
          allocated: this.allocated[l]![s]!,
          inbound: this.inbound[l]![s]!,
        });
      });
    });
    return records;
  }

  private schedule(day: number, arrival: Arrival): void {
    const list = this.arrivals.get(day);
    if (list) list.push(arrival);
    else this.arrivals.set(day, [arrival]);
  }
}

function grid(): number[][] {
  return DEMO_LOCATIONS.map(() => DEMO_SKUS.map(() => 0));
}
