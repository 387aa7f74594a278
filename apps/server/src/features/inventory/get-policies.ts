import type { PoliciesQuery, PoliciesResponse, SafetyStockTotals } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { abcXyzMatrix } from '@sentia/domain';
import { loadPlan, paginate } from './load-plan';
import { type DerivedPolicy, derivePolicies, policyView } from './plan-model';
import { readStoredPolicies } from './plan-store';

/**
 * Policies of one scope (network-wide by default, or one location), with the ABC × XYZ matrix and the
 * safety-stock totals at the saved service levels and at the ones applied — so a preview shows at once
 * what another choice would cost.
 */
export async function getPolicies(
  db: Database,
  query: PoliciesQuery,
  today: string,
): Promise<PoliciesResponse> {
  const base = await loadPlan(db, today);
  const saved = base.settings.serviceLevels;
  const applied = {
    A: query.serviceA ?? saved.A,
    B: query.serviceB ?? saved.B,
    C: query.serviceC ?? saved.C,
  };
  const preview = applied.A !== saved.A || applied.B !== saved.B || applied.C !== saved.C;
  const policies =
    preview && base.state
      ? derivePolicies(await readStoredPolicies(db), base.settings, base.state.asOf, applied)
      : base.policies;
  const inScope = (p: DerivedPolicy) =>
    query.location === 'network' ? p.details.locationId === null : p.details.locationCode === query.location;
  const scoped = policies.filter(inScope);
  const savedScoped = base.policies.filter(inScope);
  const rows = scoped
    .filter((p) => !query.sku || p.details.sku === query.sku)
    .filter((p) => !query.abc || p.abcClass === query.abc)
    .sort((a, b) => a.abcClass.localeCompare(b.abcClass) || a.details.sku.localeCompare(b.details.sku));
  const network = base.policies.filter((p) => p.details.locationId === null);
  return {
    asOf: base.state?.asOf ?? null,
    computedAt: base.state?.computedAt ?? null,
    demoData: base.demoData,
    ...(base.gap ? { gap: base.gap } : {}),
    serviceLevels: applied,
    savedServiceLevels: saved,
    preview,
    matrix: abcXyzMatrix(network.map((p) => ({ abc: p.abcClass, xyz: p.xyzClass }))),
    totals: { saved: totals(savedScoped), applied: totals(scoped) },
    ...paginate(rows.map(policyView), query.limit, query.offset),
  };
}

function totals(policies: readonly DerivedPolicy[]): SafetyStockTotals {
  return {
    safetyStockUnits: policies.reduce((s, p) => s + p.policy.safetyStock, 0),
    safetyStockValueGbpMinor: policies.reduce((s, p) => s + p.policy.safetyStockValueGbpMinor, 0),
    holdingCostGbpMinor: policies.reduce((s, p) => s + p.policy.safetyStockHoldingCostGbpMinor, 0),
  };
}
