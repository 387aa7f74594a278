import { type Database, schema } from '@sentia/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ConflictError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import { queryProposals } from './queries/query-proposals';

/** One purchase order to place: the approved proposals of one supplier, currency and delivery location. */
export interface PurchaseOrderDraft {
  supplierCode: string | null;
  supplierName: string | null;
  currency: string;
  deliverTo: string | null;
  lines: {
    proposalId: number;
    sku: string;
    productName: string;
    quantity: number;
    unitCostMinor: number;
    amountMinor: number;
    expectedDelivery: string | null;
  }[];
  totalMinor: number;
}

/**
 * The approved proposals not yet ordered, as purchase orders to place, one per supplier × currency ×
 * delivery location. The CSV export writes them today.
 *
 * Seam for the Unleashed connector: it will POST each draft to Unleashed's PurchaseOrders endpoint (supplier
 * code, warehouse code = `deliverTo`, lines by ProductCode) and then call `markProposalsOrdered` with the
 * returned order number, in the same way a person does after placing the order by hand.
 */
export async function buildPurchaseOrderDrafts(db: Pick<Database, 'select'>): Promise<PurchaseOrderDraft[]> {
  const approved = await queryProposals(db, { status: 'approved' });
  const drafts = new Map<string, PurchaseOrderDraft>();
  for (const proposal of approved) {
    const key = `${proposal.supplierCode ?? ''}|${proposal.currency}|${proposal.locationCode ?? ''}`;
    const draft = drafts.get(key) ?? {
      supplierCode: proposal.supplierCode,
      supplierName: proposal.supplierName,
      currency: proposal.currency,
      deliverTo: proposal.locationCode,
      lines: [],
      totalMinor: 0,
    };
    draft.lines.push({
      proposalId: proposal.id,
      sku: proposal.sku,
      productName: proposal.productName,
      quantity: proposal.quantity,
      unitCostMinor: proposal.unitCostMinor,
      amountMinor: proposal.amountMinor,
      expectedDelivery: proposal.expectedDelivery,
    });
    draft.totalMinor += proposal.amountMinor;
    drafts.set(key, draft);
  }
  return [...drafts.values()];
}

/**
 * Records that approved proposals were placed as a purchase order (`reference` = its number there), so
 * they stop counting as "approved, not yet ordered" in the plan; the order itself then arrives through
 * the purchase-order sync or import. All or nothing; audited per proposal.
 */
export async function markProposalsOrdered(
  db: Database,
  actor: Actor,
  ids: readonly number[],
  reference: string,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const p = schema.purchaseProposals;
    const rows = await tx
      .select({ id: p.id, status: p.status })
      .from(p)
      .where(inArray(p.id, [...ids]))
      .for('update');
    const notApproved = ids.filter((id) => rows.find((r) => r.id === id)?.status !== 'approved');
    if (notApproved.length > 0) {
      throw new ConflictError(`Only approved proposals can be marked as ordered: ${notApproved.join(', ')}.`);
    }
    await tx
      .update(p)
      .set({ status: 'ordered', externalRef: reference, orderedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(inArray(p.id, [...ids]), eq(p.status, 'approved')));
    for (const id of ids) {
      await recordAudit(tx, actor, {
        action: 'purchase-proposals.ordered',
        targetType: 'purchase-proposal',
        targetId: String(id),
        before: { status: 'approved' },
        after: { status: 'ordered', reference },
      });
    }
    return [...ids];
  });
}
