import type { SourcedRecord } from '../records/common';
import type { CellValue, ImportTemplate, RowValues } from './import-template';
import { CellFailure, parseCell } from './parse-cell';
import { type HeaderPlan, type RowError, shorten } from './read-header';

/** One data row of a sheet: its line number and its cells as text, in header order. */
export interface SheetRow {
  line: number;
  cells: readonly string[];
  /** Cells the reader could not turn into text (a spreadsheet #N/A), by position. */
  cellErrors?: readonly { index: number; reason: string }[];
}

/** A record made from one row (or, for orders and purchase orders, from consecutive rows). */
export interface AssembledRecord<R> {
  /** Undefined when any of its cells or the record as a whole is invalid. */
  record: R | undefined;
  key: string;
  lines: number[];
  /** Parsed values of each row, to place errors found later (unknown SKUs) on a line and column. */
  rows: RowValues[];
  /** Each row's cells as written, and where each column is among them (for reporting values). */
  cells: (readonly string[])[];
  positions: ReadonlyMap<string, number>;
  errors: RowError[];
}

interface ParsedRow {
  line: number;
  cells: readonly string[];
  values: RowValues;
  /** Columns whose cell could not be read (their values are missing from `values`). */
  invalid: ReadonlySet<string>;
  errors: RowError[];
}

/**
 * Turns a stream of sheet rows into records, one at a time, holding at most one record's rows:
 * parses every cell, groups consecutive rows of multi-row kinds, checks that record-level cells
 * agree across a record's rows, reports duplicate keys anywhere in the file, builds the record and
 * validates it against its schema, mapping each issue back to a line and column. Every problem is
 * reported; nothing stops at the first.
 */
export class RowAssembler<R extends SourcedRecord> {
  private current: { key: string; rows: ParsedRow[] } | undefined;
  /** First line of every key seen: duplicates are reported against it. */
  private readonly seen = new Map<string, number>();
  private readonly recordColumns: readonly string[];
  /** Cell positions of the amounts whose currency is another column of the row. */
  private readonly moneyPositions: readonly number[];

  constructor(
    private readonly template: ImportTemplate<R>,
    private readonly header: HeaderPlan,
    private readonly source: string,
    /**
     * `validate: false` leaves the schema check to whoever writes the records (the ingest checks
     * every record against the same schema; its reasons map back with rejectionErrors), so an
     * import validates each record once.
     */
    private readonly options: { validate?: boolean } = {},
  ) {
    this.recordColumns = template.columns.filter((c) => c.level === 'record').map((c) => c.name);
    this.moneyPositions = header.columns.flatMap((c, i) =>
      c?.type === 'money' && c.currencyColumn ? [i] : [],
    );
  }

  /** Feeds one row; returns the records it completed (rows that are entirely empty are ignored). */
  push(row: SheetRow): AssembledRecord<R>[] {
    if (isBlank(row.cells) && !row.cellErrors?.length) return [];
    const parsed = this.parseRow(row);
    const groupBy = this.template.groupBy;
    if (!groupBy) return [this.complete([parsed], '')];
    const position = this.header.positions.get(groupBy);
    const key = position === undefined ? '' : (row.cells[position] ?? '').trim();
    if (this.current && key !== '' && key === this.current.key) {
      this.current.rows.push(parsed);
      return [];
    }
    const done = this.finish();
    this.current = { key, rows: [parsed] };
    return done;
  }

  /** Completes the record still being gathered, at the end of the file. */
  finish(): AssembledRecord<R>[] {
    const current = this.current;
    this.current = undefined;
    return current ? [this.complete(current.rows, current.key)] : [];
  }

