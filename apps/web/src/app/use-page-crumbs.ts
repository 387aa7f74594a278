import { useLocation } from 'react-router';
import { useGlobalFilters } from '../filters/use-global-filters';
import type { Crumb } from '../ui/page-header';
import { breadcrumbTrail, routeForPath } from './route-table';

/** Breadcrumbs for the current page from the route table; links keep the global filters. */
export function usePageCrumbs(): Crumb[] {
  const { pathname } = useLocation();
  const { search } = useGlobalFilters();
  const route = routeForPath(pathname);
  if (!route) return [];
  return breadcrumbTrail(route).map((r) => ({
    label: r.label,
    to: r === route ? undefined : r.path + search,
  }));
}
