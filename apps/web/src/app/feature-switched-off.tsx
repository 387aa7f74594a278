import { Link } from 'react-router';
import { PageHeader } from '../ui/page-header';
import { usePageCrumbs } from './use-page-crumbs';

/** A page whose feature an administrator (or FEATURE_*) switched off, opened from an old link. */
export function FeatureSwitchedOff({ label }: { label: string }) {
  const crumbs = usePageCrumbs();
  return (
    <>
      <PageHeader title={label} crumbs={crumbs} />
      <div className="panel" role="status">
        <h2>{label} is switched off</h2>
        <p>An administrator has switched this feature off for everyone. Its data is kept.</p>
        <p>
          <Link to="/">Go to the overview</Link>
        </p>
      </div>
    </>
  );
}
