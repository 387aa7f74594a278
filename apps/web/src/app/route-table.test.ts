import { describe, expect, it } from 'vitest';
import {
  type AppRoute,
  breadcrumbTrail,
  inNavigation,
  isLivePath,
  routeById,
  routeForPath,
} from './route-table';

describe('route table', () => {
  it('finds pages by path', () => {
    expect(routeForPath('/')?.id).toBe('overview');
    expect(routeForPath('/system')?.id).toBe('system');
    expect(routeForPath('/demand')?.id).toBe('demand');
  });

  it('only calls existing pages and external addresses live links', () => {
    expect(isLivePath('/system?from=2025-01-01')).toBe(true);
    // The overview's data-gap links to a connection land on its page; a page not built is not live.
    expect(isLivePath('/data/connections/xero')).toBe(true);
    expect(isLivePath('/reports/weekly')).toBe(false);
    expect(isLivePath('https://example.com/help')).toBe(true);
    expect(isLivePath('javascript:alert(1)')).toBe(false);
  });

  it('builds breadcrumbs from parents', () => {
    expect(breadcrumbTrail(routeById('system')!).map((r) => r.id)).toEqual(['overview', 'system']);
    expect(breadcrumbTrail(routeById('overview')!).map((r) => r.id)).toEqual(['overview']);
  });

  it('leaves out of the navigation pages of a switched-off feature or a permission the role lacks', () => {
    const page: AppRoute = {
      id: 'demand',
      path: '/demand',
      label: 'Demand',
      icon: 'overview',
      usesFilters: true,
      inNav: true,
      requires: 'read:overview',
      feature: 'forecasting',
      load: async () => ({ default: () => null }),
    };
    const everyone = { can: () => true };
    const on = { isOn: () => true };
    expect(inNavigation(page, everyone, on)).toBe(true);
    expect(inNavigation(page, everyone, { isOn: (f) => f !== 'forecasting' })).toBe(false);
    expect(inNavigation(page, { can: (p) => p !== 'read:overview' }, on)).toBe(false);
    expect(inNavigation({ ...page, inNav: false }, everyone, on)).toBe(false);
    expect(routeById('system')?.requires).toBe('read:system');
  });
});
