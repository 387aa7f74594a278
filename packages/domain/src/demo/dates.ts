/**
 * Business dates as whole days since 1970-01-01 (UTC), so the simulation steps with integers and
 * never meets time zones or daylight saving.
 */
const MS_PER_DAY = 86_400_000;

export function toEpochDay(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid date: "${date}"`);
  return Math.round(ms / MS_PER_DAY);
}

export function fromEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** An instant `secondOfDay` seconds into the day, as an ISO string. */
export function instantOf(day: number, secondOfDay: number): string {
  return new Date(day * MS_PER_DAY + secondOfDay * 1000).toISOString();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** 1 … 366. */
export function dayOfYear(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return day - Math.round(Date.UTC(date.getUTCFullYear(), 0, 1) / MS_PER_DAY) + 1;
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 1 … 12. */
export function monthOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}

export function dayOfMonth(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDate();
}

export function epochDayOf(year: number, month: number, dayOfMonthValue: number): number {
  return Math.round(Date.UTC(year, month - 1, dayOfMonthValue) / MS_PER_DAY);
}

/** The `n`-th (1-based) given weekday of a month, e.g. the 4th Thursday of November. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const first = epochDayOf(year, month, 1);
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}
