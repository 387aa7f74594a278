import { type Database, executeCount, queryRows, schema } from '@sentia/db';
import { and, eq, sql } from 'drizzle-orm';
import type { SyncMode } from './connector';

/** A run whose heartbeat is older than this was interrupted (its worker died) and may be taken over. */
export const STALE_RUN_MS = 120_000;

export type ClaimResult =
  | { claimed: true; resumedFrom: string | null }
  | { claimed: false; activeRunId: string };

/**
 * Makes `runId` the connector's one running sync. Under a per-connector advisory lock: a running
 * sync whose heartbeat went stale is marked failed ("interrupted") — its cursors stay, so this run
 * resumes from them — and a live one wins (the caller skips). Claiming the same run again (a retry
 * of its job) is allowed. The partial unique index `sync_runs_one_active` backs this up.
 */
export async function claimSyncRun(
  db: Database,
  run: { id: string; connector: string; mode: SyncMode; trigger: string; requestedBy: string | null },
): Promise<ClaimResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sync:${run.connector}`}))`);
    const stale = await queryRows<{ id: string }>(
      tx,
      sql`update sync_runs set status = 'failed', finished_at = now(),
                 error = coalesce(error || ' — ', '') || 'interrupted: the worker stopped (crash or restart); the next run resumed from the stored cursor'
          where connector = ${run.connector} and status = 'running' and kind in ('full', 'incremental')
            and id <> ${run.id}
            and coalesce(heartbeat_at, started_at) < now() - make_interval(secs => ${STALE_RUN_MS / 1000})
          returning id`,
    );
    const [active] = await queryRows<{ id: string }>(
      tx,
      sql`select id from sync_runs where connector = ${run.connector} and status = 'running'
            and kind in ('full', 'incremental') and id <> ${run.id} limit 1`,
    );
    if (active) return { claimed: false, activeRunId: active.id };
    const claimed = await queryRows<{ id: string }>(
      tx,
      sql`insert into sync_runs (id, connector, kind, status, progress, heartbeat_at, trigger, requested_by)
          values (${run.id}, ${run.connector}, ${run.mode}, 'running', 0, now(), ${run.trigger}, ${run.requestedBy})
          on conflict (id) do update set status = 'running', heartbeat_at = now(), finished_at = null
            where sync_runs.status <> 'succeeded'
          returning id`,
    );
    if (claimed.length === 0) return { claimed: false, activeRunId: run.id };
    return { claimed: true, resumedFrom: stale[0]?.id ?? null };
  });
}

export interface RunCounts {
  read: number;
  written: number;
  rejected: number;
  skipped: number;
}

export async function recordRunProgress(
  db: Database,
  runId: string,
  counts: RunCounts,
  progress: number | null,
  detail: unknown,
): Promise<void> {
  await db
    .update(schema.syncRuns)
    .set({
      recordsRead: counts.read,
      recordsWritten: counts.written,
      recordsRejected: counts.rejected,
      progress,
      heartbeatAt: sql`now()`,
      detail,
    })
    .where(eq(schema.syncRuns.id, runId));
}

/** Keeps a long page (slow service) from looking like a dead worker. */
export async function touchRun(db: Database, runId: string): Promise<void> {
  await db
    .update(schema.syncRuns)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(schema.syncRuns.id, runId), eq(schema.syncRuns.status, 'running')));
}

export async function finishRun(db: Database, runId: string, error: string | null): Promise<void> {
  await db
    .update(schema.syncRuns)
    .set({
      status: error === null ? 'succeeded' : 'failed',
      finishedAt: sql`now()`,
      error: error === null ? null : error.slice(0, 2000),
      ...(error === null ? { progress: 100 } : {}),
    })
    .where(eq(schema.syncRuns.id, runId));
}

/** An attempt failed but the job will retry: the run stays claimed, with the reason shown meanwhile. */
export async function noteAttemptFailed(db: Database, runId: string, message: string): Promise<void> {
  await db
    .update(schema.syncRuns)
    .set({ error: message.slice(0, 2000), heartbeatAt: sql`now()` })
    .where(eq(schema.syncRuns.id, runId));
}

export async function loadCursors(db: Database, connector: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ scope: schema.syncCursors.scope, cursor: schema.syncCursors.cursor })
    .from(schema.syncCursors)
    .where(eq(schema.syncCursors.connector, connector));
  return new Map(rows.map((r) => [r.scope, r.cursor]));
}

export async function saveCursor(
  db: Database,
  connector: string,
  scope: string,
  cursor: string,
): Promise<void> {
  await db
    .insert(schema.syncCursors)
    .values({ connector, scope, cursor })
    .onConflictDoUpdate({
      target: [schema.syncCursors.connector, schema.syncCursors.scope],
      set: { cursor, updatedAt: sql`now()` },
    });
}

/** Forgets a connector's cursors (switching between sandbox and a real account starts afresh). */
export async function clearCursors(db: Database, connector: string): Promise<number> {
  return executeCount(db, sql`delete from sync_cursors where connector = ${connector}`);
}

/**
 * Embedded mode is one process (the data folder is locked): a sync still marked running when it
 * starts was cut short by the last stop or crash, so it is closed at once rather than after the
 * stale-heartbeat wait. Its cursors stay; the next run resumes from them.
 */
export async function closeInterruptedRuns(db: Database): Promise<number> {
  return executeCount(
    db,
    sql`update sync_runs set status = 'failed', finished_at = now(),
               error = coalesce(error || ' — ', '') || 'interrupted: the app stopped during the sync; the next run resumes from the stored cursor'
        where status = 'running' and kind in ('full', 'incremental')`,
  );
}
