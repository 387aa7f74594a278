import {
  type ApprovalLimitsView,
  approvalLimitsResponse,
  inventorySettingsResponse,
  levelsResponse,
  policiesResponse,
  proposalsResponse,
  proposalView,
  recommendationsResponse,
  recomputeResponse,
  scheduleResponse,
  type UpdateInventorySettingsBody,
} from '@sentia/contracts';
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { fetchFile, fetchJson, sendJson } from '../../api/fetch-json';

/** Every query of the plan shares this root, so one change (approval, setting) refreshes them all. */
export const PLAN_KEY = 'plan';

export const levelsQuery = (search: string) =>
  queryOptions({
    queryKey: [PLAN_KEY, 'levels', search],
    queryFn: ({ signal }) => fetchJson(`/api/inventory/levels?${search}`, levelsResponse, { signal }),
    placeholderData: keepPreviousData,
  });

export const policiesQuery = (search: string) =>
  queryOptions({
    queryKey: [PLAN_KEY, 'policies', search],
    queryFn: ({ signal }) => fetchJson(`/api/inventory/policies?${search}`, policiesResponse, { signal }),
    // A preview keeps the last figures on screen while the next ones load.
    placeholderData: keepPreviousData,
  });

export const inventorySettingsQuery = () =>
  queryOptions({
    queryKey: [PLAN_KEY, 'settings'],
    queryFn: ({ signal }) => fetchJson('/api/inventory/settings', inventorySettingsResponse, { signal }),
  });

export const recommendationsQuery = () =>
  queryOptions({
    queryKey: [PLAN_KEY, 'recommendations'],
    queryFn: ({ signal }) =>
      fetchJson('/api/inventory/recommendations?limit=500', recommendationsResponse, { signal }),
  });

export const proposalsQuery = (status: string) =>
  queryOptions({
    queryKey: [PLAN_KEY, 'proposals', status],
    queryFn: ({ signal }) =>
      fetchJson(`/api/purchase-proposals?limit=500${status ? `&status=${status}` : ''}`, proposalsResponse, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const scheduleQuery = (weeks: number) =>
  queryOptions({
    queryKey: [PLAN_KEY, 'schedule', weeks],
    queryFn: ({ signal }) =>
      fetchJson(`/api/production/schedule?weeks=${weeks}&limit=500`, scheduleResponse, { signal }),
    placeholderData: keepPreviousData,
  });

export function refreshPlan(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: [PLAN_KEY] });
}

export const saveInventorySettings = (body: UpdateInventorySettingsBody) =>
  sendJson('PUT', '/api/inventory/settings', body, inventorySettingsResponse);

export const recompute = () => sendJson('POST', '/api/inventory/recompute', undefined, recomputeResponse);

/** New approval limits (admin:settings); the server re-tiers the open proposals. */
export const saveApprovalLimits = (limits: ApprovalLimitsView) =>
  sendJson('PUT', '/api/purchase-proposals/approval-limits', limits, approvalLimitsResponse);

export const approveProposal = (id: number) =>
  sendJson('POST', `/api/purchase-proposals/${id}/approve`, {}, proposalView);

export const rejectProposal = (id: number, note: string | undefined) =>
  sendJson('POST', `/api/purchase-proposals/${id}/reject`, note ? { note } : {}, proposalView);

export const changeProposalQuantity = (id: number, quantity: number) =>
  sendJson('PATCH', `/api/purchase-proposals/${id}`, { quantity }, proposalView);

/** Downloads the approved proposals as CSV (the server audits the export). */
export async function downloadApprovedCsv(): Promise<void> {
  const { blob, filename } = await fetchFile('/api/purchase-proposals/export.csv');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? 'approved-purchase-proposals.csv';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
