import type { OrderLineRecord, OrderRecord, OrderStatus, RefundRecord } from '../records/index';
import { fromEpochDay, instantOf } from './dates';
import {
  type DemandModel,
  quantityTableOf,
  RETAIL_LINE_COUNTS,
  TRADE_DISCOUNT_RATE,
  WHOLESALE_CASES,
  WHOLESALE_LINES,
} from './demand-model';
import type { Inventory } from './inventory';
import type { PriceBook } from './price-book';
import type { Rng } from './prng';
import {
  DEMO_CHANNELS,
  DEMO_LOCATIONS,
  DEMO_SKUS,
  DEMO_TRADE_CUSTOMERS,
  type DemoTradeCustomer,
} from './reference-customer';

const CANCEL_RATE = 0.012;
const REFUND_RATE = 0.015;
const FULL_REFUND_SHARE = 0.6;

export interface DaySales {
  orders: OrderRecord[];
  /** Net sales of orders not cancelled, per channel index, in the channel's currency. */
  netByChannel: number[];
  /** Refunds of these orders, on the day they happen (within the period). */
  refunds: { day: number; channel: number; amountMinor: number }[];
  /** Trade orders, to be invoiced on shipping. */
  tradeOrders: { order: OrderRecord; customer: DemoTradeCustomer }[];
  /** Units asked for that stock could not cover (lost sales). */
  lostUnits: number;
}

/**
 * Turns a day's demand into orders. Each line takes only the stock available at the channel's
 * fulfilment location; what stock cannot cover is a lost sale, so stock never goes negative.
 */
export class SalesDesk {
  private readonly sequence = DEMO_CHANNELS.map(() => 0);
  private readonly channelLocation = DEMO_CHANNELS.map((c) =>
    DEMO_LOCATIONS.findIndex((l) => l.code === c.fulfilFrom),
  );

  constructor(
    private readonly rng: Rng,
    private readonly model: DemandModel,
    private readonly inventory: Inventory,
    private readonly prices: PriceBook,
    private readonly endDay: number,
  ) {}

  sell(day: number): DaySales {
    const sales: DaySales = {
      orders: [],
      netByChannel: DEMO_CHANNELS.map(() => 0),
      refunds: [],
      tradeOrders: [],
      lostUnits: 0,
    };
    DEMO_CHANNELS.forEach((channel, c) => {
      if (channel.kind === 'wholesale') this.sellTrade(day, c, sales);
      else this.sellRetail(day, c, sales);
    });
    return sales;
  }

  private sellRetail(day: number, c: number, sales: DaySales): void {
    const channel = DEMO_CHANNELS[c]!;
    const count = this.rng.poisson(this.model.retailOrdersMean(c, day));
    const weights = this.model.skuWeights(c, day);
    for (let n = 0; n < count; n++) {
      const cancelled = this.rng.chance(CANCEL_RATE);
      const lineCount = RETAIL_LINE_COUNTS.values[this.rng.weighted(RETAIL_LINE_COUNTS.weights)]!;
      const lines: OrderLineRecord[] = [];
      for (const s of this.pickDistinct(weights, lineCount)) {
        const table = quantityTableOf(DEMO_SKUS[s]!);
        const wanted = table.values[this.rng.weighted(table.weights)]!;
        const quantity = cancelled ? wanted : this.inventory.allocate(this.channelLocation[c]!, s, wanted);
        sales.lostUnits += wanted - quantity;
        if (quantity === 0) continue;
        const unitPrice = this.prices.priceOn(s, channel.currency, day);
        const discount = Math.round(quantity * unitPrice * this.model.discountRate(s, c, day));
        lines.push(line(lines.length + 1, s, quantity, unitPrice, discount));
      }
      if (lines.length === 0) continue;
      const externalId = `DEMO-${channel.code.toUpperCase()}-${String(++this.sequence[c]!).padStart(7, '0')}`;
      const total = lines.reduce((sum, l) => sum + l.netAmountMinor, 0);
      let status: OrderStatus = cancelled ? 'cancelled' : day === this.endDay ? 'paid' : 'shipped';
      const refunds: RefundRecord[] = [];
      if (!cancelled && this.rng.chance(REFUND_RATE)) {
        const refundDay = day + this.rng.int(3, 25);
        const full = this.rng.chance(FULL_REFUND_SHARE);
        const amount = full ? total : Math.round(total * (0.3 + 0.3 * this.rng.next()));
        if (refundDay <= this.endDay && amount > 0) {
          if (full) status = 'refunded';
          refunds.push({
            externalId: `${externalId}-R1`,
            refundedAt: instantOf(refundDay, this.rng.int(28_800, 64_800)),
            amountMinor: amount,
            reason: full ? 'Returned: damaged in transit' : 'Partial refund: one bottle damaged',
          });
          sales.refunds.push({ day: refundDay, channel: c, amountMinor: amount });
        }
      }
      if (!cancelled) sales.netByChannel[c]! += total;
      sales.orders.push({
        source: 'demo',
        externalId,
        channelCode: channel.code,
        orderDate: fromEpochDay(day),
        orderedAt: instantOf(day, this.rng.int(0, 86_399)),
        status,
        currency: channel.currency,
        totalMinor: total,
        lines,
        ...(refunds.length > 0 ? { refunds } : {}),
      });
    }
  }

