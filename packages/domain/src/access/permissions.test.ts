import { describe, expect, it } from 'vitest';
import { isAllowed, PERMISSIONS } from './permissions';

const admin = ['*'];
const developer = ['read:*', 'write:development', 'write:test'];
const viewer = ['read:*'];
// As seeded (0001) with the approval permission of migration 0010.
const planner = [
  'read:*',
  'write:forecasts',
  'write:inventory',
  'write:production',
  'write:imports',
  'approve:purchase-orders',
];

describe('isAllowed', () => {
  it('gives admin every permission in every environment', () => {
    for (const p of PERMISSIONS) expect(isAllowed(admin, p, 'production')).toBe(true);
  });

  it('lets viewers read everything and change nothing', () => {
    expect(isAllowed(viewer, 'read:overview', 'production')).toBe(true);
    expect(isAllowed(viewer, 'write:forecasts', 'development')).toBe(false);
    expect(isAllowed(viewer, 'approve:purchase-orders', 'production')).toBe(false);
    expect(isAllowed(viewer, 'admin:users', 'production')).toBe(false);
  });

  it('lets developers write in development and test but not in production', () => {
    expect(isAllowed(developer, 'write:forecasts', 'development')).toBe(true);
    expect(isAllowed(developer, 'write:imports', 'test')).toBe(true);
    expect(isAllowed(developer, 'write:forecasts', 'production')).toBe(false);
    expect(isAllowed(developer, 'admin:users', 'development')).toBe(false);
    expect(isAllowed(developer, 'read:system', 'production')).toBe(true);
  });

  it('gives business roles exactly their grants', () => {
    expect(isAllowed(planner, 'write:forecasts', 'production')).toBe(true);
    expect(isAllowed(planner, 'write:scenarios', 'production')).toBe(false);
    expect(isAllowed(planner, 'approve:purchase-orders', 'production')).toBe(true);
    expect(isAllowed(planner, 'export:data', 'production')).toBe(false);
  });

  it('does not let read:* cover admin or export actions', () => {
    expect(isAllowed(viewer, 'admin:audit', 'production')).toBe(false);
    expect(isAllowed(viewer, 'export:data', 'production')).toBe(false);
  });
});
