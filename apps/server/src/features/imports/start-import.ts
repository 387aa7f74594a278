import { type Database, schema } from '@sentia/db';
import type { ImportKind, ImportMode } from '@sentia/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit/record-audit';
import { getImportLimits } from './import-limits';
import { InvalidWorkbookError, inspectXlsx } from './inspect-xlsx';
import { runImportJob } from './jobs';
import { deleteStoredFile, type StoredFile, storeUpload } from './stored-file';

export interface StartedUpload {
  importId: string;
  /** The same file of the same kind already succeeded or is running: that import is returned. */
  duplicate: boolean;
}

/** `.csv` or `.xlsx` by the file name; anything else is refused before a byte is stored. */
export function importFormatOf(filename: string): 'csv' | 'xlsx' {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new ValidationError(
    lower.endsWith('.xls')
      ? 'Old .xls workbooks cannot be read: save the file as .xlsx or CSV UTF-8.'
      : 'Upload a .csv or .xlsx file.',
    [{ field: 'file', message: 'must be a .csv or .xlsx file' }],
  );
}

/**
 * Receives an upload: stores it (streamed, hashed, size-limited), refuses files that are not what
 * their name says and XLSX zip bombs, recognises a repeat of a file already imported (same kind
 * and SHA-256: nothing runs again), otherwise records the import, audits the upload and queues
 * the import job on the worker.
 */
export async function startImport(
  ctx: Pick<AppContext, 'db' | 'jobs'>,
  actor: Actor,
  input: {
    kind: ImportKind;
    mode: ImportMode;
    filename: string;
    file: AsyncIterable<Buffer | Uint8Array> & { truncated?: boolean };
  },
): Promise<StartedUpload> {
  const { db } = ctx;
  const format = importFormatOf(input.filename);
  const limits = await getImportLimits(db);
  await pruneStoredFiles(db, limits.fileRetentionDays);
  const stored = await storeUpload(db, input.file, { format, maxBytes: limits.maxUploadBytes });
  try {
    await checkContent(db, stored, format, limits);
  } catch (error) {
    await deleteStoredFile(db, stored.id).catch(() => {});
    throw error;
  }
  const started = await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    await lockChecksum(tx, input.kind, stored.checksum);
    const existing = await findSameFile(tx, input.kind, stored.checksum);
    const audit = {
      kind: input.kind,
      filename: input.filename,
      format,
      mode: input.mode,
      sizeBytes: stored.sizeBytes,
      checksum: stored.checksum,
    };
    if (existing) {
      await recordAudit(tx, actor, {
        action: 'imports.uploaded',
        targetType: 'import',
        targetId: existing,
        after: { ...audit, duplicateOf: existing },
      });
      return { importId: existing, duplicate: true };
    }
    const importId = await createImport(tx, actor, {
      kind: input.kind,
      filename: input.filename,
      checksum: stored.checksum,
      fileId: stored.id,
      format,
      mode: input.mode,
      sizeBytes: stored.sizeBytes,
      retryOf: null,
    });
    await recordAudit(tx, actor, {
      action: 'imports.uploaded',
      targetType: 'import',
      targetId: importId,
      after: audit,
    });
    return { importId, duplicate: false };
  });
  if (started.duplicate) await deleteStoredFile(db, stored.id);
  else await ctx.jobs.enqueue(runImportJob, { importId: started.importId });
  return started;
}

