import { type AppRoute, ROUTES } from '../../app/route-table';

/** The admin pages, from the route table: the entries one level below "Admin". */
export function adminSections(): AppRoute[] {
  return ROUTES.filter((route) => route.parent === 'admin');
}
