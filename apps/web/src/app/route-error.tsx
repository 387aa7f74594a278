import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ErrorPanel } from '../ui/error-panel';
import { PageHeader } from '../ui/page-header';

/**
 * Unknown addresses and pages that failed to load or render. A failed chunk load after a deploy
 * is the usual cause of the latter, so the way out offered is a reload.
 */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <>
      <PageHeader title="This page could not be shown" />
      <ErrorPanel error={error} onRetry={() => window.location.reload()} />
    </>
  );
}

export function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
