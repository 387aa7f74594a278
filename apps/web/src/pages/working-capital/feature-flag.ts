/**
 * Whether the working-capital page belongs in the navigation. The server's answer comes from
 * GET /api/working-capital/feature (FEATURE_WORKING_CAPITAL today; run-time overrides later); until
 * it arrives the default is shown (the feature is on by default). When the answer differs, the
 * router is asked to re-render the shell (a same-location history pop), so the link disappears at
 * once rather than on the next navigation.
 */
let enabled = true;
let requested = false;

export function workingCapitalInNav(): boolean {
  if (!requested && typeof window !== 'undefined' && typeof fetch === 'function') {
    requested = true;
    void fetch('/api/working-capital/feature', {
      credentials: 'include',
      headers: { accept: 'application/json' },
    })
      .then((response) => (response.ok ? (response.json() as Promise<{ enabled?: unknown }>) : null))
      .then((body) => {
        if (body && typeof body.enabled === 'boolean' && body.enabled !== enabled) {
          enabled = body.enabled;
          window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
        }
      })
      .catch(() => {
        // Offline or signed out: keep the default; the page itself reports a switched-off feature.
      });
  }
  return enabled;
}
