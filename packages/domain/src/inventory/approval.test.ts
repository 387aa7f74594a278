import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPROVAL_TIER_ROLES,
  APPROVAL_TIERS,
  approvalLimitOfRole,
  approvalTierOfRole,
  canApproveAmount,
  checkApprovalLimits,
  DEFAULT_APPROVAL_LIMITS,
  primaryRoleOfTier,
  requiredApprovalTier,
} from './approval';

const limits = DEFAULT_APPROVAL_LIMITS;
const ROLES = ['admin', 'developer', 'viewer', 'manager', 'planner', 'finance'] as const;

/** Limits with 0 ≤ manager ≤ director, as the settings accept them. */
const anyLimits = fc
  .tuple(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }))
  .map(([a, b]) => ({ managerLimitGbpMinor: Math.min(a, b), directorLimitGbpMinor: Math.max(a, b) }));
const anyAmount = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('approval by amount', () => {
  it('needs the manager up to £50k, the director (finance) up to £200k, the CFO (admin) above', () => {
    expect(requiredApprovalTier(5_000_000, limits)).toBe('manager');
    expect(requiredApprovalTier(5_000_001, limits)).toBe('director');
    expect(requiredApprovalTier(20_000_000, limits)).toBe('director');
    expect(requiredApprovalTier(20_000_001, limits)).toBe('cfo');
  });

  it('lets managers and planners act for the manager tier, finance for the director, admin for the CFO', () => {
    expect(APPROVAL_TIER_ROLES.manager).toEqual(['manager', 'planner']);
    expect(approvalTierOfRole('manager')).toBe('manager');
    expect(approvalTierOfRole('planner')).toBe('manager');
    expect(approvalTierOfRole('finance')).toBe('director');
    expect(approvalTierOfRole('admin')).toBe('cfo');
    expect(approvalTierOfRole('viewer')).toBeNull();
    expect(approvalTierOfRole('developer')).toBeNull();
    // A proposal names the tier's own role as its approver.
    expect(APPROVAL_TIERS.map(primaryRoleOfTier)).toEqual(['manager', 'finance', 'admin']);
  });

  it('lets a higher tier approve what a lower may, and roles without a tier nothing', () => {
    expect(canApproveAmount('manager', 4_999_999, limits)).toBe(true);
    expect(canApproveAmount('manager', 6_000_000, limits)).toBe(false);
    expect(canApproveAmount('finance', 6_000_000, limits)).toBe(true);
    expect(canApproveAmount('finance', 25_000_000, limits)).toBe(false);
    expect(canApproveAmount('admin', 1_000_000_000, limits)).toBe(true);
    expect(canApproveAmount('viewer', 1, limits)).toBe(false);
    expect(canApproveAmount('developer', 1, limits)).toBe(false);
  });

  it('lets a planner approve up to the manager limit exactly, and not a penny more', () => {
    expect(canApproveAmount('planner', 0, limits)).toBe(true);
    expect(canApproveAmount('planner', 720_000, limits)).toBe(true);
    expect(canApproveAmount('planner', 5_000_000, limits)).toBe(true);
    expect(canApproveAmount('planner', 5_000_001, limits)).toBe(false);
    expect(canApproveAmount('planner', 18_000_000, limits)).toBe(false);
    // An amount without a GBP value is checked as the largest possible: CFO only.
    expect(canApproveAmount('planner', Number.MAX_SAFE_INTEGER, limits)).toBe(false);
    expect(canApproveAmount('admin', Number.MAX_SAFE_INTEGER, limits)).toBe(true);
  });

  it('reports each role’s limit', () => {
    expect(approvalLimitOfRole('manager', limits)).toBe(5_000_000);
    expect(approvalLimitOfRole('planner', limits)).toBe(5_000_000);
    expect(approvalLimitOfRole('finance', limits)).toBe(20_000_000);
    expect(approvalLimitOfRole('admin', limits)).toBeNull();
    expect(approvalLimitOfRole('viewer', limits)).toBe(0);
  });

  it('follows changed limits and refuses inverted ones', () => {
    const custom = { managerLimitGbpMinor: 1_000_000, directorLimitGbpMinor: 2_000_000 };
    expect(canApproveAmount('manager', 1_500_000, custom)).toBe(false);
    expect(canApproveAmount('planner', 1_500_000, custom)).toBe(false);
    expect(canApproveAmount('planner', 1_000_000, custom)).toBe(true);
    expect(approvalLimitOfRole('planner', custom)).toBe(1_000_000);
    // A manager limit of zero leaves the manager tier only zero-value proposals.
    const none = { managerLimitGbpMinor: 0, directorLimitGbpMinor: 2_000_000 };
    expect(canApproveAmount('planner', 1, none)).toBe(false);
    expect(canApproveAmount('finance', 1, none)).toBe(true);
    expect(() => checkApprovalLimits({ managerLimitGbpMinor: 3, directorLimitGbpMinor: 2 })).toThrow(
      RangeError,
    );
  });

  it('puts every role in one tier at most', () => {
    const listed = APPROVAL_TIERS.flatMap((t) => APPROVAL_TIER_ROLES[t]);
    expect(new Set(listed).size).toBe(listed.length);
  });
});

describe('approval by amount (properties)', () => {
  it('a role may approve an amount exactly when it is within the role’s limit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), anyAmount, anyLimits, (role, amount, l) => {
        const limit = approvalLimitOfRole(role, l);
        const expected = approvalTierOfRole(role) !== null && (limit === null || amount <= limit);
        expect(canApproveAmount(role, amount, l)).toBe(expected);
      }),
    );
  });

  it('whoever may approve an amount may approve any smaller one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), anyAmount, anyAmount, anyLimits, (role, a, b, l) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        if (canApproveAmount(role, large, l)) expect(canApproveAmount(role, small, l)).toBe(true);
      }),
    );
  });

  it('the roles of a tier approve exactly the same amounts, and every tier’s roles its own amounts', () => {
    fc.assert(
      fc.property(anyAmount, anyLimits, (amount, l) => {
        expect(canApproveAmount('planner', amount, l)).toBe(canApproveAmount('manager', amount, l));
        const tier = requiredApprovalTier(amount, l);
        for (const role of APPROVAL_TIER_ROLES[tier]) expect(canApproveAmount(role, amount, l)).toBe(true);
        // Higher tiers too; lower tiers never.
        const index = APPROVAL_TIERS.indexOf(tier);
        APPROVAL_TIERS.forEach((t, i) => {
          for (const role of APPROVAL_TIER_ROLES[t])
            expect(canApproveAmount(role, amount, l)).toBe(i >= index);
        });
      }),
    );
  });
});
