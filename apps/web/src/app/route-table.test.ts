import { describe, expect, it } from 'vitest';
import { breadcrumbTrail, isLivePath, routeById, routeForPath } from './route-table';

describe('route table', () => {
  it('finds pages by path', () => {
    expect(routeForPath('/')?.id).toBe('overview');
    expect(routeForPath('/system')?.id).toBe('system');
    expect(routeForPath('/demand')).toBeUndefined();
  });

  it('only calls existing pages and external addresses live links', () => {
    expect(isLivePath('/system?from=2025-01-01')).toBe(true);
    expect(isLivePath('/data/connections/xero')).toBe(false);
    expect(isLivePath('https://example.com/help')).toBe(true);
    expect(isLivePath('javascript:alert(1)')).toBe(false);
  });

  it('builds breadcrumbs from parents', () => {
    expect(breadcrumbTrail(routeById('system')!).map((r) => r.id)).toEqual(['overview', 'system']);
    expect(breadcrumbTrail(routeById('overview')!).map((r) => r.id)).toEqual(['overview']);
  });
});
