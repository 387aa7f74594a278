import { type Database, queryRows, schema } from '@sentia/db';
import { eq, inArray, sql } from 'drizzle-orm';
import type { ErrorLog, ImportCounts } from './import-batch-writer';
import { deleteStoredFile } from './stored-file';

export interface StartedImport {
  importId: string;
  kind: string;
  mode: string;
  format: 'csv' | 'xlsx';
  fileId: string | null;
  sizeBytes: number;
  syncRunId: string;
}

export interface ImportOutcome {
  importId: string;
  kind: string;
  status: 'succeeded' | 'failed';
  message: string;
  counts: ImportCounts;
  errorCount: number;
}

/** Errors copied onto the `imports` row itself, for anyone reading that table alone. */
const SUMMARY_ERRORS = 100;
const ERROR_INSERT_BATCH = 1_000;

/**
 * Marks an import as running (with a `sync_runs` row, connector `csv`, so the overview's "updated"
 * time and the system page see imports as they see syncs) and clears what an earlier attempt left.
 * Returns null when the import already finished: a repeated job changes nothing.
 */
export async function startImportRun(db: Database, importId: string): Promise<StartedImport | null> {
  const [row] = await db
    .select({
      kind: schema.imports.kind,
      status: schema.imports.status,
      mode: schema.importRuns.mode,
      format: schema.importRuns.format,
      fileId: schema.importRuns.fileId,
      sizeBytes: schema.importRuns.sizeBytes,
    })
    .from(schema.imports)
    .innerJoin(schema.importRuns, eq(schema.importRuns.importId, schema.imports.id))
    .where(eq(schema.imports.id, importId));
  if (!row) throw new Error(`import ${importId} does not exist`);
  if (row.status === 'succeeded' || row.status === 'failed') return null;
  // An earlier attempt that died part-way leaves its sync run open: close it before starting anew.
  await failRunningSyncRuns(db, [importId], 'interrupted; the import was started again');
  return db.transaction(async (tx) => {
    const [run] = await queryRows<{ id: string }>(
      tx,
      sql`insert into sync_runs (connector, kind, status, progress) values ('csv', 'import', 'running', 0) returning id`,
    );
    await tx.delete(schema.importRowErrors).where(eq(schema.importRowErrors.importId, importId));
    await tx
      .update(schema.imports)
      .set({ status: 'importing', rowsTotal: 0, rowsImported: 0, rowsRejected: 0, errors: [] })
      .where(eq(schema.imports.id, importId));
    await tx
      .update(schema.importRuns)
      .set({
        syncRunId: run!.id,
        startedAt: new Date(),
        progressAt: new Date(),
        bytesRead: 0,
        rowsRead: 0,
        recordsWritten: 0,
        recordsKept: 0,
        errorCount: 0,
        message: null,
      })
      .where(eq(schema.importRuns.importId, importId));
    return {
      importId,
      kind: row.kind,
      mode: row.mode,
      format: row.format,
      fileId: row.fileId,
      sizeBytes: row.sizeBytes,
      syncRunId: run!.id,
    };
  });
}

/**
 * Records how an import ended: every kept error (in line order), the counts, the message, the
 * sync run. A file whose import succeeded is deleted (its checksum stays, so a repeat upload is
 * recognised); a failed one is kept for a retry.
 */
export async function finishImport(
  db: Database,
  started: StartedImport,
  outcome: {
    status: 'succeeded' | 'failed';
    message: string;
    errors: ErrorLog;
    counts?: ImportCounts | undefined;
    rowsRead?: number;
  },
): Promise<ImportOutcome> {
  const counts = outcome.counts ?? {
    rowsTotal: 0,
    rowsImported: 0,
    rowsRejected: 0,
    recordsWritten: 0,
    recordsKept: 0,
  };
  const errors = [...outcome.errors.kept].sort((a, b) => a.line - b.line);
  const finishedAt = new Date();
  await db.transaction(async (tx) => {
    for (let i = 0; i < errors.length; i += ERROR_INSERT_BATCH) {
      await tx.insert(schema.importRowErrors).values(
        errors.slice(i, i + ERROR_INSERT_BATCH).map((e, j) => ({
          importId: started.importId,
          seq: i + j,
          line: e.line,
          column: e.column,
          value: e.value,
          reason: e.reason,
        })),
      );
    }
    await tx
      .update(schema.imports)
      .set({
        status: outcome.status,
        rowsTotal: counts.rowsTotal,
        rowsImported: counts.rowsImported,
        rowsRejected: counts.rowsRejected,
        errors: errors.slice(0, SUMMARY_ERRORS),
        finishedAt,
      })
      .where(eq(schema.imports.id, started.importId));
    await tx
      .update(schema.importRuns)
      .set({
        rowsRead: outcome.rowsRead ?? counts.rowsTotal,
        recordsWritten: counts.recordsWritten,
        recordsKept: counts.recordsKept,
        errorCount: outcome.errors.count,
        message: outcome.message,
        progressAt: finishedAt,
      })
      .where(eq(schema.importRuns.importId, started.importId));
    await tx
      .update(schema.syncRuns)
      .set({
        status: outcome.status,
        finishedAt,
        progress: 100,
        recordsRead: counts.rowsTotal,
        recordsWritten: counts.recordsWritten,
        recordsRejected: counts.rowsRejected,
        error: outcome.status === 'failed' ? outcome.message : null,
      })
      .where(eq(schema.syncRuns.id, started.syncRunId));
  });
  if (outcome.status === 'succeeded' && started.fileId) await deleteStoredFile(db, started.fileId);
  return {
    importId: started.importId,
    kind: started.kind,
    status: outcome.status,
    message: outcome.message,
    counts,
    errorCount: outcome.errors.count,
  };
}

/** Marks imports failed whose job gave up (the last attempt threw): they are not left "importing". */
export async function markImportCrashed(db: Database, importIds: string[], message: string): Promise<void> {
  if (importIds.length === 0) return;
  const finishedAt = new Date();
  await db
    .update(schema.imports)
    .set({ status: 'failed', finishedAt })
    .where(inArray(schema.imports.id, importIds));
  await db
    .update(schema.importRuns)
    .set({ message, progressAt: finishedAt })
    .where(inArray(schema.importRuns.importId, importIds));
  await failRunningSyncRuns(db, importIds, message);
}

async function failRunningSyncRuns(db: Database, importIds: string[], message: string): Promise<void> {
  await db.execute(
    sql`update sync_runs set status = 'failed', finished_at = now(), error = ${message}
        where status = 'running'
          and id in (select sync_run_id from import_runs where import_id = any(${sql.param(importIds)}::uuid[]))`,
  );
}
