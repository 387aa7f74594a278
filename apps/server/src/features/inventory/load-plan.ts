import type { DataGap, InventorySettingsView } from '@sentia/contracts';
import type { Database } from '@sentia/db';
import { DATA_GAPS } from '../overview/data-gaps';
import { readInventorySettings } from './inventory-settings';
import { type DerivedPolicy, derivePolicies, type ServiceLevels } from './plan-model';
import { type PlanState, readPlanState, readStoredPolicies } from './plan-store';
import { ensurePlanFresh } from './refresh-plan';

export interface LoadedPlan {
  state: PlanState | null;
  settings: InventorySettingsView;
  policies: DerivedPolicy[];
  demoData: boolean;
  gap: DataGap | undefined;
}

const CATALOGUE_GAP: DataGap = {
  reason: 'No products have been recorded yet.',
  supplyBy: [
    { label: 'Connect Unleashed', href: '/data/connections/unleashed' },
    { label: 'Import products (CSV/XLSX)', href: '/data/imports?kind=products' },
  ],
};

/**
 * The current plan (recomputed first when the data changed), with its policies derived at the saved
 * service levels or at `serviceLevels` for a preview, and what data is missing if any.
 */
export async function loadPlan(
  db: Database,
  today: string,
  serviceLevels?: ServiceLevels,
): Promise<LoadedPlan> {
  return planOf(db, await ensurePlanFresh(db, today), serviceLevels);
}

/**
 * The plan as last computed, never recomputed: for readers that must not write (the cash forecast,
 * whose scenarios change nothing stored). It is as fresh as the last inventory read or data change.
 */
export async function readStoredPlan(db: Database): Promise<LoadedPlan> {
  return planOf(db, await readPlanState(db));
}

async function planOf(
  db: Database,
  state: PlanState | null,
  serviceLevels?: ServiceLevels,
): Promise<LoadedPlan> {
  const [{ settings }, stored] = await Promise.all([readInventorySettings(db), readStoredPolicies(db)]);
  const policies = state
    ? derivePolicies(stored, settings, state.asOf, serviceLevels ?? settings.serviceLevels)
    : [];
  const hasDemand = stored.some((s) => s.details.weeklyForecast.some((v) => v > 0));
  const gap =
    stored.length === 0
      ? CATALOGUE_GAP
      : !state?.stockKnown
        ? DATA_GAPS.stock
        : !hasDemand
          ? DATA_GAPS.sales
          : undefined;
  return { state, settings, policies, demoData: policies.some((p) => p.details.demo), gap };
}

export function paginate<T>(rows: readonly T[], limit: number, offset: number) {
  return { items: rows.slice(offset, offset + limit), page: { limit, offset, total: rows.length } };
}
