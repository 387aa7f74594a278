import { minorDigits, parseDecimalToMinor } from '../money/money';

/**
 * Parsers for spreadsheet cells, as text. Each returns the value in the form the normalised records
 * use, or the reason a person would need to fix the cell. They are strict on purpose: an ambiguous
 * date (03/04/2026) or an amount with a currency symbol is refused rather than guessed.
 */
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (reason: string): CellResult<never> => ({ ok: false, reason });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the date exists (years 1900–2999). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** A business date, `YYYY-MM-DD`. */
export function parseDateCell(text: string): CellResult<string> {
  const match = DATE.exec(text);
  if (!match) {
    return fail(
      /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(text)
        ? `"${text}" is ambiguous: write dates as YYYY-MM-DD (e.g. 2026-03-14)`
        : 'must be a date written YYYY-MM-DD (e.g. 2026-03-14)',
    );
  }
  const [, y, m, d] = match;
  if (!isCalendarDate(Number(y), Number(m), Number(d))) return fail(`${text} is not a calendar date`);
  return ok(text);
}

/**
 * An instant: `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or an offset; without a zone the time is UTC
 * (the product keeps times in UTC); a bare date is midnight UTC. Returned as ISO 8601.
 */
export function parseDateTimeCell(text: string): CellResult<string> {
  const match = DATE_TIME.exec(text);
  if (!match) return fail('must be a date and time such as 2026-03-14T10:30:00Z (UTC when no zone is given)');
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match;
  if (!isCalendarDate(Number(y), Number(mo), Number(d))) return fail(`${text} is not a calendar date`);
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return fail(`${text} is not a valid time of day`);
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 14 || minutes > 59) return fail(`${zone} is not a valid UTC offset`);
    offset = `${digits[0]}${digits.slice(1, 3)}:${digits.slice(3, 5)}`;
  }
  return ok(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`);
}

/** A whole number within the 32-bit range quantities are stored in; `min` bounds it below. */
export function parseIntegerCell(text: string, min?: number): CellResult<number> {
  if (!/^[+-]?\d+$/.test(text)) {
    return fail(
      /^[+-]?\d+\.\d+$/.test(text)
        ? 'must be a whole number'
        : 'must be a whole number written with digits only (no thousands separators)',
    );
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value > 2_147_483_647 || value < -2_147_483_648) {
    return fail('is too large');
  }
  if (min !== undefined && value < min) return fail(`must be at least ${min}`);
  return ok(value === 0 ? 0 : value);
}

const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Up to 13 whole digits keeps pence within Number's exact integers. */
const SIMPLE_AMOUNT = /^([+-]?)(\d{1,13})(?:\.(\d{0,2}))?$/;

/**
 * A money amount in `currency`, to exact integer minor units. More decimal places than the
 * currency has are refused, not rounded: an import never changes an amount silently.
 */
export function parseMoneyCell(
  text: string,
  currency: string,
  options: { min?: number } = {},
): CellResult<number> {
  if (!PLAIN_DECIMAL.test(text)) {
    return fail(
      /[£$€¥]|[A-Z]{3}/i.test(text) || /\d,\d{3}/.test(text)
        ? 'must be a plain decimal such as 1234.50 (no currency symbol or thousands separator)'
        : 'must be a decimal amount such as 1234.50',
    );
  }
  const digits = minorDigits(currency);
  // The common case (a plain amount with at most two decimals, in a two-decimal currency) in
  // integer arithmetic; everything else through the exact decimal parser.
  const simple = digits === 2 ? SIMPLE_AMOUNT.exec(text) : null;
  if (simple) {
    const minor = Number(simple[2]) * 100 + Number((simple[3] ?? '').padEnd(2, '0'));
    const signed = simple[1] === '-' && minor !== 0 ? -minor : minor;
    if (options.min !== undefined && signed < options.min) return fail('must not be negative');
    return ok(signed);
  }
  const fraction = text.split('.')[1] ?? '';
  if (fraction.replace(/0+$/, '').length > digits) {
    return fail(`has more decimal places than ${currency} has (${digits})`);
  }
  let minor: number;
  try {
    minor = parseDecimalToMinor(text, currency);
  } catch {
    return fail('is too large');
  }
  if (options.min !== undefined && minor < options.min) return fail('must not be negative');
  return ok(minor);
}

/** A positive decimal with at most `places` decimal places, kept as text (FX rates). */
export function parseRateCell(text: string, places: number): CellResult<string> {
  if (!PLAIN_DECIMAL.test(text) || text.startsWith('-'))
    return fail('must be a positive decimal such as 0.8532');
  const [whole = '', fraction = ''] = text.replace(/^\+/, '').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > places) return fail(`has more than ${places} decimal places`);
  const normalised = `${whole.replace(/^0+(?=\d)/, '') || '0'}${trimmed ? `.${trimmed}` : ''}`;
  if (!/[1-9]/.test(normalised)) return fail('must be greater than zero');
  if (normalised.split('.')[0]!.length > 10) return fail('is too large');
  return ok(normalised);
}

/** One of a fixed list of words, matched case-insensitively and returned as listed. */
export function parseEnumCell<T extends string>(text: string, values: readonly T[]): CellResult<T> {
  const found = values.find((v) => v.toLowerCase() === text.toLowerCase());
  return found ? ok(found) : fail(`must be one of ${values.join(', ')}`);
}

const TRUE_WORDS = ['true', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'no', 'n', '0'];

export function parseBooleanCell(text: string): CellResult<boolean> {
  const lower = text.toLowerCase();
  if (TRUE_WORDS.includes(lower)) return ok(true);
  if (FALSE_WORDS.includes(lower)) return ok(false);
  return fail('must be true or false');
}

/** An ISO 4217 currency code; lower case is accepted and upper-cased. */
export function parseCurrencyCell(text: string): CellResult<string> {
  const upper = text.toUpperCase();
  return /^[A-Z]{3}$/.test(upper) ? ok(upper) : fail('must be a three-letter currency code such as GBP');
}
