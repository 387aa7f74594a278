import { minorDigits } from '../money/money';
import {
  type CellResult,
  isCalendarDate,
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

/** Why a cell could not be read (a class, so a good cell costs no wrapper object). */
export class CellFailure {
  constructor(readonly reason: string) {}
}

/**
 * Parses one non-empty cell by its column's type. `currency` is the row's currency for money
 * columns whose currency lives in another column. Run for every cell of an import, so the usual
 * spellings (2026-03-14, 2026-03-14T10:30:00Z, 12, 29.99, GBP, paid) are recognised character by
 * character and returned as they are; anything else goes through the full parsers of
 * cell-parsers.ts, which give the same value for these and explain what is wrong otherwise.
 */
export function parseCell(column: TemplateColumn, text: string, currency?: string): CellValue | CellFailure {
  switch (column.type) {
    case 'code':
    case 'text': {
      const max = MAX_LENGTH[column.type];
      return text.length > max ? new CellFailure(`is longer than ${max} characters`) : text;
    }
    case 'date':
      return isPlainDate(text) ? text : unwrap(parseDateCell(text));
    case 'datetime':
      return isPlainUtcInstant(text) ? text : unwrap(parseDateTimeCell(text));
    case 'integer': {
      const value = plainInteger(text);
      if (value !== undefined && (column.min === undefined || value >= column.min)) return value;
      return unwrap(parseIntegerCell(text, column.min));
    }
    case 'money': {
      const code = column.currency ?? currency ?? 'GBP';
      const minor = minorDigits(code) === 2 ? plainAmount(text) : undefined;
      if (minor !== undefined && (column.min === undefined || minor >= column.min)) return minor;
      return unwrap(parseMoneyCell(text, code, { min: column.min }));
    }
    case 'rate':
      return unwrap(parseRateCell(text, 8));
    case 'enum':
      return column.values?.includes(text) ? text : unwrap(parseEnumCell(text, column.values ?? []));
    case 'boolean':
      return unwrap(parseBooleanCell(text));
    case 'currency':
      return isUpperLetters(text, 3) ? text : unwrap(parseCurrencyCell(text));
  }
}

function unwrap<T extends CellValue>(result: CellResult<T>): T | CellFailure {
  return result.ok ? result.value : new CellFailure(result.reason);
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const digits2 = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
const TIME_DIGITS = [11, 12, 14, 15, 17, 18];

function allDigits(text: string, positions: readonly number[]): boolean {
  for (let i = 0; i < positions.length; i++) if (!isDigit(text.charCodeAt(positions[i]!))) return false;
  return true;
}

/** The first ten characters are `YYYY-MM-DD`, a real date. */
function startsWithPlainDate(text: string): boolean {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || !allDigits(text, DATE_DIGITS)) return false;
  return isCalendarDate(digits2(text, 0) * 100 + digits2(text, 2), digits2(text, 5), digits2(text, 8));
}

function isPlainDate(text: string): boolean {
  return text.length === 10 && startsWithPlainDate(text);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, a real date and time of day. */
function isPlainUtcInstant(text: string): boolean {
  if (text.length !== 20 || text.charCodeAt(10) !== 84 || text.charCodeAt(19) !== 90) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || !allDigits(text, TIME_DIGITS)) return false;
  return (
    startsWithPlainDate(text) && digits2(text, 11) <= 23 && digits2(text, 14) <= 59 && digits2(text, 17) <= 59
  );
}

/** 1–9 digits, no sign: always within 32 bits. */
function plainInteger(text: string): number | undefined {
  if (text.length === 0 || text.length > 9) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return undefined;
    value = value * 10 + code - 48;
  }
  return value;
}

/** `[-]digits[.d[d]]` with at most 13 whole digits, in minor units of a two-decimal currency. */
function plainAmount(text: string): number | undefined {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  const wholeStart = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) whole = whole * 10 + text.charCodeAt(i++) - 48;
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 13) return undefined;
  let fraction = 0;
  if (i < text.length) {
    if (text.charCodeAt(i) !== 46) return undefined;
    const decimals = text.length - i - 1;
    if (decimals > 2) return undefined;
    for (let j = i + 1; j < text.length; j++) {
      if (!isDigit(text.charCodeAt(j))) return undefined;
      fraction = fraction * 10 + text.charCodeAt(j) - 48;
    }
    if (decimals === 1) fraction *= 10;
  }
  const minor = whole * 100 + fraction;
  return negative && minor !== 0 ? -minor : minor;
}

function isUpperLetters(text: string, length: number): boolean {
  if (text.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 65 || code > 90) return false;
  }
  return true;
}
