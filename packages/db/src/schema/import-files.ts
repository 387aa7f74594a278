import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { imports, syncRuns } from './platform';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Uploaded spreadsheets, kept in PostgreSQL so any worker replica can read what any web replica
 * received (they share no disk). Stored as ~1 MB chunks so neither side ever holds a whole file.
 * A file is deleted once an import of it succeeds; failed ones are kept for a retry and pruned.
 */
export const importFiles = pgTable('import_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
  /** SHA-256 of the content, hex. */
  checksum: text('checksum'),
  /** False while the upload is still being received. */
  complete: boolean('complete').notNull().default(false),
  createdAt: createdAt(),
});

export const importFileChunks = pgTable(
  'import_file_chunks',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => importFiles.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ name: 'import_file_chunks_pkey', columns: [t.fileId, t.seq] })],
);

/** How an `imports` row is run: its file, mode and live progress (one row per import). */
export const importRuns = pgTable(
  'import_runs',
  {
    importId: uuid('import_id')
      .primaryKey()
      .references(() => imports.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').references(() => importFiles.id, { onDelete: 'set null' }),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    mode: text('mode', { enum: ['all-or-nothing', 'valid-rows'] }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** The failed import this one runs again (with another mode, or after fixing references). */
    retryOf: uuid('retry_of'),
    syncRunId: uuid('sync_run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    recordsWritten: integer('records_written').notNull().default(0),
    /** Valid records not applied because the stored copy was changed later at its source. */
    recordsKept: integer('records_kept').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** Why the import failed as a whole (a missing column, an unreadable file, rolled back…). */
    message: text('message'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    progressAt: timestamp('progress_at', { withTimezone: true }),
  },
  (t) => [index('import_runs_file_idx').on(t.fileId)],
);

/** Every problem found in an import's file: line, column, the cell as written, and why. */
export const importRowErrors = pgTable(
  'import_row_errors',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    line: integer('line').notNull(),
    column: text('column'),
    value: text('value'),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ name: 'import_row_errors_pkey', columns: [t.importId, t.seq] })],
);
