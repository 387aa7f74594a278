import {
  type CellResult,
  parseBooleanCell,
  parseCurrencyCell,
  parseDateCell,
  parseDateTimeCell,
  parseEnumCell,
  parseIntegerCell,
  parseMoneyCell,
  parseRateCell,
} from './cell-parsers';
import type { CellValue, TemplateColumn } from './import-template';

/** Codes index well when short; names and free text may be longer. */
const MAX_LENGTH = { code: 200, text: 500 } as const;

/**
 * Parses one non-empty cell by its column's type. `currency` is the row's currency for money
 * columns whose currency lives in another column.
 */
export function parseCell(column: TemplateColumn, text: string, currency?: string): CellResult<CellValue> {
  switch (column.type) {
    case 'code':
    case 'text': {
      const max = MAX_LENGTH[column.type];
      return text.length > max
        ? { ok: false, reason: `is longer than ${max} characters` }
        : { ok: true, value: text };
    }
    case 'date':
      return parseDateCell(text);
    case 'datetime':
      return parseDateTimeCell(text);
    case 'integer':
      return parseIntegerCell(text, column.min);
    case 'money':
      return parseMoneyCell(text, column.currency ?? currency ?? 'GBP', { min: column.min });
    case 'rate':
      return parseRateCell(text, 8);
    case 'enum':
      return parseEnumCell(text, column.values ?? []);
    case 'boolean':
      return parseBooleanCell(text);
    case 'currency':
      return parseCurrencyCell(text);
  }
}
