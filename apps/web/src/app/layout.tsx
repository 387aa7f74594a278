import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { FilterBar } from '../filters/filter-bar';
import { useGlobalFilters } from '../filters/use-global-filters';
import { AppShell, type NavItem } from '../ui/app-shell';
import { PageSkeleton } from './page-skeleton';
import { RouteGate } from './route-gate';
import { ROUTES, routeForPath } from './route-table';
import { useAccess } from './use-access';
import { UserBar } from './user-bar';

/**
 * The shell around every page: navigation from the route table (only the pages the signed-in
 * person's role allows), who is signed in, the filter bar where it applies.
 */
export function Layout() {
  const { pathname } = useLocation();
  const { search } = useGlobalFilters();
  const access = useAccess();
  const route = routeForPath(pathname);
  // Navigation carries the filters, so moving between pages keeps the same view of the business.
  const nav: NavItem[] = ROUTES.filter((r) => r.inNav && access.can(r.requires)).map((r) => ({
    to: r.path + search,
    label: r.label,
    icon: r.icon,
    end: r.path === '/',
  }));
  return (
    <AppShell
      nav={nav}
      top={
        <>
          <UserBar access={access} />
          {route?.usesFilters && <FilterBar />}
        </>
      }
    >
      <Suspense fallback={<PageSkeleton />}>
        <RouteGate route={route} access={access}>
          <Outlet />
        </RouteGate>
      </Suspense>
    </AppShell>
  );
}
