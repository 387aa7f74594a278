import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './layout';
import { NotFound, RouteError } from './route-error';
import { ROUTES } from './route-table';

/** Each page is React.lazy over its route-table loader, so it ships as its own chunk. */
const pageRoutes: RouteObject[] = ROUTES.map((route) => {
  const Page = lazy(route.load);
  return route.path === '/'
    ? { index: true, element: <Page /> }
    : { path: route.path.slice(1), element: <Page /> };
});

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      element: <Layout />,
      // Outside the shell: only if the shell itself fails.
      errorElement: <RouteError />,
      children: [
        {
          // A page that fails to load or render is reported inside the shell, so navigation stays.
          errorElement: <RouteError />,
          children: [...pageRoutes, { path: '*', element: <NotFound /> }],
        },
      ],
    },
  ]);
}
