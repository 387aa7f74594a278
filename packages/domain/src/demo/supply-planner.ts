import type { ProductionBatchRecord, PurchaseOrderLineRecord, PurchaseOrderRecord } from '../records/index';
import { fromEpochDay } from './dates';
import type { ExpectedDemand } from './expected-demand';
import type { FxWalk } from './fx-walk';
import type { Inventory } from './inventory';
import type { InvoicePlan } from './invoicing';
import { planPayment } from './payment-terms';
import type { Rng } from './prng';
import {
  DEMO_PRODUCTION_LINES,
  DEMO_SKUS,
  DEMO_SUPPLIERS,
  type DemoSku,
  type DemoSupplier,
  MATERIAL_COST_SHARES,
} from './reference-customer';

const REVIEW_DAYS = 7;
const SAFETY_DAYS = 14;
/** Days of demand an order aims to cover beyond its lead time: purchases are shipped less often. */
const COVER_DAYS = { make: 42, buy: 56 } as const;
/** The supplier ships this many days after the order; its bill is dated then. */
const SHIPPING_AFTER_ORDER_DAYS = 7;

export interface SupplyPlan {
  batches: ProductionBatchRecord[];
  purchaseOrders: PurchaseOrderRecord[];
  bills: InvoicePlan[];
}

/**
 * The weekly supply review: a SKU whose network stock (on hand, in transit and in the pipeline)
 * would not last its lead time plus a review week and safety days gets a production batch or a
 * purchase order big enough for the cover days, at least the MOQ, in whole cases. Batches queue
 * on their line; the contract canner takes any slot. Each batch or order raises its suppliers' bills.
 */
export class SupplyPlanner {
  private readonly lineFreeFrom = new Map<string, number>();
  private batchSequence = 0;
  private orderSequence = 0;
  private billSequence = 0;

  constructor(
    private readonly rng: Rng,
    private readonly inventory: Inventory,
    private readonly demand: ExpectedDemand,
    private readonly fx: FxWalk,
  ) {}

  plan(day: number, endDay: number): SupplyPlan {
    const plan: SupplyPlan = { batches: [], purchaseOrders: [], bills: [] };
    const toBuy = new Map<string, { sku: number; quantity: number }[]>();
    DEMO_SKUS.forEach((sku, s) => {
      const quantity = this.quantityNeeded(day, sku, s);
      if (quantity <= 0) return;
      if (sku.supply.kind === 'make') this.scheduleBatch(day, endDay, s, quantity, plan);
      else
        toBuy.set(sku.supply.supplierCode, [
          ...(toBuy.get(sku.supply.supplierCode) ?? []),
          { sku: s, quantity },
        ]);
    });
    for (const [supplierCode, lines] of toBuy) this.placeOrder(day, endDay, supplierCode, lines, plan);
    return plan;
  }

  /**
   * Echelon stock policy: the network must hold the lead time's demand plus what the other
   * locations keep in transit and on their shelves, or the main warehouse runs dry while stock
   * sits abroad.
   */
  private quantityNeeded(day: number, sku: DemoSku, s: number): number {
    const lead = this.effectiveLeadTime(day, sku);
    const downstream = this.demand.downstreamStock(s, day + 1);
    const position = this.inventory.networkPosition(s);
    const reorderPoint = downstream + this.demand.networkUnits(s, day + 1, lead + REVIEW_DAYS + SAFETY_DAYS);
    if (position >= reorderPoint) return 0;
    const target =
      downstream + this.demand.networkUnits(s, day + 1, lead + REVIEW_DAYS + COVER_DAYS[sku.supply.kind]);
    const wanted = Math.max(sku.moq, target - position);
    return Math.ceil(wanted / sku.packSize) * sku.packSize;
  }

  /** A batch waits for its line to be free: the wait adds to the lead time planning must cover. */
  private effectiveLeadTime(day: number, sku: DemoSku): number {
    if (sku.supply.kind !== 'make') return sku.leadTimeDays;
    const lineCode = sku.supply.lineCode;
    const line = DEMO_PRODUCTION_LINES.find((l) => l.code === lineCode)!;
    const queue = Math.max(0, (this.lineFreeFrom.get(lineCode) ?? 0) - day);
    return Math.max(sku.leadTimeDays, queue + line.leadTimeDays + 4);
  }

