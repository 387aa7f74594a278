import { queryRows } from '@sentia/db';
import { shiftDate } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import { proposedBatchesOfStoredPlan } from '../../production/get-production-schedule';
import { toInt } from '../queries/sql-helpers';
import { UNKNOWN_SUPPLIER_TERMS_DAYS } from './planned-proposals';
import type { PlannedSupplySource } from './planned-supply';

/** The longest schedule the production page shows (scheduleQuery's maximum); replenishment covers the rest. */
export const SCHEDULE_WEEKS = 26;

/**
 * The batches the master production schedule proposes on contract manufacturers' lines over 26 weeks:
 * quantity × the SKU's unit cost, billed at the end of the run and paid after the product's supplier's
 * terms + our observed delay. The schedule already nets the planned and running batches
 * (`production_batches`, which `contractProduction` pays for) as receipts, so it only proposes
 * batches beyond them: nothing is counted twice. Read from the plan as last computed (never
 * recomputed here: computing a forecast writes nothing). In-house lines add nothing (materials are
 * bought through purchase orders, labour is payroll).
 */
export const scheduledContractBatches: PlannedSupplySource = {
  name: 'scheduled contract production',
  describe: `Batches the master production schedule proposes on contract manufacturers’ lines over the next ${SCHEDULE_WEEKS} weeks beyond those already planned (quantity × unit cost), paid after the end of the run + the supplier’s terms (${UNKNOWN_SUPPLIER_TERMS_DAYS} days without a supplier) + our observed delay; the schedule nets the planned batches above, so none is counted twice.`,
  async load(db, _asOf, delays) {
    const { lines, batches } = await proposedBatchesOfStoredPlan(db, SCHEDULE_WEEKS);
    const contract = new Set(lines.filter((l) => l.kind === 'contract').map((l) => l.code));
    const bought = batches.filter((b) => contract.has(b.lineCode) && b.quantity > 0);
    if (bought.length === 0) return [];
    const skus = [...new Set(bought.map((b) => b.sku))];
    const products = await queryRows<{
      sku: string;
      supplier_id: number | null;
      currency: string;
      unit_cost: string;
      terms: number;
    }>(
      db,
      sql`select p.sku, p.supplier_id, p.cost_currency as currency, p.unit_cost_minor as unit_cost,
                 coalesce(s.payment_terms_days, ${UNKNOWN_SUPPLIER_TERMS_DAYS}) as terms
          from products p left join suppliers s on s.id = p.supplier_id
          where p.sku = any(${sql.param(skus)}::text[]) and p.unit_cost_minor is not null`,
    );
    const bySku = new Map(products.map((p) => [p.sku, p]));
    return bought.flatMap((b) => {
      const product = bySku.get(b.sku);
      if (!product) return [];
      const delay =
        product.supplier_id === null
          ? 0
          : Math.round(delays.get(`supplier:${product.supplier_id}`)?.days ?? 0);
      return [
        {
          category: 'production' as const,
          reference: `scheduled ${b.sku} on ${b.lineCode} ending ${b.runEnd}`,
          date: shiftDate(b.runEnd, Number(product.terms) + delay),
          currency: product.currency.trim(),
          minor: -Math.round(b.quantity) * toInt(product.unit_cost),
        },
      ];
    });
  },
};
