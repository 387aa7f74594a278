import { z } from 'zod';

/** Kinds a spreadsheet can import (the path segment of POST /api/imports/{kind}). */
export const importKind = z.enum([
  'products',
  'orders',
  'stock-levels',
  'purchase-orders',
  'invoices',
  'production-batches',
  'payments',
  'fx-rates',
]);
export type ImportKindName = z.infer<typeof importKind>;

export const importMode = z.enum(['all-or-nothing', 'valid-rows']);
export type ImportModeName = z.infer<typeof importMode>;

export const importFormat = z.enum(['csv', 'xlsx']);

/**
 * `validating`: waiting for or being read by the worker; `importing`: rows are being written;
 * `succeeded`: committed (in valid-rows mode possibly with rejected rows); `failed`: nothing written.
 */
export const importStatus = z.enum(['validating', 'importing', 'succeeded', 'failed']);
export type ImportStatusName = z.infer<typeof importStatus>;

/** One problem in the file: the spreadsheet line (header = 1), the template column, the cell and why. */
export const importRowError = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importView = z.object({
  id: z.uuid(),
  kind: importKind,
  filename: z.string(),
  format: importFormat,
  mode: importMode,
  status: importStatus,
  checksum: z.string(),
  sizeBytes: z.number().int(),
  /** Data rows in the file (blank rows not counted); known once the file has been read. */
  rowsTotal: z.number().int(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  recordsWritten: z.number().int(),
  /** Valid records left as they were because their source changed them later. */
  recordsKept: z.number().int(),
  errorCount: z.number().int(),
  /** 0–100 while running (bytes of the file read so far), 100 when finished. */
  percent: z.number().int().min(0).max(100),
  /** Why the import as a whole failed, or what was done with its bad rows. */
  message: z.string().nullable(),
  /** The first errors, in line order (all of them through GET /api/imports/{id}/errors). */
  errors: z.array(importRowError),
  retryOf: z.uuid().nullable(),
  /** The stored file is still there, so the import can run again (e.g. with valid-rows). */
  canRetry: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof importView>;

export const importUploadResponse = z.object({
  import: importView,
  /** The same file (same kind and SHA-256) was already imported or is being imported: nothing new ran. */
  duplicate: z.boolean(),
});
export type ImportUploadResponse = z.infer<typeof importUploadResponse>;

export const importRetryBody = z.object({ mode: importMode }).strict();

export const importListResponse = z.object({ imports: z.array(importView) });
export type ImportListResponse = z.infer<typeof importListResponse>;

export const importErrorsResponse = z.object({
  errors: z.array(importRowError),
  total: z.number().int(),
  /** Pass as `afterSeq` for the next page; null at the end. */
  next: z.number().int().nullable(),
});

export const importLimits = z.object({
  /** Largest file accepted, bytes (413 above it). */
  maxUploadBytes: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 40),
  /** Largest total size an XLSX may expand to, bytes (zip bombs are refused with 413). */
  maxXlsxExpandedBytes: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 40),
  /** Largest expansion ratio of one XLSX part above 1 MB. */
  maxXlsxCompressionRatio: z.number().int().min(10).max(100_000),
  /** Most parts an XLSX may contain. */
  maxXlsxEntries: z.number().int().min(10).max(1_000_000),
  /** Most data rows in one file. */
  maxRows: z.number().int().min(1).max(100_000_000),
  /** Days a file whose import failed is kept for a retry. */
  fileRetentionDays: z.number().int().min(0).max(3650),
});
export type ImportLimits = z.infer<typeof importLimits>;
