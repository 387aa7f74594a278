import { formatMinorAsDecimal, minorDigits } from '@sentia/domain';

/**
 * Intl formatters are costly to build and these are called per cell and per tooltip move,
 * so each (locale, options) pair is built once.
 */
const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export interface MoneyFormatOptions {
  /** Drop the minor unit (e.g. "£1,235" for tiles); the exact figure is shown on demand. */
  wholeUnits?: boolean;
  /** Short form for axes ("£1.2M"). */
  compact?: boolean;
}

/**
 * Formats integer minor units in their currency with the user's locale. The amount goes to Intl as a
 * decimal string so large values are never rounded through a binary float.
 */
export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  options: MoneyFormatOptions = {},
): string {
  const digits = minorDigits(currency);
  const decimal = formatMinorAsDecimal(minor, currency) as `${number}`;
  if (options.compact) {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      // Two digits, so axis ticks such as 1,250 read "1.25k" rather than a misleading "1.3k".
      maximumFractionDigits: 2,
    }).format(decimal);
  }
  const fraction = options.wholeUnits ? 0 : digits;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: fraction,
    maximumFractionDigits: fraction,
    roundingMode: 'halfExpand',
  }).format(decimal);
}

/** Minor units to major units as a number, for plotting only (never for sums). */
export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** Major units back to integer minor units, for formatting plotted values exactly. */
export function majorToMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

/** A fraction as a percentage: 0.4213 → "42.1%". */
export function formatPercent(fraction: number, locale: string, fractionDigits = 1): string {
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(fraction);
}

/** A count of units, always labelled: 1234 → "1,234 units". */
export function formatUnits(count: number, locale: string): string {
  const number = numberFormat(locale, { maximumFractionDigits: 0 }).format(count);
  return `${number} ${Math.abs(count) === 1 ? 'unit' : 'units'}`;
}

/** A plain number with grouping, for tables and axes. */
export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A short number for axes: 12500 → "12.5K". */
export function formatCompactNumber(value: number, locale: string): string {
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/** A number with exactly `digits` decimals: 2 → "2.0" at one digit. */
export function formatFixed(value: number, locale: string, digits: number): string {
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
