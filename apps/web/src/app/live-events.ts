import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Which cached reads each live-update event (GET /api/events) makes stale. `data.changed` (a sync,
 * import, forecast or refresh finished) refreshes every figure on screen; the others are targeted.
 */
export const EVENT_INVALIDATIONS: Record<string, readonly QueryKey[] | 'all'> = {
  'data.changed': 'all',
  resync: 'all',
  'flags.changed': [['features'], ['admin', 'feature-flags']],
  'maintenance.changed': [['status'], ['admin', 'maintenance']],
  'alert.fired': [['system', 'alerts']],
  'alert.resolved': [['system', 'alerts']],
  'job.completed': [
    ['system', 'queues'],
    ['system', 'syncs'],
  ],
  'job.failed': [
    ['system', 'queues'],
    ['system', 'syncs'],
  ],
};

export function applyLiveEvent(queryClient: QueryClient, type: string): void {
  const keys = EVENT_INVALIDATIONS[type];
  if (!keys) return;
  if (keys === 'all') {
    void queryClient.invalidateQueries();
    return;
  }
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
}

/** Waits before opening a new stream after the browser gave up on one (signed out, server gone). */
export const RECONNECT_AFTER_MS = 10_000;
