import {
  connectionDetailResponse,
  connectionsResponse,
  credentialsResponse,
  type StartSyncBody,
  startSyncResponse,
  syncRunView,
} from '@sentia/contracts';
import { queryOptions } from '@tanstack/react-query';
import { fetchJson, sendJson } from '../../api/fetch-json';
import { isFinished } from './connections-model';

/** A run is polled every second until it finishes (server-sent events will replace this). */
export const RUN_POLL_MS = 1_000;
/** The list refreshes every few seconds while any connection has a run queued or under way. */
const ACTIVE_LIST_POLL_MS = 2_000;

export const connectionsQuery = () =>
  queryOptions({
    queryKey: ['connections'],
    queryFn: ({ signal }) => fetchJson('/api/connections', connectionsResponse, { signal }),
    refetchInterval: (query) =>
      query.state.data?.connections.some((c) => c.activeRun) ? ACTIVE_LIST_POLL_MS : 30_000,
  });

export const connectionQuery = (name: string) =>
  queryOptions({
    queryKey: ['connections', name],
    queryFn: ({ signal }) => fetchJson(`/api/connections/${name}`, connectionDetailResponse, { signal }),
    refetchInterval: (query) => (query.state.data?.connection.activeRun ? ACTIVE_LIST_POLL_MS : 30_000),
  });

export const syncRunQuery = (connector: string, runId: string) =>
  queryOptions({
    queryKey: ['connections', connector, 'runs', runId],
    queryFn: ({ signal }) =>
      fetchJson(`/api/connections/${connector}/runs/${runId}`, syncRunView, { signal }),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : RUN_POLL_MS),
  });

export const credentialsQuery = (name: string) =>
  queryOptions({
    queryKey: ['connections', name, 'credentials'],
    queryFn: ({ signal }) =>
      fetchJson(`/api/connections/${name}/credentials`, credentialsResponse, { signal }),
    staleTime: 0,
    gcTime: 0,
  });

export function startSync(name: string, body: StartSyncBody = {}) {
  return sendJson('POST', `/api/connections/${name}/sync`, body, startSyncResponse);
}

export function setSandbox(name: string, enabled: boolean) {
  return sendJson('PUT', `/api/connections/${name}/sandbox`, { enabled }, connectionDetailResponse);
}

export function saveCredentials(name: string, values: Record<string, string | null>) {
  return sendJson('PUT', `/api/connections/${name}/credentials`, { values }, credentialsResponse);
}
