import type { FeatureKey } from '@sentia/contracts';
import type { Permission } from '@sentia/domain';
import type { ComponentType } from 'react';
import { matchPath } from 'react-router';
import type { IconName } from '../ui/icon';

/**
 * The one list of pages. The router, the left navigation and the breadcrumbs are all built from it,
 * so a later issue adds a page (Demand, Inventory, …) by adding one entry here and nothing else.
 * Only pages that exist are listed: the product forbids placeholder pages.
 */
export interface AppRoute {
  id: string;
  path: string;
  /** Navigation and breadcrumb label. */
  label: string;
  icon: IconName;
  /** The route one level up, for breadcrumbs. */
  parent?: string;
  /** Whether the global filter bar applies to this page. */
  usesFilters: boolean;
  /** Shown in the left navigation (drill-down pages are reached from their parent instead). */
  inNav: boolean;
  /** The page module, loaded on demand so each page is its own chunk. */
  load: () => Promise<{ default: ComponentType }>;
  /**
   * The permission the signed-in person's role must grant (checked with `isAllowed` from
   * @sentia/domain) for the page to appear in their navigation and to open. None: anyone signed in.
   */
  requires?: Permission;
  /**
   * The product feature the page belongs to: while an admin or FEATURE_* has it switched off, the
   * page leaves the navigation and opens as "switched off" (its API answers 404).
   */
  feature?: FeatureKey;
}

export const ROUTES: readonly AppRoute[] = [
  {
    id: 'overview',
    path: '/',
    label: 'Overview',
    icon: 'overview',
    usesFilters: true,
    inNav: true,
    load: () => import('../pages/overview/overview-page'),
  },
  {
    id: 'demand',
    path: '/demand',
    label: 'Demand',
    icon: 'demand',
    parent: 'overview',
    usesFilters: true,
    inNav: true,
    feature: 'forecasting',
    requires: 'read:forecasts',
    load: () => import('../pages/demand/demand-page'),
  },
  {
    id: 'inventory',
    path: '/inventory',
    label: 'Inventory',
    icon: 'inventory',
    parent: 'overview',
    usesFilters: true,
    inNav: true,
    feature: 'optimization',
    requires: 'read:inventory',
    load: () => import('../pages/inventory/inventory-page'),
  },
  {
    id: 'purchasing',
    path: '/purchasing',
    label: 'Purchasing',
    icon: 'purchasing',
    parent: 'overview',
    usesFilters: false,
    inNav: true,
    feature: 'optimization',
    requires: 'read:purchasing',
    load: () => import('../pages/purchasing/purchasing-page'),
  },
  {
    id: 'production',
    path: '/production',
    label: 'Production',
    icon: 'production',
    parent: 'overview',
    usesFilters: false,
    inNav: true,
    feature: 'optimization',
    requires: 'read:production',
    load: () => import('../pages/production/production-page'),
  },
  {
    id: 'working-capital',
    path: '/working-capital',
    label: 'Working capital',
    icon: 'workingCapital',
    parent: 'overview',
    usesFilters: true,
    inNav: true,
    feature: 'workingCapital',
    load: () => import('../pages/working-capital/working-capital-page'),
  },
  {
    id: 'system',
    path: '/system',
    label: 'System',
    icon: 'system',
    parent: 'overview',
    usesFilters: false,
    inNav: true,
    requires: 'read:system',
    load: () => import('../pages/system/system-page'),
  },
  {
    id: 'data-connections',
    path: '/data/connections',
    label: 'Connections',
    icon: 'data',
    parent: 'overview',
    usesFilters: false,
    inNav: true,
    requires: 'read:connections',
    load: () => import('../pages/data-connections/connections-page'),
  },
  {
    id: 'data-connection',
    path: '/data/connections/:connector',
    label: 'Connection',
    icon: 'data',
    parent: 'data-connections',
    usesFilters: false,
    inNav: false,
    requires: 'read:connections',
    load: () => import('../pages/data-connections/connection-detail-page'),
  },
  {
    id: 'data-imports',
    path: '/data/imports',
    label: 'Imports',
    icon: 'data',
    parent: 'overview',
    usesFilters: false,
    inNav: true,
    load: () => import('../pages/data-imports/data-imports-page'),
  },
  {
    id: 'admin',
    path: '/admin',
    label: 'Admin',
    icon: 'admin',
    parent: 'overview',
    usesFilters: false,
    inNav: true,
    requires: 'admin:users',
    load: () => import('../pages/admin/admin-home'),
  },
  {
    id: 'admin-users',
    path: '/admin/users',
    label: 'Users & roles',
    icon: 'admin',
    parent: 'admin',
    usesFilters: false,
    inNav: false,
    requires: 'admin:users',
    load: () => import('../pages/admin/users-page'),
  },
  {
    id: 'admin-audit',
    path: '/admin/audit',
    label: 'Audit log',
    icon: 'admin',
    parent: 'admin',
    usesFilters: false,
    inNav: false,
    requires: 'admin:audit',
    load: () => import('../pages/admin/audit-page'),
  },
  {
    id: 'admin-maintenance',
    path: '/admin/maintenance',
    label: 'Maintenance',
    icon: 'admin',
    parent: 'admin',
    usesFilters: false,
    inNav: false,
    requires: 'admin:maintenance',
    load: () => import('../pages/admin/maintenance-page'),
  },
  {
    id: 'profile',
    path: '/profile',
    label: 'Profile',
    icon: 'admin',
    parent: 'overview',
    usesFilters: false,
    inNav: false,
    load: () => import('../pages/profile/profile-page'),
  },
];

/** Whether a page belongs in this person's navigation: listed, allowed by their role, its feature on. */
export function inNavigation(
  route: AppRoute,
  access: { can: (permission: Permission | undefined) => boolean },
  features: { isOn: (feature: FeatureKey | undefined) => boolean },
): boolean {
  return route.inNav && access.can(route.requires) && features.isOn(route.feature);
}

export function routeById(id: string): AppRoute | undefined {
  return ROUTES.find((route) => route.id === id);
}

/** The route a location path belongs to. */
export function routeForPath(pathname: string): AppRoute | undefined {
  return ROUTES.find((route) => matchPath({ path: route.path, end: true }, pathname));
}

/**
 * Whether a link would land on a real page. Links to pages not yet built are shown as plain text
 * instead, so there is never a dead link.
 */
export function isLivePath(href: string): boolean {
  if (/^https?:\/\//i.test(href)) return true;
  if (!href.startsWith('/')) return false;
  const pathname = href.split(/[?#]/, 1)[0] ?? href;
  return routeForPath(pathname) !== undefined;
}

/** Breadcrumb trail from the top page down to `route`. */
export function breadcrumbTrail(route: AppRoute): AppRoute[] {
  const trail: AppRoute[] = [];
  let current: AppRoute | undefined = route;
  while (current && !trail.includes(current)) {
    trail.unshift(current);
    current = current.parent ? routeById(current.parent) : undefined;
  }
  return trail;
}
