import type { ApprovalLimitsView, ApprovalTierView } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import {
  APPROVAL_TIER_ROLES,
  APPROVAL_TIERS,
  type ApprovalLimits,
  type ApprovalTier,
  approvalLimitOfTier,
  checkApprovalLimits,
  DEFAULT_APPROVAL_LIMITS,
  primaryRoleOfTier,
  requiredApprovalTier,
} from '@sentia/domain';
import { eq, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../audit/record-audit';

export const APPROVAL_LIMITS_KEY = 'purchasing.approvalLimits';

export const TIER_NAMES: Record<ApprovalTier, string> = {
  manager: 'Manager',
  director: 'Director',
  cfo: 'CFO',
};

/** "Manager (manager or planner role)", "Director (finance role)", "CFO (admin role)". */
export const TIER_TITLES = Object.fromEntries(
  APPROVAL_TIERS.map((tier) => [
    tier,
    `${TIER_NAMES[tier]} (${APPROVAL_TIER_ROLES[tier].join(' or ')} role)`,
  ]),
) as Record<ApprovalTier, string>;

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

/** Tier, title, acting roles and limit of each approval tier. */
export function approvalTiers(limits: ApprovalLimits): ApprovalTierView[] {
  return APPROVAL_TIERS.map((tier) => ({
    tier,
    title: TIER_TITLES[tier],
    role: primaryRoleOfTier(tier),
    roles: [...APPROVAL_TIER_ROLES[tier]],
    limitGbpMinor: approvalLimitOfTier(tier, limits),
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

/**
 * The role a proposal names as its approver: the own role of the tier the amount needs (other roles of
 * that tier and higher tiers may approve it too). An amount without a GBP value (no FX rate) goes to the CFO.
 */
export function approverRoleFor(amountGbpMinor: number | null, limits: ApprovalLimits): string {
  return primaryRoleOfTier(amountGbpMinor === null ? 'cfo' : requiredApprovalTier(amountGbpMinor, limits));
}
