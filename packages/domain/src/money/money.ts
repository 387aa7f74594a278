/**
 * Exact money: integer minor units with their ISO 4217 currency. Never sum binary floats.
 * Minor units are JS numbers (exact up to 2^53); every operation checks it stays an integer.
 */
export type CurrencyCode = string;

export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

/** Decimal places of the currency's minor unit (2 unless listed). */
export function minorDigits(currency: CurrencyCode): number {
  return MINOR_DIGITS[currency] ?? 2;
}

export function money(minor: number, currency: CurrencyCode): Money {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
  if (!/^[A-Z]{3}$/.test(currency))
    throw new RangeError(`currency must be an ISO 4217 code, got "${currency}"`);
  return { minor, currency };
}

/**
 * Parses a decimal amount ("29.99", "-0.5", "1200", 12.3) into minor units exactly, from its
 * decimal text rather than by multiplying a float. Extra precision is rounded half away from zero.
 */
export function parseDecimalToMinor(value: string | number, currency: CurrencyCode): number {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new RangeError(`not a decimal amount: "${value}"`);
  }
  const digits = minorDigits(currency);
  const sign = match[1] === '-' ? -1n : 1n;
  const whole = BigInt(match[2] || '0');
  const fraction = match[3] ?? '';
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  let minor = whole * 10n ** BigInt(digits) + BigInt(kept || '0');
  const firstDropped = fraction.charAt(digits);
  if (firstDropped !== '' && Number(firstDropped) >= 5) minor += 1n;
  const result = Number(sign * minor);
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount out of range: "${value}"`);
  return result === 0 ? 0 : result;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  // toFixed avoids exponent notation; 10 places is beyond any currency's minor unit.
  return value.toFixed(10).replace(/\.?0+$/, '');
}

/** Formats minor units as a plain decimal string ("1234.50"), for CSV and APIs. */
export function formatMinorAsDecimal(minor: number, currency: CurrencyCode): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const fraction = (abs % scale).toString().padStart(digits, '0');
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

export function sumMinor(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    total += v;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum of minor units out of range');
  }
  return total;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new RangeError(`cannot combine ${a.currency} with ${b.currency} without an explicit FX conversion`);
  }
}

/**
 * Converts with an explicit rate: `rate` is the value of one unit of `from` in `to`
 * (e.g. EUR→GBP 0.85). Rounds half away from zero to the target's minor unit.
 */
export function convertMinor(
  minor: number,
  from: CurrencyCode,
  to: CurrencyCode,
  rate: number | string,
): number {
  if (from === to) return minor;
  const r = typeof rate === 'string' ? Number(rate) : rate;
  if (!(r > 0) || !Number.isFinite(r))
    throw new RangeError(`FX rate ${from}→${to} must be positive, got ${rate}`);
  const scale = 10 ** (minorDigits(to) - minorDigits(from));
  const value = minor * r * scale;
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? 0 : rounded;
}
