import { type Database, schema } from '@sentia/db';
import {
  type ApprovalLimits,
  approvalLimitOfRole,
  approvalTierOfRole,
  canApproveAmount,
  requiredApprovalTier,
} from '@sentia/domain';
import { eq, sql } from 'drizzle-orm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import { addDays } from '../inventory/plan-model';
import { approverRoleFor, readApprovalLimits, TIER_NAMES, TIER_TITLES } from './approval-limits';
import { proposalAmounts } from './proposal-amounts';
import type { ProposalDetails } from './regenerate-proposals';

const p = schema.purchaseProposals;
type Row = typeof p.$inferSelect;

/** The caller as approval needs them: who, and the role whose tier applies. */
export interface Approver {
  actor: Actor;
  userId: string;
  role: string;
}

function gbp(minor: number): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);
}

async function lockOpenProposal(tx: Pick<Database, 'select'>, id: number): Promise<Row> {
  const [row] = await tx.select().from(p).where(eq(p.id, id)).for('update');
  if (!row) throw new NotFoundError(`Purchase proposal ${id} does not exist.`);
  if (row.status !== 'proposed') throw new ConflictError(`Purchase proposal ${id} is already ${row.status}.`);
  return row;
}

function snapshot(row: Row) {
  return {
    status: row.status,
    quantity: row.quantity,
    amountMinor: row.amount,
    currency: row.currency,
    amountGbpMinor: row.amountGbp,
    requiredApprover: row.requiredApprover,
  };
}

/**
 * Refuses (403) an approval the caller's tier does not cover, saying why: the amount, the tier it needs
 * and the most the caller's role may approve (a planner or manager up to the manager limit).
 */
function assertWithinLimit(row: Row, role: string, limits: ApprovalLimits): void {
  // Without a GBP value the amount cannot be checked against a limit: only the CFO tier may approve.
  const amount = row.amountGbp ?? Number.MAX_SAFE_INTEGER;
  if (canApproveAmount(role, amount, limits)) return;
  const tier = row.amountGbp === null ? 'cfo' : requiredApprovalTier(row.amountGbp, limits);
  const value =
    row.amountGbp === null ? 'A proposal without a GBP value (no exchange rate)' : `${gbp(row.amountGbp)}`;
  const own = approvalTierOfRole(role);
  const limit = approvalLimitOfRole(role, limits);
  const yours =
    own === null || limit === null
      ? `your role (${role}) approves no purchase proposals`
      : `your role (${role}) approves up to ${gbp(limit)} (the ${TIER_NAMES[own].toLowerCase()} limit)`;
  throw new ForbiddenError(`${value} needs approval by the ${TIER_TITLES[tier]} tier or above; ${yours}.`);
}

/**
 * Approves an open proposal when the caller's role covers its amount (manager and planner ≤ manager limit,
 * finance as director ≤ director limit, admin as CFO above), in one transaction with its audit entry. The expected
 * delivery moves to the approval date plus the lead time.
 */
export async function approveProposal(
  db: Database,
  approver: Approver,
  id: number,
  note: string | undefined,
  today: string,
) {
  return db.transaction(async (tx) => {
    const row = await lockOpenProposal(tx, id);
    assertWithinLimit(row, approver.role, await readApprovalLimits(tx));
    const lead = (row.details as Partial<ProposalDetails>).leadTimeMeanDays;
    const [updated] = await tx
      .update(p)
      .set({
        status: 'approved',
        decidedBy: approver.userId,
        decidedAt: sql`now()`,
        decisionNote: note ?? null,
        expectedDelivery: lead === undefined ? row.expectedDelivery : addDays(today, Math.ceil(lead)),
        updatedAt: sql`now()`,
      })
      .where(eq(p.id, id))
      .returning();
    await recordAudit(tx, approver.actor, {
      action: 'purchase-proposals.approved',
      targetType: 'purchase-proposal',
      targetId: String(id),
      before: snapshot(row),
      after: { ...snapshot(updated!), note: note ?? null },
    });
    return updated!;
  });
}

/** Rejects an open proposal (any approver may say no), with its audit entry. */
export async function rejectProposal(db: Database, approver: Approver, id: number, note: string | undefined) {
  return db.transaction(async (tx) => {
    const row = await lockOpenProposal(tx, id);
    const [updated] = await tx
      .update(p)
      .set({
        status: 'rejected',
        decidedBy: approver.userId,
        decidedAt: sql`now()`,
        decisionNote: note ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(p.id, id))
      .returning();
    await recordAudit(tx, approver.actor, {
      action: 'purchase-proposals.rejected',
      targetType: 'purchase-proposal',
      targetId: String(id),
      before: snapshot(row),
      after: { ...snapshot(updated!), note: note ?? null },
    });
    return updated!;
  });
}

/**
 * Changes the quantity of an open proposal: at least the MOQ and in whole packs, or it is refused with the
 * nearest valid quantities. The amount and the tier that must approve it follow; audited.
 */
export async function changeProposalQuantity(db: Database, actor: Actor, id: number, quantity: number) {
  return db.transaction(async (tx) => {
    const row = await lockOpenProposal(tx, id);
    const [product] = await tx
      .select({ moq: schema.products.moq, packSize: schema.products.packSize })
      .from(schema.products)
      .where(eq(schema.products.id, row.productId));
    const { moq, packSize } = product!;
    if (quantity < moq || quantity % packSize !== 0) {
      const down = Math.floor(quantity / packSize) * packSize;
      const up = Math.ceil(Math.max(quantity, moq) / packSize) * packSize;
      const options = [...new Set([down, up].filter((q) => q >= moq))].join(' or ');
      throw new ValidationError('The quantity does not fit the supplier’s terms.', [
        {
          field: 'body.quantity',
          message: `must be at least the MOQ (${moq}) and a multiple of the pack size (${packSize}): ${options}`,
        },
      ]);
    }
    const unitCostMinor = row.unitCost ?? Math.round(row.amount / Math.max(1, row.quantity));
    const unitGbp = (row.details as Partial<ProposalDetails>).unitCostGbpMinor ?? null;
    const { amount, amountGbp } = proposalAmounts(quantity, unitCostMinor, unitGbp);
    const limits = await readApprovalLimits(tx);
    const [updated] = await tx
      .update(p)
      .set({
        quantity,
        amount,
        amountGbp,
        requiredApprover: approverRoleFor(amountGbp, limits),
        updatedAt: sql`now()`,
      })
      .where(eq(p.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'purchase-proposals.quantity-changed',
      targetType: 'purchase-proposal',
      targetId: String(id),
      before: snapshot(row),
      after: snapshot(updated!),
    });
    return updated!;
  });
}
