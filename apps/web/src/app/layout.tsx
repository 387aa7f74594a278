import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { FilterBar } from '../filters/filter-bar';
import { useGlobalFilters } from '../filters/use-global-filters';
import { AppShell, type NavItem } from '../ui/app-shell';
import { PageSkeleton } from './page-skeleton';
import { ROUTES, routeForPath } from './route-table';

/** The shell around every page: navigation from the route table, the filter bar where it applies. */
export function Layout() {
  const { pathname } = useLocation();
  const { search } = useGlobalFilters();
  const route = routeForPath(pathname);
  // Navigation carries the filters, so moving between pages keeps the same view of the business.
  const nav: NavItem[] = ROUTES.filter((r) => r.inNav).map((r) => ({
    to: r.path + search,
    label: r.label,
    icon: r.icon,
    end: r.path === '/',
  }));
  return (
    <AppShell nav={nav} top={route?.usesFilters ? <FilterBar /> : undefined}>
      <Suspense fallback={<PageSkeleton />}>
        <Outlet />
      </Suspense>
    </AppShell>
  );
}
