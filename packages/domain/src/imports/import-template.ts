import type { z } from 'zod';
import type { SourcedRecord } from '../records/common';

/** What a spreadsheet can import, each mapped onto one kind of normalised record. */
export const IMPORT_KINDS = [
  'products',
  'orders',
  'stock-levels',
  'purchase-orders',
  'invoices',
  'production-batches',
  'payments',
  'fx-rates',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * `all-or-nothing`: any bad row and nothing is written. `valid-rows`: the good records are written
 * and the bad rows reported.
 */
export const IMPORT_MODES = ['all-or-nothing', 'valid-rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * Every spreadsheet import is labelled `csv`, whatever the file format: records keyed by source
 * (orders, invoices, payments) then meet again when one file is CSV and the next XLSX, and
 * payments find the invoices they settle.
 */
export const IMPORT_SOURCE = 'csv';

export type ColumnType =
  | 'code'
  | 'text'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'money'
  | 'rate'
  | 'enum'
  | 'boolean'
  | 'currency';

export interface TemplateColumn {
  name: string;
  type: ColumnType;
  required: boolean;
  description: string;
  /** Allowed words of an `enum` column. */
  values?: readonly string[];
  /** `money`: the column holding the amount's currency… */
  currencyColumn?: string;
  /** …or the currency itself (price_gbp). */
  currency?: string;
  /** Lower bound of `integer` (and `money`, in minor units). */
  min?: number;
  /**
   * Multi-row kinds: `record` columns describe the whole record (an order) and must be the same
   * on each of its rows; `line` columns describe one row (an order line).
   */
  level?: 'record' | 'line';
}

/** A parsed cell: absent when the cell was empty. */
export type CellValue = string | number | boolean;
export type RowValues = Readonly<Record<string, CellValue | undefined>>;

/** Where in the file a record field came from, for reporting a schema issue against a cell. */
export interface CellRef {
  /** Index of the row within the record's rows (0 for single-row kinds). */
  row: number;
  column: string | null;
}

export interface ImportTemplate<R extends SourcedRecord = SourcedRecord> {
  kind: ImportKind;
  /** "Orders". */
  title: string;
  /** What one record is called in messages: "order". */
  recordName: string;
  summary: string;
  columns: readonly TemplateColumn[];
  /** Columns recognised by name beyond the listed ones (price_<currency>). */
  extraColumn?(name: string): TemplateColumn | undefined;
  /** Multi-row kinds: consecutive rows with the same value in this column form one record. */
  groupBy?: string;
  /** Rows of the downloadable template: they import cleanly over the demo data set. */
  examples: readonly Readonly<Record<string, string>>[];
  /** Checks across the cells of one row beyond each cell's own type (a price needs its date). */
  checkRow?(values: RowValues): { column: string; reason: string }[];
  schema: z.ZodType<R>;
  /** The record's natural key within one import, from its first row. */
  keyOf(values: RowValues): string;
  /** The columns that make up that key (duplicate rows are reported against them). */
  keyColumns: readonly string[];
  /** The record from its rows' parsed values (every cell already valid). */
  build(rows: readonly RowValues[], source: string): R;
  /** The cell a schema issue path points at. */
  cellOf(path: readonly PropertyKey[], record: R): CellRef;
  /** Reference labels the ingest reports (`unknown sku "X"`) → the column holding that key. */
  references: Readonly<Record<string, string>>;
}

/** Header text as people write it ("Order ID", "order-id") to a template column name (`order_id`). */
export function normaliseColumnName(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function findColumn(template: ImportTemplate, name: string): TemplateColumn | undefined {
  return template.columns.find((c) => c.name === name) ?? template.extraColumn?.(name);
}

/** Reads a parsed value the template knows is present (a required column). */
export function cellValue<T extends CellValue>(values: RowValues, column: string): T {
  return values[column] as T;
}

/** Reads an optional parsed value. */
export function optionalCell<T extends CellValue>(values: RowValues, column: string): T | undefined {
  return values[column] as T | undefined;
}

/** Maps a record field path through a field → column table; `lines.<i>.<field>` uses `lineFields`. */
export function cellByFields(
  path: readonly PropertyKey[],
  fields: Readonly<Record<string, string>>,
  lineFields: Readonly<Record<string, string>> = {},
): CellRef {
  const [head, index, field] = path;
  if (head === 'lines' && typeof index === 'number') {
    return { row: index, column: typeof field === 'string' ? (lineFields[field] ?? null) : null };
  }
  return { row: 0, column: typeof head === 'string' ? (fields[head] ?? null) : null };
}
