import {
  type AuditQuery,
  adminUsersResponse,
  auditPage,
  maintenanceState,
  meResponse,
  rolesResponse,
  sessionsResponse,
} from '@sentia/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';

/**
 * Who is signed in. Loaded once per visit: sign-in and sign-out clear the whole cache, and the
 * server checks every call anyway, so a role changed meanwhile is refused there, not trusted here.
 */
export const meQuery = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => fetchJson('/api/auth/me', meResponse, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });

export const sessionsQuery = () =>
  queryOptions({
    queryKey: ['auth', 'sessions'],
    queryFn: ({ signal }) => fetchJson('/api/auth/sessions', sessionsResponse, { signal }),
    staleTime: 0,
  });

export const adminUsersQuery = () =>
  queryOptions({
    queryKey: ['admin', 'users'],
    queryFn: ({ signal }) => fetchJson('/api/admin/users', adminUsersResponse, { signal }),
    staleTime: 0,
  });

/** Roles change only with a migration. */
export const rolesQuery = () =>
  queryOptions({
    queryKey: ['admin', 'roles'],
    queryFn: ({ signal }) => fetchJson('/api/admin/roles', rolesResponse, { signal }),
    staleTime: 10 * 60_000,
  });

export const maintenanceQuery = () =>
  queryOptions({
    queryKey: ['admin', 'maintenance'],
    queryFn: ({ signal }) => fetchJson('/api/admin/maintenance', maintenanceState, { signal }),
    staleTime: 0,
  });

export type AuditFilters = Pick<AuditQuery, 'from' | 'to' | 'actor' | 'action'>;
export const AUDIT_PAGE_SIZE = 100;
/** The most entries one CSV download holds (the API's limit). */
export const AUDIT_EXPORT_LIMIT = 10_000;

/** The audit log API address for these filters (empty ones left out). */
export function auditPath(
  filters: AuditFilters,
  extra: { before?: number; limit?: number; format?: 'json' | 'csv' } = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== null && String(value).trim() !== '') {
      params.set(key, String(value).trim());
    }
  }
  return `/api/admin/audit?${params.toString()}`;
}

/** Newest first, one page at a time; "older" pages continue from the last id seen (keyset). */
export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ signal, pageParam }) =>
      fetchJson(
        auditPath(filters, { limit: AUDIT_PAGE_SIZE, ...(pageParam ? { before: pageParam } : {}) }),
        auditPage,
        { signal },
      ),
    initialPageParam: 0,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    staleTime: 0,
  });