  private scheduleBatch(day: number, endDay: number, s: number, quantity: number, plan: SupplyPlan): void {
    const sku = DEMO_SKUS[s]!;
    if (sku.supply.kind !== 'make') return;
    const line = DEMO_PRODUCTION_LINES.find((l) => l.code === (sku.supply as { lineCode: string }).lineCode)!;
    const contract = line.kind === 'contract';
    const plannedStart = Math.max(
      day + this.rng.int(2, 4),
      contract ? 0 : (this.lineFreeFrom.get(line.code) ?? 0),
    );
    const runDays = Math.ceil(quantity / line.capacityPerDay);
    const plannedEnd = plannedStart + line.leadTimeDays + runDays - 1;
    // In-house vessels and the bottling line hold one batch at a time.
    if (!contract) this.lineFreeFrom.set(line.code, plannedEnd + 1);
    const startDelay = this.rng.chance(0.15) ? this.rng.int(1, 3) : 0;
    const actualStart = plannedStart + startDelay;
    const actualEnd = plannedEnd + startDelay + (this.rng.chance(0.1) ? this.rng.int(1, 4) : 0);
    const status = actualEnd <= endDay ? 'completed' : actualStart <= endDay ? 'in_progress' : 'planned';
    plan.batches.push({
      source: 'demo',
      externalId: `DEMO-ASM-${String(++this.batchSequence).padStart(5, '0')}`,
      sku: sku.sku,
      lineCode: line.code,
      quantity,
      plannedStart: fromEpochDay(plannedStart),
      plannedEnd: fromEpochDay(plannedEnd),
      ...(status !== 'planned' ? { actualStart: fromEpochDay(actualStart) } : {}),
      ...(status === 'completed' ? { actualEnd: fromEpochDay(actualEnd) } : {}),
      status,
    });
    this.inventory.expectSupply(actualEnd + 1, s, quantity);

    const costGbp = quantity * sku.unitCostMinor;
    if (contract) {
      // The canner invoices the finished cans when the run is done.
      this.addBill(plan, endDay, 'SUP-CANNING', actualEnd, costGbp);
    } else {
      // Materials are ordered when the batch is planned: spirit and botanicals (EUR), glass (GBP).
      for (const { supplierCode, share } of MATERIAL_COST_SHARES) {
        const supplier = supplierOf(supplierCode);
        const amountGbp = costGbp * share;
        const amount = supplier.currency === 'GBP' ? amountGbp : amountGbp / this.fx.rate(supplier.currency);
        this.addBill(plan, endDay, supplierCode, day, Math.round(amount));
      }
    }
  }

  private placeOrder(
    day: number,
    endDay: number,
    supplierCode: string,
    wanted: { sku: number; quantity: number }[],
    plan: SupplyPlan,
  ): void {
    const supplier = supplierOf(supplierCode);
    const expected = day + supplier.leadTimeDays;
    // Sea freight: mostly within a week of the expected date, sometimes well late.
    const received =
      expected + Math.round(this.rng.normal(2, 4)) + (this.rng.chance(0.1) ? this.rng.int(7, 21) : 0);
    const isReceived = received <= endDay;
    const lines: PurchaseOrderLineRecord[] = wanted.map((w, i) => ({
      lineKey: String(i + 1),
      sku: DEMO_SKUS[w.sku]!.sku,
      quantity: w.quantity,
      receivedQuantity: isReceived ? w.quantity : 0,
      unitCostMinor: DEMO_SKUS[w.sku]!.unitCostMinor,
    }));
    const total = lines.reduce((sum, l) => sum + l.quantity * l.unitCostMinor, 0);
    const externalId = `DEMO-PO-${String(++this.orderSequence).padStart(5, '0')}`;
    plan.purchaseOrders.push({
      source: 'demo',
      externalId,
      supplierCode,
      orderDate: fromEpochDay(day),
      expectedDate: fromEpochDay(expected),
      ...(isReceived ? { receivedDate: fromEpochDay(received) } : {}),
      status: isReceived ? 'received' : 'placed',
      currency: supplier.currency,
      totalMinor: total,
      lines,
    });
    for (const w of wanted) this.inventory.expectSupply(received, w.sku, w.quantity);
    this.addBill(plan, endDay, supplierCode, day + SHIPPING_AFTER_ORDER_DAYS, total);
  }

  private addBill(
    plan: SupplyPlan,
    endDay: number,
    supplierCode: string,
    issueDay: number,
    amountMinor: number,
  ): void {
    // A bill dated after the period end has not arrived yet.
    if (issueDay > endDay || amountMinor <= 0) return;
    const supplier = supplierOf(supplierCode);
    const sequence = ++this.billSequence;
    plan.bills.push({
      externalId: `DEMO-BILL-${String(sequence).padStart(6, '0')}`,
      type: 'payable',
      invoiceNumber: `${supplier.code}-${String(sequence).padStart(5, '0')}`,
      contactName: supplier.name,
      supplierCode: supplier.code,
      issueDay,
      currency: supplier.currency,
      amountMinor,
      ...planPayment(
        this.rng,
        'payable',
        issueDay,
        supplier.paymentTermsDays,
        supplier.payDelay,
        amountMinor,
      ),
    });
  }
}

function supplierOf(code: string): DemoSupplier {
  return DEMO_SUPPLIERS.find((s) => s.code === code)!;
}