/** Runs a failed import again from its stored file, e.g. importing the valid rows this time. */
export async function retryImport(
  ctx: Pick<AppContext, 'db' | 'jobs'>,
  actor: Actor,
  importId: string,
  mode: ImportMode,
): Promise<StartedUpload> {
  const started = await ctx.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const [row] = await tx
      .select({
        kind: schema.imports.kind,
        filename: schema.imports.filename,
        checksum: schema.imports.checksum,
        status: schema.imports.status,
        fileId: schema.importRuns.fileId,
        format: schema.importRuns.format,
        sizeBytes: schema.importRuns.sizeBytes,
      })
      .from(schema.imports)
      .innerJoin(schema.importRuns, eq(schema.importRuns.importId, schema.imports.id))
      .where(eq(schema.imports.id, importId));
    if (!row) throw new NotFoundError(`No import ${importId}.`);
    if (row.status !== 'failed') throw new ConflictError('Only a failed import can run again.');
    if (!row.fileId) {
      throw new ConflictError('The file of this import is no longer stored: upload it again.');
    }
    await lockChecksum(tx, row.kind, row.checksum);
    const existing = await findSameFile(tx, row.kind, row.checksum);
    if (existing) return { importId: existing, duplicate: true };
    const newId = await createImport(tx, actor, {
      kind: row.kind,
      filename: row.filename,
      checksum: row.checksum,
      fileId: row.fileId,
      format: row.format,
      mode,
      sizeBytes: row.sizeBytes,
      retryOf: importId,
    });
    await recordAudit(tx, actor, {
      action: 'imports.retried',
      targetType: 'import',
      targetId: newId,
      after: { retryOf: importId, mode, kind: row.kind, filename: row.filename, checksum: row.checksum },
    });
    return { importId: newId, duplicate: false };
  });
  if (!started.duplicate) await ctx.jobs.enqueue(runImportJob, { importId: started.importId });
  return started;
}

async function checkContent(
  db: Database,
  stored: StoredFile,
  format: 'csv' | 'xlsx',
  limits: Awaited<ReturnType<typeof getImportLimits>>,
): Promise<void> {
  const isZip = stored.head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (stored.sizeBytes === 0) {
    throw new ValidationError('The file is empty.', [{ field: 'file', message: 'is empty' }]);
  }
  if (format === 'csv' && isZip) {
    throw new ValidationError(
      'The file is a workbook, not CSV text: name it .xlsx or save it as CSV UTF-8.',
      [{ field: 'file', message: 'is not CSV text' }],
    );
  }
  if (format === 'xlsx') {
    if (!isZip) {
      throw new ValidationError('The file is not an .xlsx workbook.', [
        { field: 'file', message: 'is not .xlsx' },
      ]);
    }
    try {
      await inspectXlsx(db, stored.id, stored.sizeBytes, limits);
    } catch (error) {
      if (error instanceof InvalidWorkbookError) {
        throw new ValidationError(error.message, [{ field: 'file', message: 'is not a readable workbook' }]);
      }
      throw error;
    }
  }
}

/** Two uploads of one file at the same moment must not both start an import. */
async function lockChecksum(tx: Database, kind: string, checksum: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`imports:${kind}:${checksum}`}))`);
}

async function findSameFile(tx: Database, kind: string, checksum: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: schema.imports.id })
    .from(schema.imports)
    .where(
      and(
        eq(schema.imports.kind, kind),
        eq(schema.imports.checksum, checksum),
        inArray(schema.imports.status, ['validating', 'importing', 'succeeded']),
      ),
    )
    .orderBy(sql`${schema.imports.createdAt} desc`)
    .limit(1);
  return row?.id ?? null;
}

async function createImport(
  tx: Database,
  actor: Actor,
  values: {
    kind: string;
    filename: string;
    checksum: string;
    fileId: string;
    format: 'csv' | 'xlsx';
    mode: ImportMode;
    sizeBytes: number;
    retryOf: string | null;
  },
): Promise<string> {
  const [created] = await tx
    .insert(schema.imports)
    .values({
      kind: values.kind,
      filename: values.filename,
      checksum: values.checksum,
      status: 'validating',
      createdBy: actor.userId,
    })
    .returning({ id: schema.imports.id });
  const importId = created!.id;
  await tx.insert(schema.importRuns).values({
    importId,
    fileId: values.fileId,
    format: values.format,
    mode: values.mode,
    sizeBytes: values.sizeBytes,
    retryOf: values.retryOf,
  });
  return importId;
}

/**
 * Deletes files of failed imports past their retention and uploads that never completed; a file
 * an import is still waiting for or reading is kept whatever its age.
 */
async function pruneStoredFiles(db: Database, retentionDays: number): Promise<void> {
  const keptSince = new Date(Date.now() - retentionDays * 86_400_000);
  const abandonedSince = new Date(Date.now() - 86_400_000);
  await db.execute(
    sql`delete from import_files f
        where (f.created_at < ${keptSince} or (not f.complete and f.created_at < ${abandonedSince}))
          and not exists (
            select 1 from import_runs r join imports i on i.id = r.import_id
            where r.file_id = f.id and i.status in ('validating', 'importing'))`,
  );
}
