import type {
  BankBalanceRecord,
  FxRateRecord,
  InvoiceRecord,
  OrderRecord,
  PaymentRecord,
  ProductionBatchRecord,
  PurchaseOrderRecord,
  StockLevelRecord,
} from '../records/index';
import { CashBook } from './cash-book';
import { dayOfMonth, dayOfWeek, epochDayOf, fromEpochDay, monthOf, toEpochDay, yearOf } from './dates';
import { createDemandModel } from './demand-model';
import { buildCatalogueRecords, type DemoCatalogue } from './demo-catalogue';
import { distributeStock } from './distribution';
import { ExpectedDemand } from './expected-demand';
import { FxWalk } from './fx-walk';
import { Inventory } from './inventory';
import { type InvoicePlan, settleInvoice } from './invoicing';
import { PriceBook } from './price-book';
import { createRng } from './prng';
import { Receivables } from './receivables';
import { DEMO_CHANNELS, DEMO_LOCATIONS, DEMO_SKUS } from './reference-customer';
import { SalesDesk } from './sales-day';
import { SupplyPlanner } from './supply-planner';

/** The seed the product's demo data uses: every installation shows the same demo business. */
export const DEFAULT_DEMO_SEED = 20_240_917;

export interface DemoOptions {
  /** Last day of the period, `YYYY-MM-DD` (the loader passes today's UTC date). */
  endDate: string;
  seed?: number;
  /** Length of the period in days; three years when omitted. */
  days?: number;
}

export interface DemoWindow {
  seed: number;
  startDate: string;
  endDate: string;
  days: number;
}

/** Everything that happened on one day of the demo period, each record in its final state. */
export interface DemoDay {
  date: string;
  orders: OrderRecord[];
  /** End-of-day stock of every SKU × location, on Sundays and on the last day. */
  stockLevels: StockLevelRecord[];
  productionBatches: ProductionBatchRecord[];
  purchaseOrders: PurchaseOrderRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  bankBalances: BankBalanceRecord[];
  fxRates: FxRateRecord[];
  /** Units customers asked for that stock could not cover (a measure of the plan's service level). */
  lostSalesUnits: number;
}

export function demoWindow(options: DemoOptions): DemoWindow {
  const endDay = toEpochDay(options.endDate);
  let startDay: number;
  if (options.days !== undefined) {
    if (!Number.isInteger(options.days) || options.days < 1)
      throw new RangeError('days must be a positive integer');
    startDay = endDay - options.days + 1;
  } else {
    startDay = epochDayOf(yearOf(endDay) - 3, monthOf(endDay), dayOfMonth(endDay)) + 1;
  }
  return {
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    startDate: fromEpochDay(startDay),
    endDate: options.endDate,
    days: endDay - startDay + 1,
  };
}

/** Suppliers, products with price lists, channels, locations, customers, lines and bank accounts. */
export function buildDemoCatalogue(options: DemoOptions): DemoCatalogue {
  const window = demoWindow(options);
  const startDay = toEpochDay(window.startDate);
  return buildCatalogueRecords(new PriceBook(startDay, toEpochDay(window.endDate)), startDay);
}

/**
 * The demo business day by day, generated lazily: one day's records are built when asked for, so
 * memory holds one day plus the simulation's small state. Pure and deterministic: the same seed
 * and period always give the same records.
 */
export function* generateDemoDays(options: DemoOptions): Generator<DemoDay> {
  const window = demoWindow(options);
  const startDay = toEpochDay(window.startDate);
  const endDay = toEpochDay(window.endDate);
  const rng = (label: string) => createRng(window.seed, label);

  const model = createDemandModel(startDay, window.days, rng('promotions'));
  const demand = new ExpectedDemand(model);
  const inventory = new Inventory();
  const prices = new PriceBook(startDay, endDay);
  const fx = new FxWalk(rng('fx'));
  const cash = new CashBook(fx);
  const sales = new SalesDesk(rng('sales'), model, inventory, prices, endDay);
  const planner = new SupplyPlanner(rng('supply'), inventory, demand, fx);
  const receivables = new Receivables(rng('receivables'));
  const distributionRng = rng('distribution');
  openStock(inventory, demand, startDay);

  for (let day = startDay; day <= endDay; day++) {
    const fxRates = fx.advance(day);
    inventory.startDay(day);
    const out: DemoDay = {
      date: fromEpochDay(day),
      orders: [],
      stockLevels: [],
      productionBatches: [],
      purchaseOrders: [],
      invoices: [],
      payments: [],
      bankBalances: [],
      fxRates,
      lostSalesUnits: 0,
    };
    const invoicePlans: InvoicePlan[] = [];
    if (day === startDay || dayOfWeek(day) === 1) {
      const supply = planner.plan(day, endDay);
      out.productionBatches = supply.batches;
      out.purchaseOrders = supply.purchaseOrders;
      invoicePlans.push(...supply.bills);
      distributeStock(day, distributionRng, inventory, demand);
    }

    const sold = sales.sell(day);
    out.orders = sold.orders;
    out.lostSalesUnits = sold.lostUnits;
    receivables.addSales(sold.netByChannel);
    for (const refund of sold.refunds)
      receivables.scheduleRefund(refund.day, refund.channel, refund.amountMinor);
    cash.addRevenueGbp(
      sold.netByChannel.reduce((sum, net, c) => sum + fx.toGbp(net, DEMO_CHANNELS[c]!.currency), 0),
    );
    for (const trade of sold.tradeOrders) {
      const plan = receivables.tradeInvoice(trade.order, trade.customer);
      if (plan.issueDay <= endDay) invoicePlans.push(plan);
    }
    invoicePlans.push(...receivables.closeDay(day));

    for (const plan of invoicePlans) {
      const settled = settleInvoice(plan, endDay);
      out.invoices.push(settled.invoice);
      out.payments.push(...settled.payments);
      for (const m of settled.movements) cash.schedule(m.day, m.currency, m.amountMinor);
    }
    out.bankBalances = cash.closeDay(day);
    if (dayOfWeek(day) === 0 || day === endDay) out.stockLevels = inventory.snapshot(day);
    demand.prune(day);
    yield out;
  }
}

/** Opening stock: the main warehouse holds a lead time and four weeks of network demand, others their cover. */
function openStock(inventory: Inventory, demand: ExpectedDemand, startDay: number): void {
  DEMO_SKUS.forEach((sku, s) => {
    DEMO_LOCATIONS.forEach((location, l) => {
      const units =
        l === inventory.mainLocation
          ? demand.networkUnits(s, startDay, sku.leadTimeDays + 28)
          : demand.locationUnits(l, s, startDay, location.transitDays + 7 + location.coverDays);
      inventory.setOpening(l, s, Math.ceil(units / sku.packSize) * sku.packSize);
    });
  });
}
