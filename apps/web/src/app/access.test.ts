import { describe, expect, it } from 'vitest';
import { allows, toEnvironment } from './access';
import { ROUTES } from './route-table';

describe('toEnvironment', () => {
  it('falls back to the strictest environment', () => {
    expect(toEnvironment('development')).toBe('development');
    expect(toEnvironment('test')).toBe('test');
    expect(toEnvironment('production')).toBe('production');
    expect(toEnvironment('staging')).toBe('production');
    expect(toEnvironment(undefined)).toBe('production');
  });
});

describe('allows', () => {
  const admin = ['*'];
  const viewer = ['read:*'];
  const developer = ['read:*', 'write:development', 'write:test'];

  it('lets everyone signed in use what requires nothing', () => {
    expect(allows(viewer, undefined, 'production')).toBe(true);
    expect(allows(undefined, undefined, 'production')).toBe(true);
  });

  it('offers nothing that needs a permission until the grants are known', () => {
    expect(allows(undefined, 'read:overview', 'production')).toBe(false);
  });

  it('follows the role’s grants and the environment', () => {
    expect(allows(admin, 'admin:users', 'production')).toBe(true);
    expect(allows(viewer, 'admin:users', 'production')).toBe(false);
    expect(allows(viewer, 'read:system', 'production')).toBe(true);
    expect(allows(developer, 'write:forecasts', 'development')).toBe(true);
    expect(allows(developer, 'write:forecasts', 'production')).toBe(false);
  });
});

describe('the admin pages in the route table', () => {
  const visibleTo = (granted: string[]) =>
    ROUTES.filter((r) => r.inNav && allows(granted, r.requires, 'production')).map((r) => r.id);

  it('are in the navigation of admins only', () => {
    expect(visibleTo(['*'])).toContain('admin');
    for (const role of [
      ['read:*'],
      ['read:*', 'write:development', 'write:test'],
      ['read:*', 'export:data'],
    ]) {
      expect(visibleTo(role)).not.toContain('admin');
      expect(visibleTo(role)).toContain('overview');
    }
  });

  it('each require their own admin permission', () => {
    const requires = Object.fromEntries(ROUTES.map((r) => [r.id, r.requires]));
    expect(requires).toMatchObject({
      'admin-users': 'admin:users',
      'admin-audit': 'admin:audit',
      'admin-maintenance': 'admin:maintenance',
    });
    expect(requires.profile).toBeUndefined();
  });
});
