import type { ImportTemplate, RowValues } from './import-template';
import { type RowError, shorten } from './read-header';

const UNKNOWN_REFERENCE = /unknown ([a-z ]+) "(.*?)"(?=;\s|$)/g;
const NAMES_UNKNOWN_REFERENCE = /unknown [a-z ]+ "/;

/** What to import first when a reference is unknown. */
const SUPPLIED_BY: Readonly<Record<string, string>> = {
  sku: 'import it with the products template first',
  invoice: 'import the invoice with the invoices template first',
};

/** What rejectionErrors needs of an assembled record. */
export interface RejectedRecord {
  lines: readonly number[];
  rows: readonly RowValues[];
  record?: unknown;
  cells?: readonly (readonly string[])[];
  positions?: ReadonlyMap<string, number>;
}

/**
 * Places a record the ingest refused on the lines and columns at fault: a reason naming unknown
 * references (`unknown sku "GIN-XX"; unknown channel "shop"`) on the cells holding those keys, a
 * reason made of schema issues (`dueDate: due date must not be before the issue date`) on the
 * cells those fields came from. A reason of another form is reported against the first line.
 */
export function rejectionErrors(
  template: ImportTemplate,
  record: RejectedRecord,
  reason: string,
): RowError[] {
  const errors: RowError[] = [];
  const schemaIssues = schemaErrors(template, record, reason);
  if (schemaIssues) return schemaIssues;
  for (const [, label = '', key = ''] of reason.matchAll(UNKNOWN_REFERENCE)) {
    const column = template.references[label] ?? null;
    const index = column ? record.rows.findIndex((row) => String(row[column] ?? '') === key) : -1;
    const hint = SUPPLIED_BY[label];
    errors.push({
      line: record.lines[Math.max(0, index)] ?? record.lines[0] ?? 0,
      column,
      value: shorten(key),
      reason: `no ${label} "${key}" exists${hint ? `: ${hint}` : ''}`,
    });
  }
  if (errors.length === 0) {
    errors.push({ line: record.lines[0] ?? 0, column: null, value: null, reason });
  }
  return errors;
}

const ISSUE = /^([A-Za-z]\w*(?:\.\w+)*): (.+)$/s;

/**
 * A reason made of schema issues (`checkRecord`'s `lines.0.quantity: Too small…; dueDate: …`), each
 * placed on its cell through the template; null when the reason is not of that form.
 */
function schemaErrors(
  template: ImportTemplate,
  assembled: RejectedRecord,
  reason: string,
): RowError[] | null {
  const record = assembled.record as Record<string, unknown> | undefined;
  if (!record || NAMES_UNKNOWN_REFERENCE.test(reason)) return null;
  const toPath = (text: string) => text.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const issues = reason.split('; ').map((part) => ISSUE.exec(part));
  // Every part must name a field of the record (present, or one the template maps to a column).
  const known = (m: RegExpExecArray | null) =>
    m !== null &&
    (m[1]!.split('.')[0]! in record || template.cellOf(toPath(m[1]!), record as never).column !== null);
  if (!issues.every(known)) return null;
  return issues.map((match) => {
    const cell = template.cellOf(toPath(match![1]!), record as never);
    const index = assembled.lines[cell.row] === undefined ? 0 : cell.row;
    const position = cell.column ? assembled.positions?.get(cell.column) : undefined;
    const text = position === undefined ? '' : (assembled.cells?.[index]?.[position] ?? '').trim();
    return {
      line: assembled.lines[index] ?? 0,
      column: cell.column,
      value: text === '' ? null : shorten(text),
      reason: match![2]!,
    };
  });
}
