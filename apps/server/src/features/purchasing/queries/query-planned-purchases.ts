import { type Database, queryRows } from '@sentia/db';
import { sql } from 'drizzle-orm';

export interface PlannedPurchasePayment {
  proposalId: number;
  status: 'proposed' | 'approved';
  supplierCode: string | null;
  /** Expected delivery + the supplier's payment terms (30 days when no supplier is known). */
  expectedPaymentDate: string;
  currency: string;
  amountMinor: number;
  /** Null when no GBP rate was known when it was proposed. */
  amountGbpMinor: number | null;
}

/**
 * Planned purchases by the date they are expected to be paid, for the cash forecast: approved proposals
 * not yet ordered (and, when asked, those still awaiting approval). Ordered proposals are left out: once
 * placed they arrive as purchase orders and bills, which the cash forecast reads on their own.
 * Expected payment = expected delivery (approval date + lead time; for open proposals the plan's date + lead
 * time) + the supplier's payment terms.
 */
export async function queryPlannedPurchasesByPaymentDate(
  db: Pick<Database, 'execute'>,
  options: { from: string; to: string; includeProposed?: boolean },
): Promise<PlannedPurchasePayment[]> {
  const statuses = options.includeProposed ? sql`('approved', 'proposed')` : sql`('approved')`;
  return queryRows<PlannedPurchasePayment>(
    db,
    sql`select * from (
          select pp.id as "proposalId", pp.status, s.code as "supplierCode",
                 (coalesce(pp.expected_delivery, pp.created_at::date) + coalesce(s.payment_terms_days, 30))::text
                   as "expectedPaymentDate",
                 pp.currency, pp.amount_minor::float8 as "amountMinor", pp.amount_gbp_minor::float8 as "amountGbpMinor"
          from purchase_proposals pp left join suppliers s on s.id = pp.supplier_id
          where pp.status in ${statuses}
        ) x
        where "expectedPaymentDate" between ${options.from} and ${options.to}
        order by "expectedPaymentDate", "proposalId"`,
  );
}
