import { type Database, queryRows, schema } from '@sentia/db';
import { sql } from 'drizzle-orm';

/** Failed runs in a row after which a connector is marked degraded (until a run succeeds). */
export const DEGRADED_AFTER_FAILURES = 3;

export interface ConnectorState {
  connector: string;
  sandbox: boolean;
  sandboxDataset: SandboxDataset | null;
  consecutiveFailures: number;
  degradedSince: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
  pendingRunId: string | null;
  pendingRequestedAt: Date | null;
}

/** The demo data set a sandbox serves: the loaded demo's seed and period, so it matches row for row. */
export interface SandboxDataset {
  seed: number;
  endDate: string;
  days: number;
}

const EMPTY = (connector: string): ConnectorState => ({
  connector,
  sandbox: false,
  sandboxDataset: null,
  consecutiveFailures: 0,
  degradedSince: null,
  lastError: null,
  lastErrorAt: null,
  lastSuccessAt: null,
  pendingRunId: null,
  pendingRequestedAt: null,
});

export async function findConnectorStates(db: Database): Promise<Map<string, ConnectorState>> {
  const rows = await db.select().from(schema.connectorStates);
  return new Map(
    rows.map((r) => [
      r.connector,
      {
        connector: r.connector,
        sandbox: r.sandbox,
        sandboxDataset: (r.sandboxDataset as SandboxDataset | null) ?? null,
        consecutiveFailures: r.consecutiveFailures,
        degradedSince: r.degradedSince,
        lastError: r.lastError,
        lastErrorAt: r.lastErrorAt,
        lastSuccessAt: r.lastSuccessAt,
        pendingRunId: r.pendingRunId,
        pendingRequestedAt: r.pendingRequestedAt,
      },
    ]),
  );
}

export async function getConnectorState(db: Database, connector: string): Promise<ConnectorState> {
  return (await findConnectorStates(db)).get(connector) ?? EMPTY(connector);
}

/** A run succeeded: failures reset, degraded cleared. */
export async function recordSyncSuccess(db: Database, connector: string): Promise<void> {
  await db
    .insert(schema.connectorStates)
    .values({ connector, lastSuccessAt: sql`now()` as unknown as Date })
    .onConflictDoUpdate({
      target: schema.connectorStates.connector,
      set: { consecutiveFailures: 0, degradedSince: null, lastSuccessAt: sql`now()`, updatedAt: sql`now()` },
    });
}

/** A run failed for good (retries spent): counted, and the connector degraded after repeated failures. */
export async function recordSyncFailure(
  db: Database,
  connector: string,
  error: string,
): Promise<ConnectorState> {
  const message = error.slice(0, 2000);
  await queryRows(
    db,
    sql`insert into connector_states (connector, consecutive_failures, last_error, last_error_at, degraded_since)
        values (${connector}, 1, ${message}, now(), ${DEGRADED_AFTER_FAILURES <= 1 ? sql`now()` : sql`null`})
        on conflict (connector) do update set
          consecutive_failures = connector_states.consecutive_failures + 1,
          last_error = excluded.last_error,
          last_error_at = now(),
          degraded_since = case
            when connector_states.consecutive_failures + 1 >= ${DEGRADED_AFTER_FAILURES}
              then coalesce(connector_states.degraded_since, now())
            else connector_states.degraded_since end,
          updated_at = now()
        returning connector`,
  );
  return getConnectorState(db, connector);
}

/** Remembers a "sync now" until a worker starts it (the page shows it as queued). */
export async function markRunRequested(
  db: Database,
  connector: string,
  runId: string,
  requestedBy: string | null,
): Promise<void> {
  const values = { pendingRunId: runId, pendingRequestedAt: new Date(), pendingRequestedBy: requestedBy };
  await db
    .insert(schema.connectorStates)
    .values({ connector, ...values })
    .onConflictDoUpdate({
      target: schema.connectorStates.connector,
      set: { ...values, updatedAt: sql`now()` },
    });
}

export async function clearRunRequest(db: Database, connector: string, runId: string): Promise<void> {
  await db.execute(
    sql`update connector_states set pending_run_id = null, pending_requested_at = null, pending_requested_by = null
        where connector = ${connector} and pending_run_id = ${runId}`,
  );
}

export async function setSandbox(
  db: Database,
  connector: string,
  sandbox: { enabled: boolean; dataset: SandboxDataset | null },
): Promise<void> {
  const values = { sandbox: sandbox.enabled, sandboxDataset: sandbox.dataset };
  await db
    .insert(schema.connectorStates)
    .values({ connector, ...values })
    .onConflictDoUpdate({
      target: schema.connectorStates.connector,
      set: { ...values, consecutiveFailures: 0, degradedSince: null, updatedAt: sql`now()` },
    });
}
