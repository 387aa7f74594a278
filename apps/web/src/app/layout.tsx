import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { FilterBar } from '../filters/filter-bar';
import { useGlobalFilters } from '../filters/use-global-filters';
import { AppShell, type NavItem } from '../ui/app-shell';
import { FeatureSwitchedOff } from './feature-switched-off';
import { PageSkeleton } from './page-skeleton';
import { RouteGate } from './route-gate';
import { inNavigation, ROUTES, routeForPath } from './route-table';
import { useAccess } from './use-access';
import { useFeatures } from './use-features';
import { useLiveEvents } from './use-live-events';
import { UserBar } from './user-bar';

/**
 * The shell around every page: navigation from the route table (only the pages the signed-in
 * person's role allows), who is signed in, the filter bar where it applies.
 */
export function Layout() {
  const { pathname } = useLocation();
  const { search } = useGlobalFilters();
  const access = useAccess();
  const features = useFeatures(Boolean(access.me));
  useLiveEvents(Boolean(access.me));
  const route = routeForPath(pathname);
  // Navigation carries the filters, so moving between pages keeps the same view of the business.
  const nav: NavItem[] = ROUTES.filter((r) => inNavigation(r, access, features)).map((r) => ({
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
          {route && !features.isOn(route.feature) ? <FeatureSwitchedOff label={route.label} /> : <Outlet />}
        </RouteGate>
      </Suspense>
    </AppShell>
  );
}
