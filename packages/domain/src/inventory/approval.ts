/**
 * Purchase approval by amount. The spec's tiers (manager, director, CFO) map onto the roles that exist:
 * a `manager` approves up to the manager limit, `finance` acts as the director up to the director limit,
 * and `admin` acts as the CFO with no limit. A higher tier may approve anything a lower one may. Limits
 * are settings, in GBP minor units.
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

/** Which role acts for each tier. */
export const APPROVAL_TIER_ROLES: Record<ApprovalTier, string> = {
  manager: 'manager',
  director: 'finance',
  cfo: 'admin',
};

const TIER_ORDER: readonly ApprovalTier[] = ['manager', 'director', 'cfo'];

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

/** The tier a role acts at, or null when it approves nothing. */
export function approvalTierOfRole(role: string): ApprovalTier | null {
  for (const tier of TIER_ORDER) if (APPROVAL_TIER_ROLES[tier] === role) return tier;
  return null;
}

/** The most a role may approve: null for no limit, 0 when it may approve nothing. */
export function approvalLimitOfRole(role: string, limits: ApprovalLimits): number | null {
  const tier = approvalTierOfRole(role);
  if (tier === 'manager') return limits.managerLimitGbpMinor;
  if (tier === 'director') return limits.directorLimitGbpMinor;
  if (tier === 'cfo') return null;
  return 0;
}

export function canApproveAmount(role: string, amountGbpMinor: number, limits: ApprovalLimits): boolean {
  const tier = approvalTierOfRole(role);
  if (tier === null) return false;
  return TIER_ORDER.indexOf(tier) >= TIER_ORDER.indexOf(requiredApprovalTier(amountGbpMinor, limits));
}
