import {
  alertsResponse,
  featureFlagsResponse,
  queuesStatusResponse,
  syncStatusResponse,
} from '@sentia/contracts';
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../api/fetch-json';
import { STATUS_REFRESH_MS } from '../../api/queries';

/**
 * The System page's reads. Live updates (job, alert, flag and data events over /api/events)
 * refresh them at once; the interval is the fallback when the event stream is down.
 */
export const SYSTEM_KEYS = {
  queues: ['system', 'queues'],
  syncs: ['system', 'syncs'],
  alerts: ['system', 'alerts'],
  flags: ['admin', 'feature-flags'],
} as const;

export const queuesQuery = () =>
  queryOptions({
    queryKey: SYSTEM_KEYS.queues,
    queryFn: ({ signal }) => fetchJson('/api/queues/status', queuesStatusResponse, { signal }),
    staleTime: 0,
    refetchInterval: STATUS_REFRESH_MS,
  });

export const syncsQuery = () =>
  queryOptions({
    queryKey: SYSTEM_KEYS.syncs,
    queryFn: ({ signal }) => fetchJson('/api/system/syncs', syncStatusResponse, { signal }),
    staleTime: 0,
    refetchInterval: 60_000,
  });

export const alertsQuery = () =>
  queryOptions({
    queryKey: SYSTEM_KEYS.alerts,
    queryFn: ({ signal }) => fetchJson('/api/alerts', alertsResponse, { signal }),
    staleTime: 0,
    refetchInterval: 30_000,
  });

export const featureFlagsQuery = () =>
  queryOptions({
    queryKey: SYSTEM_KEYS.flags,
    queryFn: ({ signal }) => fetchJson('/api/admin/feature-flags', featureFlagsResponse, { signal }),
    staleTime: 0,
  });
