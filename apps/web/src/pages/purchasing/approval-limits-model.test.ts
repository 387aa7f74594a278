import { describe, expect, it } from 'vitest';
import { checkLimits, parsePounds, poundsInput, tierOfRole } from './approval-limits-model';

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

describe('approval limits form', () => {
  it('reads pounds as whole pence, with or without the sign, separators and pence', () => {
    expect(parsePounds('50000')).toEqual({ minor: 5_000_000 });
    expect(parsePounds(' £50,000 ')).toEqual({ minor: 5_000_000 });
    expect(parsePounds('49 999.5')).toEqual({ minor: 4_999_950 });
    expect(parsePounds('0.29')).toEqual({ minor: 29 });
    expect(parsePounds('0')).toEqual({ minor: 0 });
  });

  it('refuses what is not an amount of pounds', () => {
    for (const text of ['', 'abc', '-5', '1.234', '1e6', '12.']) {
      expect(parsePounds(text), text).toHaveProperty('error');
    }
    expect(parsePounds('100000000001')).toEqual({ error: 'At most £100,000,000,000' });
  });

  it('shows pence only when there are any', () => {
    expect(poundsInput(5_000_000)).toBe('50000');
    expect(poundsInput(4_999_950)).toBe('49999.50');
    expect(poundsInput(7)).toBe('0.07');
    for (const minor of [0, 1, 99, 100, 12_345_678]) {
      expect(parsePounds(poundsInput(minor))).toEqual({ minor });
    }
  });

  it('checks the two limits as the API does: the director’s at least the manager’s', () => {
    expect(checkLimits('25000', '150000')).toEqual({
      limits: { managerLimitGbpMinor: 2_500_000, directorLimitGbpMinor: 15_000_000 },
    });
    expect(checkLimits('50000', '50000')).toHaveProperty('limits');
    expect(checkLimits('60000', '50000')).toEqual({
      errors: { director: 'Must be at least the manager limit' },
    });
    expect(checkLimits('x', '50000')).toEqual({
      errors: { manager: 'Enter an amount in pounds, such as 50000', director: undefined },
    });
  });

  it('finds the tier a role approves at from the tiers listed', () => {
    expect(tierOfRole(tiers, 'planner')?.tier).toBe('manager');
    expect(tierOfRole(tiers, 'manager')?.tier).toBe('manager');
    expect(tierOfRole(tiers, 'finance')?.tier).toBe('director');
    expect(tierOfRole(tiers, 'admin')?.tier).toBe('cfo');
    expect(tierOfRole(tiers, 'viewer')).toBeUndefined();
    expect(tierOfRole(tiers, undefined)).toBeUndefined();
  });
});
