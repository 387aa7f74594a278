import { queryRows } from '@sentia/db';
import { shiftDate } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { toInt } from '../queries/sql-helpers';
import type { PlannedSupplySource } from './planned-supply';

/** The purchasing plan's payment terms for a proposal without a supplier (queryPlannedPurchasesByPaymentDate). */
export const UNKNOWN_SUPPLIER_TERMS_DAYS = 30;

/**
 * The inventory plan's approved purchase proposals, and those marked ordered whose purchase order has
 * not arrived yet (matched by the order number: `purchase_orders.external_id` = the proposal's
 * `external_ref`) and is not billed yet (no bill of the supplier, currency and the order's total
 * since it was ordered). Once the order is in the database, `openPurchaseOrders` counts it (and its
 * bill, payables), so each purchase is counted once. Proposed and rejected proposals commit nothing.
 * Paid on the expected delivery (approval date + lead time; else the need-by date) + the supplier's
 * payment terms + our observed delay, in the proposal's currency.
 */
export const approvedPurchaseProposals: PlannedSupplySource = {
  name: 'approved purchase proposals',
  describe: `Approved purchase proposals of the inventory plan not yet placed (and those marked ordered whose purchase order has not arrived yet), paid on the expected delivery date (approval + lead time, else the need-by date) + the supplier’s payment terms (${UNKNOWN_SUPPLIER_TERMS_DAYS} days without a supplier) + our observed delay; proposals awaiting approval and rejected ones are left out.`,
  async load(db, _asOf, delays) {
    const rows = await queryRows<{
      id: number;
      status: string;
      supplier_id: number | null;
      currency: string;
      amount: string;
      delivery: string;
      terms: number;
      external_ref: string | null;
    }>(
      db,
      sql`with ordered as (
            select external_ref, supplier_id, currency, min(ordered_at) as ordered_at, sum(amount_minor) as total
            from purchase_proposals
            where status = 'ordered' and external_ref is not null
            group by external_ref, supplier_id, currency
          )
          select pp.id, pp.status, pp.supplier_id, pp.currency, pp.amount_minor as amount, pp.external_ref,
                 coalesce(pp.expected_delivery, pp.need_by, pp.created_at::date)::text as delivery,
                 coalesce(s.payment_terms_days, ${UNKNOWN_SUPPLIER_TERMS_DAYS}) as terms
          from purchase_proposals pp
          left join suppliers s on s.id = pp.supplier_id
          left join ordered o on o.external_ref = pp.external_ref and o.supplier_id is not distinct from pp.supplier_id
                             and o.currency = pp.currency
          where pp.status = 'approved'
             or (pp.status = 'ordered'
                 and not exists (
                   select 1 from purchase_orders po
                   where po.external_id = pp.external_ref
                     and (pp.supplier_id is null or po.supplier_id = pp.supplier_id))
                 and not exists (
                   select 1 from invoices i
                   where i.type = 'payable' and i.supplier_id = pp.supplier_id and i.currency = pp.currency
                     and i.amount_minor = o.total and i.issue_date >= coalesce(o.ordered_at, pp.created_at)::date))
          order by pp.id`,
    );
    return rows.map((r) => ({
      category: 'purchases' as const,
      reference:
        r.status === 'ordered' ? `proposal ${r.id} (ordered as ${r.external_ref})` : `proposal ${r.id}`,
      date: shiftDate(
        r.delivery,
        Number(r.terms) +
          (r.supplier_id === null ? 0 : Math.round(delays.get(`supplier:${r.supplier_id}`)?.days ?? 0)),
      ),
      currency: r.currency.trim(),
      minor: -toInt(r.amount),
    }));
  },
};
