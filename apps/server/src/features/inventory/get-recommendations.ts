import type { RecommendationRow, RecommendationsResponse } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { projectStockOut, proposeReplenishment } from '@sentia/domain';
import { inArray, sql } from 'drizzle-orm';
import { proposalAmounts } from '../purchasing/proposal-amounts';
import { loadPlan, paginate } from './load-plan';
import { addDays } from './plan-model';

/**
 * What to replenish now, network-wide per SKU: bought SKUs (with their open purchase proposal) and SKUs
 * made on a line, each netted against on hand − allocated + inbound (+ approved purchases not yet
 * ordered), with the reasons, quantity after MOQ and pack rounding, and the money it commits.
 */
export async function getRecommendations(
  db: Database,
  query: { supply?: 'purchase' | 'production' | undefined; limit: number; offset: number },
  today: string,
): Promise<RecommendationsResponse> {
  const plan = await loadPlan(db, today);
  const p = schema.purchaseProposals;
  const proposals = await db
    .select({ id: p.id, productId: p.productId, status: p.status, quantity: p.quantity })
    .from(p)
    .where(inArray(p.status, ['proposed', 'approved']))
    .orderBy(sql`${p.id}`);
  const rows: RecommendationRow[] = [];
  for (const policy of plan.policies) {
    const d = policy.details;
    if (d.locationId !== null || !plan.state?.stockKnown) continue;
    if (query.supply && d.supply !== query.supply) continue;
    const mine = proposals.filter((x) => x.productId === policy.productId);
    const approvedNotOrdered = mine
      .filter((x) => x.status === 'approved')
      .reduce((s, x) => s + x.quantity, 0);
    const open = mine.find((x) => x.status === 'proposed');
    const position = policy.position + approvedNotOrdered;
    const stockOutDate = projectStockOut({
      startStock: position,
      asOf: plan.state.asOf,
      weeklyDemand: d.weeklyForecast,
    });
    const expectedArrival = addDays(plan.state.asOf, Math.ceil(d.leadTimeMeanDays));
    const need = proposeReplenishment({
      position,
      reorderPoint: policy.policy.reorderPoint,
      orderQuantity: policy.policy.orderQuantity,
      moq: d.moq,
      packSize: d.packSize,
      stockOutDate,
      latestArrival: expectedArrival,
    });
    if (!need) continue;
    const quantity = open?.quantity ?? need.quantity;
    const { amount, amountGbp } = proposalAmounts(quantity, d.unitCostMinor, d.unitCostGbpMinor);
    rows.push({
      sku: d.sku,
      productName: d.productName,
      supply: d.supply,
      supplierCode: d.supplierCode,
      lineCode: d.supply === 'production' ? d.lineCode : null,
      onHand: d.onHand,
      allocated: d.allocated,
      inbound: d.inbound,
      approvedNotOrdered,
      position,
      safetyStock: policy.policy.safetyStock,
      reorderPoint: policy.policy.reorderPoint,
      orderQuantity: policy.policy.orderQuantity,
      quantity,
      reasons: need.reasons,
      stockOutDate,
      expectedArrival,
      amountMinor: amount,
      currency: d.costCurrency,
      amountGbpMinor: amountGbp,
      proposalId: open?.id ?? null,
    });
  }
  rows.sort(
    (a, b) =>
      (a.stockOutDate ?? '9999').localeCompare(b.stockOutDate ?? '9999') || a.sku.localeCompare(b.sku),
  );
  return {
    asOf: plan.state?.asOf ?? null,
    computedAt: plan.state?.computedAt ?? null,
    demoData: plan.demoData,
    ...(plan.gap ? { gap: plan.gap } : {}),
    ...paginate(rows, query.limit, query.offset),
  };
}
