import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';
import { PageSkeleton } from './page-skeleton';
import type { AppRoute } from './route-table';
import type { Access } from './use-access';
import { usePageCrumbs } from './use-page-crumbs';

/**
 * Opens a page only when the signed-in person's role allows it. Pages that need no permission open
 * at once (their data loads alongside "who am I"); the others wait for it.
 */
export function RouteGate({
  route,
  access,
  children,
}: {
  route: AppRoute | undefined;
  access: Access;
  children: ReactNode;
}) {
  if (!route?.requires || access.can(route.requires)) return children;
  if (access.pending) return <PageSkeleton />;
  if (!access.me) {
    return (
      <>
        <PageHeader title={route.label} />
        <ErrorPanel heading="Your account could not be loaded" error={access.error} onRetry={access.retry} />
      </>
    );
  }
  return <NotAllowed route={route} role={access.me.role} />;
}

function NotAllowed({ route, role }: { route: AppRoute; role: string }) {
  const crumbs = usePageCrumbs();
  return (
    <>
      <PageHeader title={route.label} crumbs={crumbs} />
      <div className="panel" role="alert">
        <h2>Not allowed</h2>
        <p>
          Your role ({role}) does not include <code>{route.requires}</code>, which this page needs. Ask an
          administrator if you should have it.
        </p>
        <p>
          <Link to="/">Go to the overview</Link>
        </p>
      </div>
    </>
  );
}
