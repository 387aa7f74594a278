import type { InventorySettingsView } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import { type DerivedPolicy, derivePolicies, type PolicyDetails, type StoredPolicy } from './plan-model';

export const PLAN_STATE_KEY = 'inventory.plan';

/** What the stored plan was computed from. */
export interface PlanState {
  dataVersion: string;
  asOf: string;
  stockKnown: boolean;
  receivingLocationId: number | null;
  computedAt: string;
  durationMs: number;
}

type Tx = Pick<Database, 'select' | 'insert' | 'delete' | 'update' | 'execute'>;

export async function readPlanState(db: Pick<Database, 'select'>): Promise<PlanState | null> {
  const [row] = await db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(eq(schema.settings.key, PLAN_STATE_KEY));
  return (row?.value as PlanState | undefined) ?? null;
}

export async function writePlanState(db: Pick<Database, 'insert'>, state: PlanState): Promise<void> {
  await db
    .insert(schema.settings)
    .values({ key: PLAN_STATE_KEY, value: state })
    .onConflictDoUpdate({ target: schema.settings.key, set: { value: state, updatedAt: sql`now()` } });
}

export async function readStoredPolicies(db: Pick<Database, 'select'>): Promise<StoredPolicy[]> {
  const rows = await db
    .select({ productId: schema.inventoryPolicies.productId, details: schema.inventoryPolicies.details })
    .from(schema.inventoryPolicies)
    .orderBy(schema.inventoryPolicies.id);
  return rows.map((r) => ({ productId: r.productId, details: r.details as PolicyDetails }));
}

/** Replaces the stored policies: statistics in `details`, the figures at the given settings in the columns. */
export async function replacePolicies(
  tx: Tx,
  stored: readonly StoredPolicy[],
  settings: InventorySettingsView,
  state: Pick<PlanState, 'asOf' | 'dataVersion'>,
): Promise<DerivedPolicy[]> {
  const derived = derivePolicies(stored, settings, state.asOf);
  await tx.delete(schema.inventoryPolicies);
  if (derived.length > 0) {
    await tx.insert(schema.inventoryPolicies).values(derived.map((p) => policyColumns(p, state)));
  }
  return derived;
}

/** Rewrites the figures after a settings change (the statistics stay). */
export async function rewritePolicyFigures(
  tx: Tx,
  settings: InventorySettingsView,
  state: Pick<PlanState, 'asOf' | 'dataVersion'>,
): Promise<DerivedPolicy[]> {
  return replacePolicies(tx, await readStoredPolicies(tx), settings, state);
}

function policyColumns(p: DerivedPolicy, state: Pick<PlanState, 'asOf' | 'dataVersion'>) {
  return {
    productId: p.productId,
    locationId: p.details.locationId,
    abcClass: p.abcClass,
    xyzClass: p.xyzClass,
    serviceLevel: p.policy.serviceLevel,
    demandMean: p.policy.demandMeanPerWeek,
    demandStdDev: p.policy.demandSdPerWeek,
    leadTimeMeanDays: p.details.leadTimeMeanDays,
    leadTimeStdDevDays: p.details.leadTimeSdDays,
    safetyStock: p.policy.safetyStock,
    reorderPoint: p.policy.reorderPoint,
    economicOrderQuantity: p.policy.economicOrderQuantity,
    details: p.details,
    asOf: state.asOf,
    dataVersion: state.dataVersion,
  };
}
