/**
 * Business dates (`YYYY-MM-DD`) as whole UTC days, so periods and forecasts step in integers and
 * never meet time zones or daylight saving.
 */
const MS_PER_DAY = 86_400_000;

export function dayNumber(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid date: "${date}"`);
  return Math.round(ms / MS_PER_DAY);
}

export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function shiftDate(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Days from `from` to `to` counting both ends: the same day is 1. */
export function inclusiveDays(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function endOfMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return dateOfDay(Math.round(Date.UTC(year, month, 0) / MS_PER_DAY));
}

/** The first day of the month `months` after the month of `date` (negative: before). */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  return dateOfDay(Math.round(Date.UTC(year, month, 1) / MS_PER_DAY));
}

export interface DateRange {
  from: string;
  to: string;
}

/**
 * The calendar months overlapping [from, to], each clipped to the range: a range starting on
 * 15 March gives a first slice 15–31 March.
 */
export function monthSlices(from: string, to: string): DateRange[] {
  if (from > to) throw new RangeError(`the range starts after it ends: ${from} > ${to}`);
  const slices: DateRange[] = [];
  for (let start = startOfMonth(from); start <= to; start = addMonths(start, 1)) {
    const end = endOfMonth(start);
    slices.push({ from: start < from ? from : start, to: end > to ? to : end });
  }
  return slices;
}
