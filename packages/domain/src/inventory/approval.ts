/**
 * Purchase approval by amount. The spec's tiers (manager, director, CFO) map onto the roles that exist:
 * `manager` and `planner` approve routine proposals up to the manager limit, `finance` acts as the director
 * up to the director limit, and `admin` acts as the CFO with no limit. A higher tier may approve anything a
 * lower one may. Limits are settings, in GBP minor units.
 */
export interface ApprovalLimits {
  managerLimitGbpMinor: number;
  directorLimitGbpMinor: number;
}

export type ApprovalTier = 'manager' | 'director' | 'cfo';

/** £50,000 and £200,000. */
export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = {
  managerLimitGbpMinor: 5_000_000,
  directorLimitGbpMinor: 20_000_000,
};

/**
 * Which roles act for each tier, the tier's own role first (the one a proposal names as its required
 * approver). A role acts at one tier at most.
 */
export const APPROVAL_TIER_ROLES: Readonly<Record<ApprovalTier, readonly string[]>> = {
  manager: ['manager', 'planner'],
  director: ['finance'],
  cfo: ['admin'],
};

export const APPROVAL_TIERS: readonly ApprovalTier[] = ['manager', 'director', 'cfo'];

export function checkApprovalLimits(limits: ApprovalLimits): void {
  const { managerLimitGbpMinor: m, directorLimitGbpMinor: d } = limits;
  if (!(Number.isSafeInteger(m) && m >= 0 && Number.isSafeInteger(d) && d >= m)) {
    throw new RangeError('approval limits must be whole minor units with 0 ≤ manager ≤ director');
  }
}

/** The lowest tier allowed to approve the amount. */
export function requiredApprovalTier(amountGbpMinor: number, limits: ApprovalLimits): ApprovalTier {
  if (amountGbpMinor <= limits.managerLimitGbpMinor) return 'manager';
  if (amountGbpMinor <= limits.directorLimitGbpMinor) return 'director';
  return 'cfo';
}

/** The role a proposal of this tier names as its approver (the tier's own role). */
export function primaryRoleOfTier(tier: ApprovalTier): string {
  return APPROVAL_TIER_ROLES[tier][0]!;
}

/** The tier a role acts at (the highest, should a role be listed twice), or null when it approves nothing. */
export function approvalTierOfRole(role: string): ApprovalTier | null {
  for (let i = APPROVAL_TIERS.length - 1; i >= 0; i--) {
    const tier = APPROVAL_TIERS[i]!;
    if (APPROVAL_TIER_ROLES[tier].includes(role)) return tier;
  }
  return null;
}

/** The most a tier may approve: null for no limit. */
export function approvalLimitOfTier(tier: ApprovalTier, limits: ApprovalLimits): number | null {
  if (tier === 'manager') return limits.managerLimitGbpMinor;
  if (tier === 'director') return limits.directorLimitGbpMinor;
  return null;
}

/** The most a role may approve: null for no limit, 0 when it may approve nothing. */
export function approvalLimitOfRole(role: string, limits: ApprovalLimits): number | null {
  const tier = approvalTierOfRole(role);
  return tier === null ? 0 : approvalLimitOfTier(tier, limits);
}

export function canApproveAmount(role: string, amountGbpMinor: number, limits: ApprovalLimits): boolean {
  const tier = approvalTierOfRole(role);
  if (tier === null) return false;
  return APPROVAL_TIERS.indexOf(tier) >= APPROVAL_TIERS.indexOf(requiredApprovalTier(amountGbpMinor, limits));
}
