import type { ImportKindName, ImportRowError, ImportView } from '@sentia/contracts';
import { type Database, schema } from '@sentia/db';
import { and, asc, count, desc, eq, gt, type SQL } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';

const { imports, importRuns, importRowErrors, users } = schema;

const selection = {
  id: imports.id,
  kind: imports.kind,
  filename: imports.filename,
  checksum: imports.checksum,
  status: imports.status,
  rowsTotal: imports.rowsTotal,
  rowsImported: imports.rowsImported,
  rowsRejected: imports.rowsRejected,
  errors: imports.errors,
  createdAt: imports.createdAt,
  finishedAt: imports.finishedAt,
  format: importRuns.format,
  mode: importRuns.mode,
  sizeBytes: importRuns.sizeBytes,
  fileId: importRuns.fileId,
  retryOf: importRuns.retryOf,
  bytesRead: importRuns.bytesRead,
  rowsRead: importRuns.rowsRead,
  recordsWritten: importRuns.recordsWritten,
  recordsKept: importRuns.recordsKept,
  errorCount: importRuns.errorCount,
  message: importRuns.message,
  userName: users.name,
  userEmail: users.email,
};

type Row = {
  [K in keyof typeof selection]: (typeof selection)[K]['_']['notNull'] extends true
    ? (typeof selection)[K]['_']['data']
    : (typeof selection)[K]['_']['data'] | null;
};

async function selectImports(db: Database, where: SQL | undefined, limit: number): Promise<ImportView[]> {
  const rows = (await db
    .select(selection)
    .from(imports)
    .innerJoin(importRuns, eq(importRuns.importId, imports.id))
    .leftJoin(users, eq(users.id, imports.createdBy))
    .where(where)
    .orderBy(desc(imports.createdAt))
    .limit(limit)) as Row[];
  return rows.map(toView);
}

/** Imports, newest first, optionally of one kind. */
export function listImports(
  db: Database,
  options: { kind?: ImportKindName | undefined; limit: number },
): Promise<ImportView[]> {
  return selectImports(db, options.kind ? eq(imports.kind, options.kind) : undefined, options.limit);
}

/** One import with its progress and first errors; throws when there is no such import. */
export async function getImport(db: Database, importId: string): Promise<ImportView> {
  const [view] = await selectImports(db, eq(imports.id, importId), 1);
  if (!view) throw new NotFoundError(`No import ${importId}.`);
  return view;
}

/** A page of an import's errors in line order; `afterSeq` continues from the previous page. */
export async function listImportErrors(
  db: Database,
  importId: string,
  options: { afterSeq?: number | undefined; limit: number },
): Promise<{ errors: ImportRowError[]; total: number; next: number | null }> {
  await getImport(db, importId);
  const where = and(
    eq(importRowErrors.importId, importId),
    options.afterSeq === undefined ? undefined : gt(importRowErrors.seq, options.afterSeq),
  );
  const rows = await db
    .select({
      seq: importRowErrors.seq,
      line: importRowErrors.line,
      column: importRowErrors.column,
      value: importRowErrors.value,
      reason: importRowErrors.reason,
    })
    .from(importRowErrors)
    .where(where)
    .orderBy(asc(importRowErrors.seq))
    .limit(options.limit);
  const [total] = await db
    .select({ n: count() })
    .from(importRowErrors)
    .where(eq(importRowErrors.importId, importId));
  const last = rows.at(-1);
  return {
    errors: rows.map(({ seq: _, ...error }) => error),
    total: Number(total?.n ?? 0),
    next: rows.length === options.limit && last ? last.seq : null,
  };
}

function toView(row: Row): ImportView {
  const finished = row.status === 'succeeded' || row.status === 'failed';
  const percent = finished
    ? 100
    : Math.min(99, Math.floor((100 * Number(row.bytesRead)) / Math.max(1, Number(row.sizeBytes))));
  return {
    id: row.id,
    kind: row.kind as ImportKindName,
    filename: row.filename,
    format: row.format,
    mode: row.mode,
    status: row.status,
    checksum: row.checksum,
    sizeBytes: Number(row.sizeBytes),
    rowsTotal: row.rowsTotal,
    rowsRead: row.rowsRead,
    rowsImported: row.rowsImported,
    rowsRejected: row.rowsRejected,
    recordsWritten: row.recordsWritten,
    recordsKept: row.recordsKept,
    errorCount: row.errorCount,
    percent,
    message: row.message,
    errors: Array.isArray(row.errors) ? (row.errors as ImportRowError[]) : [],
    retryOf: row.retryOf,
    canRetry: row.status === 'failed' && row.fileId !== null,
    createdBy: row.userName ?? row.userEmail ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
  };
}
