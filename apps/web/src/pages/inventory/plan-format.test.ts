import { describe, expect, it } from 'vitest';
import {
  formatDays,
  formatShare,
  formatUnits,
  mayApprove,
  parseServiceLevel,
  reasonText,
  serviceLevelInput,
} from './plan-format';

const tiers = [
  {
    tier: 'manager' as const,
    title: 'Manager (manager or planner role)',
    role: 'manager',
    roles: ['manager', 'planner'],
    limitGbpMinor: 5_000_000,
  },
  {
    tier: 'director' as const,
    title: 'Director (finance role)',
    role: 'finance',
    roles: ['finance'],
    limitGbpMinor: 20_000_000,
  },
  { tier: 'cfo' as const, title: 'CFO (admin role)', role: 'admin', roles: ['admin'], limitGbpMinor: null },
];

describe('plan formatting', () => {
  it('formats units, shares and days for the locale', () => {
    expect(formatUnits(1234.6, 'en-GB')).toBe('1,235');
    expect(formatShare(0.995, 'en-GB')).toBe('99.5%');
    expect(formatDays(4.54, 'en-GB')).toBe('4.5 days');
    expect(formatDays(63.2, 'en-GB')).toBe('63 days');
    expect(formatDays(null, 'en-GB')).toBe('—');
  });

  it('words the reasons', () => {
    expect(reasonText({ code: 'below-reorder-point', position: 140, reorderPoint: 186.53 }, 'en-GB')).toBe(
      'Position 140 at or below reorder point 187',
    );
    expect(reasonText({ code: 'projected-stock-out', date: '2026-12-13' }, 'en-GB')).toMatch(/13 Dec 2026/);
  });

  it('reads service levels typed as percentages, within 50–99.99%', () => {
    expect(parseServiceLevel('99.5')).toEqual({ value: 0.995 });
    expect(parseServiceLevel(' 98,25 %')).toEqual({ value: 0.9825 });
    expect(parseServiceLevel('100')).toEqual({ error: 'Between 50% and 99.99%' });
    expect(parseServiceLevel('40')).toEqual({ error: 'Between 50% and 99.99%' });
    expect(parseServiceLevel('abc')).toHaveProperty('error');
    expect(serviceLevelInput(0.995)).toBe('99.5');
  });

  it('offers approval only within the role’s tier', () => {
    const manager = { role: 'manager', permissions: ['approve:purchase-orders'] };
    expect(mayApprove(manager, 4_000_000, tiers, true)).toBe(true);
    expect(mayApprove(manager, 6_000_000, tiers, true)).toBe(false);
    // Planners approve routine proposals: up to the manager limit, not above.
    const planner = { role: 'planner', permissions: ['approve:purchase-orders'] };
    expect(mayApprove(planner, 720_000, tiers, true)).toBe(true);
    expect(mayApprove(planner, 5_000_000, tiers, true)).toBe(true);
    expect(mayApprove(planner, 5_000_001, tiers, true)).toBe(false);
    expect(mayApprove(planner, null, tiers, true)).toBe(false);
    // Without the permission (a database where migration 0010 has not run) no button either.
    expect(mayApprove(planner, 720_000, tiers, false)).toBe(false);
    expect(mayApprove({ role: 'finance', permissions: [] }, 6_000_000, tiers, true)).toBe(true);
    expect(mayApprove({ role: 'admin', permissions: ['*'] }, null, tiers, true)).toBe(true);
    expect(mayApprove({ role: 'manager', permissions: [] }, null, tiers, true)).toBe(false);
    expect(mayApprove({ role: 'viewer', permissions: ['read:*'] }, 1, tiers, false)).toBe(false);
    expect(mayApprove(undefined, 1, tiers, true)).toBe(false);
  });
});