  private parseRow(row: SheetRow): ParsedRow {
    // The hot path of an import: a plain loop, and the error structures only for a row that needs them.
    const columns = this.header.columns;
    const cells = row.cells;
    const values: Record<string, CellValue | undefined> = {};
    let problems: Problems | undefined;
    const unreadable = row.cellErrors ? new Map(row.cellErrors.map((e) => [e.index, e.reason])) : undefined;
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index];
      const broken = unreadable?.get(index);
      if (broken !== undefined) {
        if (column) problems = addProblem(problems, row.line, column.name, null, broken);
        continue;
      }
      const text = cellAt(cells, index);
      if (!column) {
        if (text !== '') {
          problems = addProblem(
            problems,
            row.line,
            null,
            text,
            `cell ${index + 1} has no column name in the header`,
          );
        }
        continue;
      }
      if (text === '') {
        if (column.required) problems = addProblem(problems, row.line, column.name, null, 'is required');
        continue;
      }
      // Amounts are read in a second pass, once their row's currency is known.
      if (column.type === 'money' && column.currencyColumn) continue;
      const result = parseCell(column, text);
      if (result instanceof CellFailure)
        problems = addProblem(problems, row.line, column.name, text, result.reason);
      else values[column.name] = result;
    }
    for (let index = columns.length; index < cells.length; index++) {
      const text = cellAt(cells, index);
      if (text !== '') {
        problems = addProblem(
          problems,
          row.line,
          null,
          text,
          `cell ${index + 1} is beyond the last column of the header`,
        );
      }
    }
    // Amounts in their row's currency, so 12.345 is refused for GBP but not for KWD.
    for (const index of this.moneyPositions) {
      if (unreadable?.has(index)) continue;
      const text = cellAt(cells, index);
      if (text === '') continue;
      const column = columns[index]!;
      const currency = values[column.currencyColumn!];
      if (typeof currency !== 'string') {
        // The currency cell is itself reported; an amount cannot be checked without it.
        problems ??= { invalid: new Set(), errors: [] };
        problems.invalid.add(column.name);
        continue;
      }
      const result = parseCell(column, text, currency);
      if (result instanceof CellFailure)
        problems = addProblem(problems, row.line, column.name, text, result.reason);
      else values[column.name] = result;
    }
    if (this.template.checkRow) {
      for (const problem of this.template.checkRow(values)) {
        problems = addProblem(problems, row.line, problem.column, null, problem.reason);
      }
    }
    return {
      line: row.line,
      cells,
      values,
      invalid: problems?.invalid ?? NONE,
      errors: problems?.errors ?? NO_ERRORS,
    };
  }

  private complete(rows: ParsedRow[], groupKey: string): AssembledRecord<R> {
    const template = this.template;
    const first = rows[0]!;
    const errors = rows.flatMap((r) => r.errors);
    const lines = rows.map((r) => r.line);
    const values = rows.map((r) => r.values);
    const made = {
      key: '',
      lines,
      rows: values,
      cells: rows.map((r) => r.cells),
      positions: this.header.positions,
    };

    for (const name of this.recordColumns) {
      const expected = first.values[name];
      if (first.invalid.has(name)) continue;
      for (let i = 1; i < rows.length; i++) {
        const row = rows[i]!;
        if (row.invalid.has(name) || row.values[name] === expected) continue;
        errors.push({
          line: row.line,
          column: name,
          value: this.cellText(row, name),
          reason: `differs from line ${first.line} of the same ${template.recordName} (${expected === undefined ? 'empty' : `"${String(expected)}"`} there)`,
        });
      }
    }

    const keyReadable = template.keyColumns.every((c) => first.values[c] !== undefined);
    const key = template.groupBy ? groupKey : keyReadable ? template.keyOf(first.values) : '';
    if (key !== '') {
      const earlier = this.seen.get(key);
      if (earlier === undefined) this.seen.set(key, first.line);
      else {
        const columns = template.keyColumns;
        errors.push({
          line: first.line,
          column: columns.length === 1 ? columns[0]! : null,
          value: shorten(key),
          reason: template.groupBy
            ? `${template.recordName} ${key} already appeared at line ${earlier}: the rows of one ${template.recordName} must be consecutive`
            : `the same ${joinWords(columns)} as line ${earlier}`,
        });
      }
    }

    made.key = key;
    if (errors.length > 0) return { ...made, record: undefined, errors };
    const record = template.build(values, this.source);
    if (this.options.validate === false) return { ...made, record, errors };
    const check = template.schema.safeParse(record);
    if (check.success) return { ...made, record: check.data, errors };
    for (const issue of check.error.issues) {
      const cell = template.cellOf(issue.path, record);
      const row = rows[cell.row] ?? first;
      errors.push({
        line: row.line,
        column: cell.column,
        value: cell.column ? this.cellText(row, cell.column) : null,
        reason: issue.message,
      });
    }
    return { ...made, record: undefined, errors };
  }

  private cellText(row: ParsedRow, column: string): string | null {
    const position = this.header.positions.get(column);
    const text = position === undefined ? '' : (row.cells[position] ?? '').trim();
    return text === '' ? null : shorten(text);
  }
}

interface Problems {
  invalid: Set<string>;
  errors: RowError[];
}

function addProblem(
  problems: Problems | undefined,
  line: number,
  column: string | null,
  text: string | null,
  reason: string,
): Problems {
  const found = problems ?? { invalid: new Set<string>(), errors: [] };
  if (column) found.invalid.add(column);
  found.errors.push({ line, column, value: text === null ? null : shorten(text), reason });
  return found;
}

function cellAt(cells: readonly string[], index: number): string {
  const cell = cells[index];
  return cell === undefined ? '' : cell.trim();
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

const NONE: ReadonlySet<string> = new Set();
const NO_ERRORS: RowError[] = [];

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
