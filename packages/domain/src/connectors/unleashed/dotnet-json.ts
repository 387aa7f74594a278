import { parseDecimalToMinor } from '../../money/money';

/**
 * What Unleashed and Xero JSON have in common (integration-contracts.md §0, §3.5, §4.8): dates in
 * the .NET form `/Date(ms)/` or `/Date(ms+0000)/` (Unix milliseconds, UTC; the offset suffix does
 * not shift the instant), and money as JSON numbers.
 */

const DOT_NET_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/**
 * `/Date(1539993600000+0000)/` → the instant. Xero also writes some fields as ISO text
 * (`2024-02-05T11:22:45.0000000`, no zone = UTC); those are accepted too. Null or empty → null;
 * anything else throws, so a malformed date rejects its record instead of becoming a wrong one.
 */
export function parseDotNetDate(value: string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const match = DOT_NET_DATE.exec(value);
  if (match) return new Date(Number(match[1]));
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (iso) {
    const fraction = iso[3] ? iso[3].slice(0, 4) : '';
    const at = new Date(`${iso[1]}T${iso[2]}${fraction}${iso[4] ?? 'Z'}`);
    if (!Number.isNaN(at.getTime())) return at;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new RangeError(`not a date: "${value}"`);
}

/** The instant as ISO 8601 (`2018-06-07T00:00:00.000Z`), or undefined when absent. */
export function dotNetInstant(value: string | null | undefined): string | undefined {
  return parseDotNetDate(value)?.toISOString();
}

/**
 * The UTC calendar date (`YYYY-MM-DD`): both services send date-only fields (OrderDate, DueDate)
 * as midnight UTC of that day, so the UTC date is the business date.
 */
export function dotNetDate(value: string | null | undefined): string | undefined {
  return parseDotNetDate(value)?.toISOString().slice(0, 10);
}

/** `/Date(ms)/` for an instant or a `YYYY-MM-DD` date (simulators and tests write what the services send). */
export function formatDotNetDate(value: Date | string, offset = false): string {
  const ms =
    typeof value === 'string'
      ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
      : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: "${String(value)}"`);
  return `/Date(${ms}${offset ? '+0000' : ''})/`;
}

/**
 * The decimal text of a JSON number, as the service wrote it. JSON.parse keeps the nearest double;
 * `String()` prints the shortest decimal that reads back as that same double, which is the text
 * the service sent whenever it had at most 15 significant digits (every amount these services
 * send). Multiplying the double by 100 instead is wrong for amounts such as 1.005 or 1000000.005,
 * whose doubles sit just below the half cent. Exponent forms (`1e-7`, `1e+21`) are written out.
 */
export function jsonNumberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const text = String(value);
  const exp = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const [, sign, whole, fraction = '', power] = exp;
  const digits = `${whole}${fraction}`;
  const point = whole!.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A JSON amount (number, or decimal text where a service quotes it) → integer minor units of the
 * currency, exactly: parsed from its decimal text with `parseDecimalToMinor` (half away from zero
 * beyond the minor unit, e.g. an average cost of 1774.9345 GBP → 177493).
 */
export function jsonAmountToMinor(value: number | string, currency: string): number {
  return parseDecimalToMinor(typeof value === 'number' ? jsonNumberText(value) : value, currency);
}

/** A JSON quantity (Unleashed sends `288.0`) as a whole number of units; fractional units are refused. */
export function wholeQuantity(value: number | null | undefined, field: string): number {
  const n = value ?? 0;
  if (!Number.isFinite(n)) throw new RangeError(`${field} is not a number`);
  const rounded = Math.round(n);
  // Quantities are stored as whole units; 12.0000001 is float noise, 12.5 is a real half unit.
  if (Math.abs(n - rounded) > 1e-6) throw new RangeError(`${field} ${n} is not a whole number of units`);
  return rounded === 0 ? 0 : rounded;
}
