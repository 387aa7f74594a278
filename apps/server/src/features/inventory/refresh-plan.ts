import type { UpdateInventorySettingsBody } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { eq, sql } from 'drizzle-orm';
import { ValidationError } from '../../platform/errors';
import type { Actor } from '../audit/record-audit';
import { regenerateProposals } from '../purchasing/regenerate-proposals';
import { buildPlanStatistics } from './build-plan-statistics';
import { readInventorySettings, writeInventorySettings } from './inventory-settings';
import {
  type PlanState,
  readPlanState,
  replacePolicies,
  rewritePolicyFigures,
  writePlanState,
} from './plan-store';
import { queryPlanDataVersion } from './queries/query-data-version';

export interface RefreshResult {
  refreshed: boolean;
  state: PlanState | null;
  policies: number;
  proposals: number;
}

/** Concurrent refreshes (several replicas, several requests) wait for one another instead of racing. */
const PLAN_LOCK = sql`select pg_advisory_xact_lock(hashtext('sentia.inventory.plan'))`;

/**
 * Recomputes the plan when the data it was computed from has changed (or when `force`d): demand
 * statistics and policies for every SKU and location, then the purchase proposals. One transaction under
 * an advisory lock, so readers see the old plan or the new one, and a plan computed by another process
 * while this one waited is not computed twice.
 */
export async function refreshPlan(
  db: Database,
  options: { today: string; force?: boolean },
): Promise<RefreshResult> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    await tx.execute(PLAN_LOCK);
    const dataVersion = await queryPlanDataVersion(tx);
    const current = await readPlanState(tx);
    if (!options.force && current?.dataVersion === dataVersion) {
      return { refreshed: false, state: current, policies: 0, proposals: 0 };
    }
    const { settings } = await readInventorySettings(tx);
    const statistics = await buildPlanStatistics(tx, settings, options.today);
    const state: PlanState = {
      dataVersion,
      asOf: statistics.asOf,
      stockKnown: statistics.stockKnown,
      receivingLocationId: statistics.receivingLocationId,
      computedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
    };
    const derived = await replacePolicies(tx, statistics.policies, settings, state);
    const proposals = await regenerateProposals(tx, derived, state);
    await writePlanState(tx, state);
    return { refreshed: true, state, policies: derived.length, proposals };
  });
}

/** The stored plan, recomputed first if the data changed since. */
export async function ensurePlanFresh(db: Database, today: string): Promise<PlanState | null> {
  const current = await readPlanState(db);
  if (current && current.dataVersion === (await queryPlanDataVersion(db))) return current;
  return (await refreshPlan(db, { today })).state;
}

/**
 * Saves a settings change (audited) and applies it at once: the policy figures are derived again from the
 * stored forecasts (no new forecast is needed), then the open proposals follow. A change to the ABC window
 * or the receiving location needs the statistics again, so those recompute the plan.
 */
export async function changeInventorySettings(
  db: Database,
  actor: Actor,
  change: UpdateInventorySettingsBody,
  today: string,
) {
  const result = await db.transaction(async (tx) => {
    await tx.execute(PLAN_LOCK);
    // An unknown code would silently fall back to the first warehouse: refuse it beside the field.
    if (change.receivingLocationCode) {
      const [known] = await tx
        .select({ id: schema.locations.id })
        .from(schema.locations)
        .where(eq(schema.locations.code, change.receivingLocationCode));
      if (!known) {
        throw new ValidationError('The receiving location is not known', [
          { field: 'body.receivingLocationCode', message: 'No location has this code' },
        ]);
      }
    }
    const { before, after } = await writeInventorySettings(tx, actor, change);
    const needsStatistics =
      before.abcWindowDays !== after.abcWindowDays ||
      before.receivingLocationCode !== after.receivingLocationCode;
    const state = await readPlanState(tx);
    if (state && !needsStatistics) {
      const derived = await rewritePolicyFigures(tx, after, state);
      await regenerateProposals(tx, derived, state);
    }
    return { settings: after, needsStatistics: needsStatistics || !state };
  });
  if (result.needsStatistics) await refreshPlan(db, { today, force: true });
  return result.settings;
}
