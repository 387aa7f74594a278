import type { AuditFilters } from '../../api/auth-queries';

/**
 * The audit page keeps its filters in its own URL parameters (bookmarkable), named apart from the
 * global filter bar's `from`/`to` so the dashboard period never leaks into them or back.
 */
const PARAMS = { from: 'since', to: 'until', actor: 'actor', action: 'action' } as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditFiltersFromParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  const from = params.get(PARAMS.from);
  const to = params.get(PARAMS.to);
  const actor = params.get(PARAMS.actor)?.trim();
  const action = params.get(PARAMS.action)?.trim();
  if (from && ISO_DAY.test(from)) filters.from = from;
  if (to && ISO_DAY.test(to)) filters.to = to;
  if (actor) filters.actor = actor.slice(0, 254);
  if (action) filters.action = action.slice(0, 100);
  return filters;
}

/** Writes the filters over `previous`, keeping any other parameters (e.g. the global ones). */
export function auditFiltersToParams(filters: AuditFilters, previous: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(previous);
  for (const [key, param] of Object.entries(PARAMS) as [keyof AuditFilters, string][]) {
    const value = filters[key]?.trim();
    if (value) next.set(param, value);
    else next.delete(param);
  }
  return next;
}

/** Field-level problems with a filter draft before it is applied. */
export function validateAuditFilters(filters: AuditFilters): Record<string, string> {
  const errors: Record<string, string> = {};
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = 'The end date is before the start date.';
  }
  return errors;
}

/** Actions the server records, offered as suggestions; the filter matches the start, so "users." finds them all. */
export const AUDIT_ACTION_SUGGESTIONS = [
  'auth.',
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.login.locked',
  'auth.logout',
  'auth.refresh.reuse-detected',
  'auth.session.revoked',
  'users.',
  'users.created',
  'users.role-changed',
  'users.disabled',
  'users.enabled',
  'maintenance.',
  'settings.changed',
  'feature-flags.changed',
  'data.exported',
  'connector-credentials.',
  'purchase-proposals.',
] as const;

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What an entry changed, one line per field: "role: viewer → planner". Values that stayed the same
 * are left out; an entry with only an "after" lists what was recorded.
 */
export function describeChange(before: unknown, after: unknown): string[] {
  if (before == null && after == null) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${key}: ${show(before[key])} → ${show(after[key])}`);
  }
  if (before == null && isRecord(after)) {
    return Object.entries(after).map(([key, value]) => `${key}: ${show(value)}`);
  }
  return [`${show(before)} → ${show(after)}`];
}
