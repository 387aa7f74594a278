import { type Database, schema } from '@sentia/db';
import {
  IMPORT_SOURCE,
  IMPORT_TEMPLATES,
  type ImportKind,
  type ImportMode,
  RowAssembler,
  readHeader,
  type SheetRow,
  type SourcedRecord,
} from '@sentia/domain';
import { eq } from 'drizzle-orm';
import { ErrorLog, ImportBatchWriter } from './import-batch-writer';
import { getImportLimits } from './import-limits';
import { finishImport, type ImportOutcome, startImportRun } from './import-outcome';
import { type RowSource, readCsvRows, UnreadableFileError } from './read-csv-rows';
import { readXlsxRows } from './read-xlsx-rows';
import { readStoredChunk } from './stored-file';

export interface RunImportDeps {
  db: Database;
  /** On PGlite (one connection) nothing may query beside the import's transaction. */
  databaseKind: 'postgres' | 'pglite';
}

export interface RunImportOptions {
  /** Rows per ingest batch. */
  batchRows?: number;
  /** Errors kept in detail (all are counted). */
  maxStoredErrors?: number;
  onProgress?(progress: { percent: number; rowsRead: number; bytesRead: number }): void;
}

const DEFAULT_BATCH_ROWS = 50_000;
const DEFAULT_MAX_STORED_ERRORS = 50_000;
const PROGRESS_EVERY_MS = 1_000;

/** Thrown inside the transaction to roll it back: the file failed as a whole or had bad rows. */
class RollBack extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Runs one import from its stored file: streams the rows (CSV or the first XLSX sheet), checks
 * the header against the kind's template, assembles and validates records, and writes them in
 * batches through the ingest functions — all inside one transaction, so a failure leaves nothing
 * half-written. In all-or-nothing mode any bad row rolls everything back; in valid-rows mode the
 * good records commit and the bad rows are reported. Every problem is recorded with its line,
 * column and reason. Running it again for a finished import does nothing.
 */
