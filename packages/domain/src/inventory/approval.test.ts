import { describe, expect, it } from 'vitest';
import {
  approvalLimitOfRole,
  canApproveAmount,
  checkApprovalLimits,
  DEFAULT_APPROVAL_LIMITS,
  requiredApprovalTier,
} from './approval';

const limits = DEFAULT_APPROVAL_LIMITS;

describe('approval by amount', () => {
  it('needs the manager up to £50k, the director (finance) up to £200k, the CFO (admin) above', () => {
    expect(requiredApprovalTier(5_000_000, limits)).toBe('manager');
    expect(requiredApprovalTier(5_000_001, limits)).toBe('director');
    expect(requiredApprovalTier(20_000_000, limits)).toBe('director');
    expect(requiredApprovalTier(20_000_001, limits)).toBe('cfo');
  });

  it('lets a higher tier approve what a lower may, and roles without a tier nothing', () => {
    expect(canApproveAmount('manager', 4_999_999, limits)).toBe(true);
    expect(canApproveAmount('manager', 6_000_000, limits)).toBe(false);
    expect(canApproveAmount('finance', 6_000_000, limits)).toBe(true);
    expect(canApproveAmount('finance', 25_000_000, limits)).toBe(false);
    expect(canApproveAmount('admin', 1_000_000_000, limits)).toBe(true);
    expect(canApproveAmount('planner', 1, limits)).toBe(false);
    expect(canApproveAmount('viewer', 1, limits)).toBe(false);
  });

  it('reports each role’s limit', () => {
    expect(approvalLimitOfRole('manager', limits)).toBe(5_000_000);
    expect(approvalLimitOfRole('finance', limits)).toBe(20_000_000);
    expect(approvalLimitOfRole('admin', limits)).toBeNull();
    expect(approvalLimitOfRole('planner', limits)).toBe(0);
  });

  it('follows changed limits and refuses inverted ones', () => {
    const custom = { managerLimitGbpMinor: 1_000_000, directorLimitGbpMinor: 2_000_000 };
    expect(canApproveAmount('manager', 1_500_000, custom)).toBe(false);
    expect(() => checkApprovalLimits({ managerLimitGbpMinor: 3, directorLimitGbpMinor: 2 })).toThrow(
      RangeError,
    );
  });
});
