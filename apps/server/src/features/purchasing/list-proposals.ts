import type { ProposalsQuery, ProposalsResponse } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { readPlanState } from '../inventory/plan-store';
import { ensurePlanFresh } from '../inventory/refresh-plan';
import { approvalTiers, readApprovalLimits } from './approval-limits';
import { countProposals, queryProposals, querySupplierGroups } from './queries/query-proposals';

/** The approval queue and history: proposals grouped by supplier, with the tiers that approve them. */
export async function listProposals(
  db: Database,
  query: ProposalsQuery,
  today: string,
): Promise<ProposalsResponse> {
  await ensurePlanFresh(db, today);
  const filters = { status: query.status, supplier: query.supplier };
  const [items, total, suppliers, limits, state] = await Promise.all([
    queryProposals(db, filters, { limit: query.limit, offset: query.offset }),
    countProposals(db, filters),
    querySupplierGroups(db, filters),
    readApprovalLimits(db),
    readPlanState(db),
  ]);
  return {
    items,
    page: { limit: query.limit, offset: query.offset, total },
    suppliers,
    approvalTiers: approvalTiers(limits),
    computedAt: state?.computedAt ?? null,
    demoData: items.some((i) => i.demo),
  };
}