export async function runImport(
  deps: RunImportDeps,
  importId: string,
  options: RunImportOptions = {},
): Promise<ImportOutcome | null> {
  const { db } = deps;
  const started = await startImportRun(db, importId);
  if (!started) return null;
  const { kind, mode, fileId, sizeBytes, format } = started;
  const template = IMPORT_TEMPLATES[kind as ImportKind];
  const limits = await getImportLimits(db);
  const errors = new ErrorLog(options.maxStoredErrors ?? DEFAULT_MAX_STORED_ERRORS);
  if (!fileId) {
    return finishImport(db, started, {
      status: 'failed',
      message: 'The uploaded file is no longer stored (it is kept for a limited time after a failed import).',
      errors,
    });
  }

  // The file is read through whichever handle may query now: on PGlite the transaction's own.
  const reader = { current: db };
  const chunks = readStoredChunksVia(reader, fileId);
  const source: RowSource = format === 'xlsx' ? readXlsxRows(chunks) : readCsvRows(chunks);
  const batches = source.rows[Symbol.asyncIterator]();

  let header: SheetRow | undefined;
  let afterHeader: SheetRow[] = [];
  try {
    ({ header, rest: afterHeader } = await firstRow(batches));
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    errors.add([{ line: error.line ?? 1, column: null, value: null, reason: error.message }]);
    return finishImport(db, started, { status: 'failed', message: error.message, errors });
  }
  if (!header) {
    return finishImport(db, started, {
      status: 'failed',
      message: 'The file is empty: it has no header row.',
      errors,
    });
  }
  const plan = readHeader(template, header.cells, header.line);
  if (plan.errors.length > 0) {
    errors.add(plan.errors);
    return finishImport(db, started, {
      status: 'failed',
      message: `The header row does not match the ${template.title.toLowerCase()} template: nothing was imported.`,
      errors,
    });
  }

  // The ingest checks each record against its schema (and its reasons map back to cells): once is enough.
  const assembler = new RowAssembler<SourcedRecord>(template, plan, IMPORT_SOURCE, { validate: false });
  let writer: ImportBatchWriter | undefined;
  let rowsRead = 0;
  let lastProgress = Date.now();
  // Progress is written beside the import, never waited for (one write at a time): the import
  // does not stall on a round trip every second.
  let progressWrite: Promise<void> | undefined;
  const progress = async (final: boolean) => {
    const bytesRead = source.bytesRead();
    const percent = final ? 100 : Math.min(99, Math.floor((100 * bytesRead) / Math.max(1, sizeBytes)));
    options.onProgress?.({ percent, rowsRead, bytesRead });
    // PGlite serves one query at a time and the transaction holds it; PostgreSQL shows progress live.
    if (deps.databaseKind === 'postgres') {
      await db
        .update(schema.importRuns)
        .set({ rowsRead, bytesRead, errorCount: errors.count, progressAt: new Date() })
        .where(eq(schema.importRuns.importId, importId));
    }
  };

  let failure: string | undefined;
  try {
    await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Database;
      if (deps.databaseKind === 'pglite') reader.current = tx;
      writer = new ImportBatchWriter(
        tx,
        kind as ImportKind,
        template,
        errors,
        options.batchRows ?? DEFAULT_BATCH_ROWS,
      );
      try {
        for (let batch = afterHeader; ; ) {
          for (const row of batch) {
            rowsRead++;
            if (rowsRead > limits.maxRows) {
              throw new RollBack(
                `The file has more than ${limits.maxRows.toLocaleString('en-GB')} rows, the import limit: nothing was imported. Split it into smaller files.`,
              );
            }
            writer.add(assembler.push(row));
            if (writer.full) await writer.flush();
          }
          if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = Date.now();
            progressWrite ??= progress(false)
              .catch(() => {})
              .finally(() => {
                progressWrite = undefined;
              });
          }
          const next = await batches.next();
          if (next.done) break;
          batch = next.value;
        }
        writer.add(assembler.finish());
        await writer.finish();
      } catch (error) {
        if (error instanceof UnreadableFileError) {
          errors.add([{ line: error.line ?? 0, column: null, value: null, reason: error.message }]);
          throw new RollBack(`${error.message} Nothing was imported.`);
        }
        throw error;
      } finally {
        reader.current = db;
      }
      const counts = writer.counts;
      if (counts.rowsTotal === 0) throw new RollBack('The file has a header row but no data rows.');
      if (mode === 'all-or-nothing' && errors.count > 0) {
        throw new RollBack(
          `${counts.rowsRejected.toLocaleString('en-GB')} of ${counts.rowsTotal.toLocaleString('en-GB')} rows have errors: nothing was imported (all or nothing). Fix them and upload again, or import the valid rows.`,
        );
      }
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    failure = error.reason;
  } finally {
    await batches.return?.(undefined).catch(() => {});
  }
  await progressWrite;
  await progress(true).catch(() => {});

  const counts = writer?.counts;
  if (failure || !counts) {
    return finishImport(db, started, {
      status: 'failed',
      message: failure ?? 'Nothing was imported.',
      errors,
      counts: counts && { ...counts, rowsImported: 0, recordsWritten: 0, recordsKept: 0 },
      rowsRead,
    });
  }
  return finishImport(db, started, {
    status: 'succeeded',
    message: successMessage(counts.rowsImported, counts.rowsRejected, mode as ImportMode),
    errors,
    counts,
    rowsRead,
  });
}

function successMessage(imported: number, rejected: number, mode: ImportMode): string {
  const rows = (n: number) => `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;
  if (rejected === 0) return `${rows(imported)} imported.`;
  const verb = rejected === 1 ? 'was' : 'were';
  return `${rows(imported)} imported; ${rows(rejected)} with errors ${verb} ${mode === 'valid-rows' ? 'left out' : 'rejected'}.`;
}

/** The first row that is not blank, and the rows after it in the same batch. */
async function firstRow(
  batches: AsyncIterator<SheetRow[]>,
): Promise<{ header?: SheetRow; rest: SheetRow[] }> {
  for (let next = await batches.next(); !next.done; next = await batches.next()) {
    const index = next.value.findIndex((row) => row.cells.some((cell) => cell.trim() !== ''));
    if (index >= 0) return { header: next.value[index]!, rest: next.value.slice(index + 1) };
  }
  return { rest: [] };
}

async function* readStoredChunksVia(reader: { current: Database }, fileId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const chunk = await readStoredChunk(reader.current, fileId, seq);
    if (!chunk) return;
    yield chunk;
  }
}
