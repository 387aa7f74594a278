import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { SIGN_IN_PATH } from '../api/sign-in-path';
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

/** Outside the shell: no navigation, no "who am I" — it is where people without a session land. */
const SignInPage = lazy(() => import('../pages/sign-in/sign-in-page'));

export function createRouter() {
  return createBrowserRouter([
    {
      path: SIGN_IN_PATH,
      element: (
        <Suspense fallback={null}>
          <SignInPage />
        </Suspense>
      ),
      errorElement: <RouteError />,
    },
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
