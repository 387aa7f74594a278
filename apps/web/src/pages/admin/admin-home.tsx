import { Navigate } from 'react-router';
import { PageSkeleton } from '../../app/page-skeleton';
import { useAccess } from '../../app/use-access';
import { adminSections } from './admin-sections';

/** "Admin" in the navigation opens the first admin page the person's role allows. */
export default function AdminHome() {
  const access = useAccess();
  if (access.pending) return <PageSkeleton />;
  const first = adminSections().find((section) => access.can(section.requires));
  return <Navigate to={first?.path ?? '/'} replace />;
}
