import { type CsvColumn, toCsv } from '../csv/to-csv';
import type { ImportKind, ImportTemplate, TemplateColumn } from './import-template';
import { fxRatesTemplate, invoicesTemplate, paymentsTemplate } from './templates/finance-templates';
import {
  productionBatchesTemplate,
  purchaseOrdersTemplate,
  stockLevelsTemplate,
} from './templates/operations-templates';
import { ordersTemplate } from './templates/orders-template';
import { productsTemplate } from './templates/products-template';

/** The template of every import kind. */
export const IMPORT_TEMPLATES: Readonly<Record<ImportKind, ImportTemplate>> = {
  products: productsTemplate as unknown as ImportTemplate,
  orders: ordersTemplate as unknown as ImportTemplate,
  'stock-levels': stockLevelsTemplate as unknown as ImportTemplate,
  'purchase-orders': purchaseOrdersTemplate as unknown as ImportTemplate,
  invoices: invoicesTemplate as unknown as ImportTemplate,
  'production-batches': productionBatchesTemplate as unknown as ImportTemplate,
  payments: paymentsTemplate as unknown as ImportTemplate,
  'fx-rates': fxRatesTemplate as unknown as ImportTemplate,
};

/** How a column's type is described to people (template sheets, docs, the import page). */
export function describeColumnType(column: TemplateColumn): string {
  switch (column.type) {
    case 'code':
      return 'text (up to 200 characters)';
    case 'text':
      return 'text (up to 500 characters)';
    case 'date':
      return 'date YYYY-MM-DD';
    case 'datetime':
      return 'date and time, ISO 8601 (UTC unless a zone is given)';
    case 'integer':
      return column.min === undefined ? 'whole number' : `whole number ≥ ${column.min}`;
    case 'money':
      return column.currency
        ? `decimal amount in ${column.currency}`
        : `decimal amount in the row's ${column.currencyColumn ?? 'currency'}`;
    case 'rate':
      return 'positive decimal, up to 8 decimal places';
    case 'enum':
      return `one of: ${(column.values ?? []).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'currency':
      return 'ISO 4217 code, e.g. GBP';
  }
}

/** The downloadable CSV template: the header and the example rows (formula injection neutralised). */
export function templateCsv(template: ImportTemplate): string {
  const columns: CsvColumn<Readonly<Record<string, string>>>[] = template.columns.map((c) => ({
    header: c.name,
    value: (row) => row[c.name] ?? '',
  }));
  return toCsv(template.examples, columns);
}

/** The column reference sheet of a template: name, required, type, meaning. */
export function templateColumnRows(template: ImportTemplate): string[][] {
  return template.columns.map((c) => [
    c.name,
    c.required ? 'required' : 'optional',
    describeColumnType(c),
    c.description,
  ]);
}
