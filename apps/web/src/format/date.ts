const dateCache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateCache.set(key, format);
  }
  return format;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a business date (`YYYY-MM-DD`) as midnight UTC; null when it is not a real calendar date. */
export function parseIsoDate(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? date : null;
}

/** A Date's UTC calendar day as `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds whole days to a business date. */
export function addDays(isoDate: string, days: number): string {
  const date = parseIsoDate(isoDate);
  if (!date) throw new RangeError(`not a date: ${isoDate}`);
  return toIsoDate(new Date(date.getTime() + days * 86_400_000));
}

/** Today's date where the user is (business dates follow the user's calendar, not UTC's). */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * A business date in the user's locale. Business dates are calendar days, so they are formatted in
 * UTC and never shift across a time-zone boundary.
 */
export function formatBusinessDate(
  isoDate: string,
  locale: string,
  style: 'medium' | 'short' = 'medium',
): string {
  const date = parseIsoDate(isoDate);
  if (!date) return isoDate;
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

/** A period of business dates: "1 Mar 2025 – 30 Mar 2025" (locale-aware range). */
export function formatDateRange(from: string, to: string, locale: string): string {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (!start || !end) return `${from} – ${to}`;
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(start, end);
}

/** An instant in the user's time zone: "2 Mar 2025, 14:05". */
export function formatInstant(instant: Date, locale: string, timeZone?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant);
}

/** The exact UTC time shown on hover/focus: "2025-03-02 14:05:09 UTC". */
export function formatUtc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Below each limit (in seconds), the unit used; modelled on how people round ("3 hours ago"). */
const STEPS: Array<[limit: number, unit: Intl.RelativeTimeFormatUnit, size: number]> = [
  [45 * 60, 'minute', 60],
  [22 * 3_600, 'hour', 3_600],
  [6 * 86_400, 'day', 86_400],
  [28 * 86_400, 'week', 7 * 86_400],
  [335 * 86_400, 'month', 30 * 86_400],
];

/**
 * "5 minutes ago", "yesterday", "in 2 hours". Under 45 seconds reads "now", because clock skew
 * between server and browser is of that order.
 */
export function formatRelativeTime(instant: Date, now: Date, locale: string): string {
  const seconds = (instant.getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const magnitude = Math.abs(seconds);
  if (magnitude < 45) return format.format(0, 'second');
  for (const [limit, unit, size] of STEPS) {
    if (magnitude < limit)
      return format.format(Math.max(1, Math.round(magnitude / size)) * Math.sign(seconds), unit);
  }
  return format.format(Math.max(1, Math.round(magnitude / (365 * 86_400))) * Math.sign(seconds), 'year');
}

/** An uptime or other duration: 93784 s → "1d 2h 3m". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days}d ${hours}h ${minutes}m`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${s % 60}s`;
  return `${s}s`;
}
