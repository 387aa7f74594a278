import { type Database, queryRows } from '@sentia/db';
import type { CashFlowItem, PaymentDelay } from '@sentia/domain';
import { shiftDate } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { toInt } from '../queries/sql-helpers';
import { scheduledContractBatches } from './planned-production';
import { approvedPurchaseProposals } from './planned-proposals';

/** A committed purchase that no bill covers yet, paid on `date` (negative amount). */
export interface PlannedSupplyOutflow extends CashFlowItem {
  category: 'purchases' | 'production';
  reference: string;
}

/**
 * Where planned purchases and production come from: open purchase orders and planned contract
 * production in the database, the inventory plan's approved purchase proposals and the contract
 * batches the master production schedule proposes. Each source returns dated outflows not yet
 * billed, and no two sources return the same purchase (see each source for how).
 */
export interface PlannedSupplySource {
  name: string;
  describe: string;
  load(
    db: Database,
    asOf: string,
    delays: ReadonlyMap<string, PaymentDelay>,
  ): Promise<PlannedSupplyOutflow[]>;
}

/**
 * Placed purchase orders with no supplier bill of the same supplier, currency and total dated on or
 * after the order (once billed, the bill is in payables and paid from there). Paid on the expected
 * date (or order date + supplier lead time) + the supplier's payment terms + our observed delay.
 */
export const openPurchaseOrders: PlannedSupplySource = {
  name: 'open purchase orders',
  describe:
    'Placed purchase orders not yet billed, paid on the expected delivery date + the supplier’s payment terms + our observed payment delay to that supplier.',
  async load(db, _asOf, delays) {
    const rows = await queryRows<{
      external_id: string;
      supplier_id: number;
      currency: string;
      total: string;
      delivery: string;
      terms: number;
    }>(
      db,
      sql`select po.external_id, po.supplier_id, po.currency, po.total_minor as total,
                 coalesce(po.expected_date, po.order_date + s.lead_time_days)::text as delivery,
                 s.payment_terms_days as terms
          from purchase_orders po
          join suppliers s on s.id = po.supplier_id
          where po.status = 'placed'
            and not exists (
              select 1 from invoices i
              where i.type = 'payable' and i.supplier_id = po.supplier_id and i.currency = po.currency
                and i.amount_minor = po.total_minor and i.issue_date >= po.order_date)`,
    );
    return rows.map((r) => ({
      category: 'purchases' as const,
      reference: r.external_id,
      date: shiftDate(
        r.delivery,
        Number(r.terms) + Math.round(delays.get(`supplier:${r.supplier_id}`)?.days ?? 0),
      ),
      currency: r.currency.trim(),
      minor: -toInt(r.total),
    }));
  },
};

/**
 * Planned and running production batches of SKUs a supplier makes for us (contract manufacturing),
 * not yet billed: quantity × unit cost, billed at the planned end and paid after the supplier's
 * terms + our observed delay. In-house batches add nothing here: their materials are bought through
 * purchase orders and bills (already counted) and their labour is payroll (a recurring cost).
 */
export const contractProduction: PlannedSupplySource = {
  name: 'planned contract production',
  describe:
    'Planned contract-manufactured batches not yet billed (quantity × unit cost), paid after the planned end + the supplier’s terms + our observed delay; in-house batches are covered by material purchases and payroll.',
  async load(db, _asOf, delays) {
    const rows = await queryRows<{
      external_id: string;
      supplier_id: number;
      currency: string;
      cost: string;
      planned_end: string;
      terms: number;
    }>(
      db,
      sql`select b.external_id, p.supplier_id, p.cost_currency as currency,
                 (b.quantity::bigint * p.unit_cost_minor) as cost, b.planned_end::text as planned_end,
                 s.payment_terms_days as terms
          from production_batches b
          join products p on p.id = b.product_id
          join suppliers s on s.id = p.supplier_id
          where b.status in ('planned', 'in_progress')
            and not exists (
              select 1 from invoices i
              where i.type = 'payable' and i.supplier_id = p.supplier_id and i.currency = p.cost_currency
                and i.amount_minor = b.quantity::bigint * p.unit_cost_minor and i.issue_date >= b.planned_start)`,
    );
    return rows.map((r) => ({
      category: 'production' as const,
      reference: r.external_id,
      date: shiftDate(
        r.planned_end,
        Number(r.terms) + Math.round(delays.get(`supplier:${r.supplier_id}`)?.days ?? 0),
      ),
      currency: r.currency.trim(),
      minor: -toInt(r.cost),
    }));
  },
};

export const PLANNED_SUPPLY_SOURCES: readonly PlannedSupplySource[] = [
  openPurchaseOrders,
  approvedPurchaseProposals,
  contractProduction,
  scheduledContractBatches,
];
