/** Where an expired access cookie is renewed from the refresh cookie (path /api/auth). */
export const REFRESH_PATH = '/api/auth/refresh';

/**
 * - renewed: new cookies are set; the call can be sent again
 * - rejected: the session is over (no, expired, revoked or reused refresh token); sign in again
 * - unreachable: the network or server failed; the session may well be fine, so nobody is signed out
 */
export type RenewalOutcome = 'renewed' | 'rejected' | 'unreachable';

export interface SessionRenewalDeps {
  /** Looked up on every use, so tests can stub the global. */
  fetch: () => typeof fetch;
  /**
   * Serialises renewals across browser tabs. Tabs share the cookies, and two tabs sending the same
   * refresh token at once would look like token theft to the server (reuse ends the session).
   */
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
}

export interface SessionRenewal {
  /** Read before sending a request, and pass to `renew` if that request comes back 401. */
  readonly generation: number;
  renew(sentAtGeneration: number): Promise<RenewalOutcome>;
}

/**
 * Single-flight renewal: however many calls fail with 401 together, one refresh request is made
 * and all of them wait for it. A call that was sent before a renewal finished reuses its outcome
 * instead of refreshing again.
 */
export function createSessionRenewal(deps: SessionRenewalDeps): SessionRenewal {
  let generation = 0;
  let last: RenewalOutcome | null = null;
  let inflight: Promise<RenewalOutcome> | null = null;

  async function refresh(): Promise<RenewalOutcome> {
    let response: Response;
    try {
      response = await deps.fetch()(REFRESH_PATH, {
        method: 'POST',
        credentials: 'include',
        // The refresh token travels in its httpOnly cookie; the route still wants a JSON object
        // (an empty POST is refused as a missing body).
        headers: { accept: 'application/json, application/problem+json', 'content-type': 'application/json' },
        body: '{}',
      });
    } catch {
      return 'unreachable';
    }
    if (response.ok) return 'renewed';
    if (response.status >= 500 || response.status === 408 || response.status === 429) return 'unreachable';
    return 'rejected';
  }

  return {
    get generation() {
      return generation;
    },
    renew(sentAtGeneration) {
      if (inflight) return inflight;
      if (generation > sentAtGeneration && last !== null && last !== 'unreachable') {
        return Promise.resolve(last);
      }
      const run = deps.lock ? deps.lock(refresh) : refresh();
      inflight = run
        .catch((): RenewalOutcome => 'unreachable')
        .then((outcome) => {
          generation += 1;
          last = outcome;
          inflight = null;
          return outcome;
        });
      return inflight;
    },
  };
}

/** A Web Locks lock when the browser has them (all current ones do); otherwise no cross-tab lock. */
export function webLock(name: string): <T>(run: () => Promise<T>) => Promise<T> {
  return (run) => {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    // `request` resolves with what the callback's promise resolves with.
    return locks ? (locks.request(name, run) as Promise<Awaited<ReturnType<typeof run>>>) : run();
  };
}
