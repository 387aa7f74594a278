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
    id: 'system',
    path: '/system',
    label: 'System',
    icon: 'system',
    parent: 'overview',
    usesFilters: false,
    inNav: true,
    load: () => import('../pages/system/system-page'),
  },
];

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
