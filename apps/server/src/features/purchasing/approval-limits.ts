import type { ApprovalLimitsView } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import {
  APPROVAL_TIER_ROLES,
  type ApprovalLimits,
  type ApprovalTier,
  checkApprovalLimits,
  DEFAULT_APPROVAL_LIMITS,
  requiredApprovalTier,
} from '@sentia/domain';
import { eq, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../audit/record-audit';

export const APPROVAL_LIMITS_KEY = 'purchasing.approvalLimits';

export const TIER_TITLES: Record<ApprovalTier, string> = {
  manager: 'Manager',
  director: 'Director (finance role)',
  cfo: 'CFO (admin role)',
};

export async function readApprovalLimits(db: Pick<Database, 'select'>): Promise<ApprovalLimits> {
  const [row] = await db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(eq(schema.settings.key, APPROVAL_LIMITS_KEY));
  const value = row?.value as Partial<ApprovalLimits> | undefined;
  const limits = { ...DEFAULT_APPROVAL_LIMITS, ...(value ?? {}) };
  try {
    checkApprovalLimits(limits);
    return limits;
  } catch {
    return DEFAULT_APPROVAL_LIMITS;
  }
}

/** Tier, title, acting role and limit of each approval tier. */
export function approvalTiers(limits: ApprovalLimits) {
  return (['manager', 'director', 'cfo'] as const).map((tier) => ({
    tier,
    title: TIER_TITLES[tier],
    role: APPROVAL_TIER_ROLES[tier],
    limitGbpMinor:
      tier === 'manager'
        ? limits.managerLimitGbpMinor
        : tier === 'director'
          ? limits.directorLimitGbpMinor
          : null,
  }));
}

/**
 * Saves new limits (audited) and re-tiers the open proposals, so each waits for the approver the new
 * limits require. Proposals without a GBP value stay with the CFO.
 */
export async function writeApprovalLimits(
  db: Database,
  actor: Actor,
  limits: ApprovalLimitsView,
): Promise<ApprovalLimits> {
  checkApprovalLimits(limits);
  return db.transaction(async (tx) => {
    const before = await readApprovalLimits(tx);
    await tx
      .insert(schema.settings)
      .values({ key: APPROVAL_LIMITS_KEY, value: limits, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: schema.settings.key,
        set: { value: limits, updatedAt: sql`now()`, updatedBy: actor.userId },
      });
    const open = await tx
      .select({ id: schema.purchaseProposals.id, amountGbp: schema.purchaseProposals.amountGbp })
      .from(schema.purchaseProposals)
      .where(eq(schema.purchaseProposals.status, 'proposed'));
    for (const proposal of open) {
      await tx
        .update(schema.purchaseProposals)
        .set({ requiredApprover: approverRoleFor(proposal.amountGbp, limits), updatedAt: sql`now()` })
        .where(eq(schema.purchaseProposals.id, proposal.id));
    }
    await recordAudit(tx, actor, {
      action: 'settings.changed',
      targetType: 'setting',
      targetId: APPROVAL_LIMITS_KEY,
      before,
      after: limits,
    });
    return limits;
  });
}

/** The role that must approve an amount; an amount without a GBP value (no FX rate) goes to the CFO. */
export function approverRoleFor(amountGbpMinor: number | null, limits: ApprovalLimits): string {
  return APPROVAL_TIER_ROLES[amountGbpMinor === null ? 'cfo' : requiredApprovalTier(amountGbpMinor, limits)];
}
