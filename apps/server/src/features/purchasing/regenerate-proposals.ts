import { type Database, schema } from '@sentia/db';
import { projectStockOut, proposeReplenishment, type ReplenishmentReason } from '@sentia/domain';
import { and, eq, sql } from 'drizzle-orm';
import { addDays, type DerivedPolicy } from '../inventory/plan-model';
import type { PlanState } from '../inventory/plan-store';
import { approverRoleFor, readApprovalLimits } from './approval-limits';
import { proposalAmounts, reasonText } from './proposal-amounts';

type Tx = Pick<Database, 'select' | 'insert' | 'delete' | 'update' | 'execute'>;

export interface ProposalDetails {
  reasons: ReplenishmentReason[];
  onHand: number;
  allocated: number;
  inbound: number;
  approvedNotOrdered: number;
  position: number;
  safetyStock: number;
  reorderPoint: number;
  orderQuantity: number;
  leadTimeMeanDays: number;
  /** GBP per unit (unrounded) at the plan's as-of rate: edits re-value the proposal with it. */
  unitCostGbpMinor: number | null;
  serviceLevel: number;
  abcClass: string;
  /** False once the need has gone while a person's edit keeps the proposal. */
  stillNeeded: boolean;
  demo: boolean;
}

/**
 * Brings the open purchase proposals in line with the policies: one open proposal per bought SKU whose
 * network position — on hand − allocated + inbound + approved proposals not yet ordered — is at or below
 * its reorder point (or which runs out before an order could arrive), sized by (s, S = s + Q) with MOQ and
 * pack rounding. Proposals nobody has touched follow the plan (updated, or removed when the need is
 * gone); a quantity a person edited is kept. A SKU whose proposal was rejected is not proposed again until
 * the data changes. Nothing is proposed while stock levels are unknown.
 */
export async function regenerateProposals(
  tx: Tx,
  policies: readonly DerivedPolicy[],
  state: Pick<PlanState, 'asOf' | 'dataVersion' | 'stockKnown' | 'receivingLocationId'>,
): Promise<number> {
  const limits = await readApprovalLimits(tx);
  const p = schema.purchaseProposals;
  const approved = await tx
    .select({ productId: p.productId, quantity: sql<number>`sum(${p.quantity})::int` })
    .from(p)
    .where(eq(p.status, 'approved'))
    .groupBy(p.productId);
  const open = await tx.select().from(p).where(eq(p.status, 'proposed'));
  const rejected = await tx
    .select({ productId: p.productId })
    .from(p)
    .where(and(eq(p.status, 'rejected'), eq(p.dataVersion, state.dataVersion)));

  let count = 0;
  for (const policy of policies) {
    const d = policy.details;
    if (d.locationId !== null || d.supply !== 'purchase') continue;
    const existing = open.find((o) => o.productId === policy.productId);
    const edited = existing !== undefined && existing.quantity !== existing.proposedQuantity;
    const approvedNotOrdered = approved.find((a) => a.productId === policy.productId)?.quantity ?? 0;
    const position = policy.position + approvedNotOrdered;
    const stockOutDate = projectStockOut({
      startStock: position,
      asOf: state.asOf,
      weeklyDemand: d.weeklyForecast,
    });
    const expectedDelivery = addDays(state.asOf, Math.ceil(d.leadTimeMeanDays));
    const need = state.stockKnown
      ? proposeReplenishment({
          position,
          reorderPoint: policy.policy.reorderPoint,
          orderQuantity: policy.policy.orderQuantity,
          moq: d.moq,
          packSize: d.packSize,
          stockOutDate,
          latestArrival: expectedDelivery,
        })
      : null;
    if (!need) {
      if (existing && !edited) await tx.delete(p).where(eq(p.id, existing.id));
      else if (existing) {
        const details = { ...(existing.details as ProposalDetails), stillNeeded: false };
        await tx.update(p).set({ details, updatedAt: sql`now()` }).where(eq(p.id, existing.id));
        count++;
      }
      continue;
    }
    if (!existing && rejected.some((r) => r.productId === policy.productId)) continue;
    const quantity = edited ? existing.quantity : need.quantity;
    const { amount, amountGbp } = proposalAmounts(quantity, d.unitCostMinor, d.unitCostGbpMinor);
    const details: ProposalDetails = {
      reasons: need.reasons,
      onHand: d.onHand,
      allocated: d.allocated,
      inbound: d.inbound,
      approvedNotOrdered,
      position,
      safetyStock: policy.policy.safetyStock,
      reorderPoint: policy.policy.reorderPoint,
      orderQuantity: policy.policy.orderQuantity,
      leadTimeMeanDays: d.leadTimeMeanDays,
      unitCostGbpMinor: d.unitCostGbpMinor,
      serviceLevel: policy.policy.serviceLevel,
      abcClass: policy.abcClass,
      stillNeeded: true,
      demo: d.demo,
    };
    const values = {
      productId: policy.productId,
      supplierId: d.supplierId,
      locationId: state.receivingLocationId,
      quantity,
      proposedQuantity: need.quantity,
      unitCost: d.unitCostMinor,
      amount,
      currency: d.costCurrency,
      amountGbp,
      reason: reasonText(need.reasons),
      details,
      needBy: stockOutDate,
      expectedDelivery,
      status: 'proposed' as const,
      requiredApprover: approverRoleFor(amountGbp, limits),
      dataVersion: state.dataVersion,
    };
    if (existing)
      await tx
        .update(p)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(p.id, existing.id));
    else await tx.insert(p).values(values);
    count++;
  }
  return count;
}
