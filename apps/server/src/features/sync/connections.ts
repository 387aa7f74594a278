import { randomUUID } from 'node:crypto';
import type { ConnectionDetailResponse, ConnectionsResponse, StartSyncResponse } from '@sentia/contracts';
import { queryRows } from '@sentia/db';
import { DEFAULT_DEMO_SEED } from '@sentia/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import { findDemoLoad } from '../demo/demo-settings';
import { toConnectionView } from './connection-views';
import {
  findConnectorStates,
  getConnectorState,
  markRunRequested,
  type SandboxDataset,
  setSandbox,
} from './connector-state';
import { syncRunJob } from './jobs';
import { CONNECTORS, getConnector } from './registry';
import { syncSchedulerFor } from './schedules';
import { clearCursors } from './sync-run-store';
import { findRun, queryLatestRuns, queryRuns, queuedRunView } from './sync-run-views';

const HISTORY = 25;

export async function listConnections(ctx: AppContext, canManage: boolean): Promise<ConnectionsResponse> {
  const [states, runs, schedules] = await Promise.all([
    findConnectorStates(ctx.db),
    queryLatestRuns(ctx.db),
    syncSchedulerFor(ctx).schedules(),
  ]);
  const connections = await Promise.all(
    CONNECTORS.map((definition) =>
      toConnectionView(ctx, definition, {
        state: states.get(definition.name),
        runs: runs.get(definition.name),
        schedule: schedules.find((s) => s.connector === definition.name),
        canManage,
      }),
    ),
  );
  return { connections, runner: ctx.jobs.kind };
}

export async function getConnection(
  ctx: AppContext,
  name: string,
  canManage: boolean,
): Promise<ConnectionDetailResponse> {
  const definition = getConnector(name);
  const [state, runs, latest, schedules] = await Promise.all([
    getConnectorState(ctx.db, name),
    queryRuns(ctx.db, name, HISTORY),
    queryLatestRuns(ctx.db),
    syncSchedulerFor(ctx).schedules(),
  ]);
  const connection = await toConnectionView(ctx, definition, {
    state,
    runs: latest.get(name),
    schedule: schedules.find((s) => s.connector === name),
    canManage,
  });
  return { connection, runs };
}

/** One run as the page polls it: queued (asked for, not started), running, or finished. */
export async function getSyncRun(ctx: AppContext, name: string, runId: string) {
  getConnector(name);
  const run = await findRun(ctx.db, name, runId);
  if (run) return run;
  const state = await getConnectorState(ctx.db, name);
  if (state.pendingRunId === runId && state.pendingRequestedAt) {
    return queuedRunView(name, runId, state.pendingRequestedAt, state.sandbox);
  }
  throw new NotFoundError(`No sync run ${runId} of ${name}.`);
}

/**
 * "Sync now": queues a run of the connector unless one is already queued or under way (then that
 * one is returned, so two clicks or two people never start two runs).
 */
export async function startSync(
  ctx: AppContext,
  actor: Actor,
  name: string,
  mode: 'full' | 'incremental',
): Promise<StartSyncResponse> {
  const definition = getConnector(name);
  const configuration = await definition.configuration(ctx);
  if (configuration.state === 'not_configured') {
    throw new ConflictError(`${definition.label} is not configured: ${configuration.detail}`);
  }
  const [state, latest] = await Promise.all([getConnectorState(ctx.db, name), queryLatestRuns(ctx.db)]);
  const running = latest.get(name)?.running;
  if (running) return { run: running, alreadyRunning: true };
  if (
    state.pendingRunId &&
    state.pendingRequestedAt &&
    Date.now() - state.pendingRequestedAt.getTime() < 10 * 60_000
  ) {
    return {
      run: queuedRunView(
        name,
        state.pendingRunId,
        state.pendingRequestedAt,
        configuration.state === 'sandbox',
      ),
      alreadyRunning: true,
    };
  }
  const runId = randomUUID();
  await markRunRequested(ctx.db, name, runId, actor.userId);
  await ctx.jobs.enqueue(syncRunJob, {
    connector: name,
    runId,
    mode,
    trigger: 'manual',
    requestedBy: actor.userId,
  });
  ctx.logger.info({ connector: name, runId, mode, by: actor.label }, 'sync requested');
  return {
    run: queuedRunView(name, runId, new Date(), configuration.state === 'sandbox'),
    alreadyRunning: false,
  };
}

/**
 * Points a connector at its local simulator (or back). The sandbox serves the demo business — the
 * same seed and period as the demo data loaded into this database — and its records are written as
 * `source = 'demo'`, so they update the demo's own rows instead of adding a second copy. Switching
 * either way forgets the connector's cursors (another account, another history).
 */
export async function setSandboxConnection(ctx: AppContext, actor: Actor, name: string, enabled: boolean) {
  const definition = getConnector(name);
  if (!definition.sandboxAvailable) {
    throw new ValidationError(`${definition.label} has no sandbox.`, [
      { field: 'body.enabled', message: 'no sandbox' },
    ]);
  }
  const before = await getConnectorState(ctx.db, name);
  let dataset: SandboxDataset | null = null;
  if (enabled)
    dataset = before.sandbox && before.sandboxDataset ? before.sandboxDataset : await sandboxDataset(ctx);
  await ctx.db.transaction(async (transaction) => {
    const tx = transaction as unknown as AppContext['db'];
    await setSandbox(tx, name, { enabled, dataset });
    if (before.sandbox !== enabled) await clearCursors(tx, name);
    await recordAudit(tx, actor, {
      action: 'connector-credentials.changed',
      targetType: 'connector',
      targetId: name,
      before: { sandbox: before.sandbox },
      after: { sandbox: enabled, ...(dataset ? { dataset } : {}) },
    });
  });
  await syncSchedulerFor(ctx).reconcile(ctx);
  return getConnection(ctx, name, true);
}

/** The demo data set the sandbox must reproduce: the one loaded here, else a fresh 90-day one. */
async function sandboxDataset(ctx: AppContext): Promise<SandboxDataset> {
  const loaded = await findDemoLoad(ctx.db);
  if (loaded) return { seed: loaded.seed, endDate: loaded.endDate, days: loaded.days };
  const [loading] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from sync_runs where connector = 'demo' and status = 'running' limit 1`,
  );
  if (loading) {
    throw new ConflictError(
      'The demo data set is still loading: switch the sandbox on once it has finished.',
    );
  }
  return { seed: DEFAULT_DEMO_SEED, endDate: new Date().toISOString().slice(0, 10), days: 90 };
}
