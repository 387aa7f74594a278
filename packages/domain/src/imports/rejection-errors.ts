import type { ImportTemplate, RowValues } from './import-template';
import { type RowError, shorten } from './read-header';

const UNKNOWN_REFERENCE = /unknown ([a-z ]+) "(.*?)"(?=;\s|$)/g;

/** What to import first when a reference is unknown. */
const SUPPLIED_BY: Readonly<Record<string, string>> = {
  sku: 'import it with the products template first',
  invoice: 'import the invoice with the invoices template first',
};

/**
 * Places a record the ingest refused (its reason names unknown references, e.g.
 * `unknown sku "GIN-XX"; unknown channel "shop"`) on the lines and columns that hold those keys.
 * A reason of another form is reported against the record's first line.
 */
export function rejectionErrors(
  template: ImportTemplate,
  record: { lines: readonly number[]; rows: readonly RowValues[] },
  reason: string,
): RowError[] {
  const errors: RowError[] = [];
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