  private sellTrade(day: number, c: number, sales: DaySales): void {
    const channel = DEMO_CHANNELS[c]!;
    const count = this.rng.poisson(this.model.wholesaleOrdersMean(day));
    const weights = this.model.wholesaleSkuWeights(day);
    const customerWeights = DEMO_TRADE_CUSTOMERS.map((t) => t.weight);
    for (let n = 0; n < count; n++) {
      const customer = DEMO_TRADE_CUSTOMERS[this.rng.weighted(customerWeights)]!;
      const lines: OrderLineRecord[] = [];
      for (const s of this.pickDistinct(weights, this.rng.int(WHOLESALE_LINES.min, WHOLESALE_LINES.max))) {
        const wanted = 6 * this.rng.int(WHOLESALE_CASES.min, WHOLESALE_CASES.max);
        // Trade orders take whole cases only.
        const location = this.channelLocation[c]!;
        const available = this.inventory.available(location, s);
        const quantity = this.inventory.allocate(location, s, Math.min(wanted, available - (available % 6)));
        sales.lostUnits += wanted - quantity;
        if (quantity === 0) continue;
        const unitPrice = this.prices.priceOn(s, 'GBP', day);
        lines.push(
          line(
            lines.length + 1,
            s,
            quantity,
            unitPrice,
            Math.round(quantity * unitPrice * TRADE_DISCOUNT_RATE),
          ),
        );
      }
      if (lines.length === 0) continue;
      const total = lines.reduce((sum, l) => sum + l.netAmountMinor, 0);
      const order: OrderRecord = {
        source: 'demo',
        externalId: `DEMO-SO-${String(++this.sequence[c]!).padStart(6, '0')}`,
        channelCode: channel.code,
        customerCode: customer.code,
        orderDate: fromEpochDay(day),
        orderedAt: instantOf(day, this.rng.int(28_800, 61_200)),
        status: day === this.endDay ? 'pending' : 'shipped',
        currency: channel.currency,
        totalMinor: total,
        lines,
      };
      sales.netByChannel[c]! += total;
      sales.orders.push(order);
      sales.tradeOrders.push({ order, customer });
    }
  }

  /** Up to `count` distinct SKU indexes drawn by weight (zero-weight SKUs are never drawn). */
  private pickDistinct(weights: readonly number[], count: number): number[] {
    const remaining = [...weights];
    const picked: number[] = [];
    while (picked.length < count && remaining.some((w) => w > 0)) {
      const s = this.rng.weighted(remaining);
      picked.push(s);
      remaining[s] = 0;
    }
    return picked;
  }
}

function line(
  n: number,
  sku: number,
  quantity: number,
  unitPrice: number,
  discount: number,
): OrderLineRecord {
  return {
    lineKey: String(n),
    sku: DEMO_SKUS[sku]!.sku,
    quantity,
    unitPriceMinor: unitPrice,
    discountMinor: discount,
    netAmountMinor: quantity * unitPrice - discount,
  };
}
