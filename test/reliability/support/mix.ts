import { clientAddress, type SignInAccounts } from './accounts';
import type { LoadTarget } from './load';

/**
 * The realistic mix of the reliability load: the pages people open every morning (overview and its
 * filters, forecasts, inventory, working capital — those that exist in this build), who-am-I and
 * status polls, and a trickle of sign-ins (argon2id is deliberately expensive).
 */
export async function realisticMix(baseUrl: string, accessToken: string, accounts: SignInAccounts) {
  const auth = { authorization: `Bearer ${accessToken}` };
  const document = (await (await fetch(`${baseUrl}/api/docs/json`)).json()) as {
    paths: Record<string, unknown>;
  };
  const optional = [
    '/api/forecasts',
    '/api/inventory/levels',
    '/api/working-capital/summary',
    '/api/cash-forecast',
  ];
  const mix: LoadTarget[] = [
    { method: 'GET', path: '/api/overview', headers: auth, weight: 6 },
    { method: 'GET', path: '/api/overview/filters', headers: auth, weight: 2 },
    { method: 'GET', path: '/api/auth/me', headers: auth, weight: 3 },
    { method: 'GET', path: '/api/status', weight: 1 },
    ...optional
      .filter((path) => path in document.paths)
      .map((path) => ({ method: 'GET' as const, path, headers: auth, weight: 3 })),
  ];
  const weightSoFar = mix.reduce((sum, t) => sum + t.weight, 0);
  // About 1% of requests are sign-ins: each by another person from another address (the limits
  // per account and per address would rightly refuse one account signing in over and over).
  const signInWeight = Math.max(1, Math.round(weightSoFar / 99));
  // Counted over every run with these accounts (a run's own count starts again at 0): a series of
  // runs must not sign the same few people in again and again and meet their limits.
  mix.push({
    method: 'POST',
    path: '/api/auth/login',
    weight: signInWeight,
    vary: () => {
      const use = accounts.nextUse();
      return {
        headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress(use) },
        body: JSON.stringify({
          email: accounts.emails[use % accounts.emails.length],
          password: accounts.password,
          mode: 'token',
        }),
      };
    },
  });
  return mix;
}
