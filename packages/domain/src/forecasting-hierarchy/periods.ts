import { fromEpochDay, toEpochDay } from '../demo/dates';

/**
 * Forecast periods: ISO weeks (starting Monday) or calendar months, each named by its first day
 * (`YYYY-MM-DD`). Pure date arithmetic on UTC business dates.
 */
export type ForecastGranularity = 'week' | 'month';

/** Season length the engine is given: 52 weeks or 12 months to a year. */
export const FORECAST_PERIODS_PER_YEAR: Record<ForecastGranularity, number> = { week: 52, month: 12 };

/** The first day of the period containing `day`. */
export function forecastPeriodStart(day: string, granularity: ForecastGranularity): string {
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const epoch = toEpochDay(day);
  // 1970-01-01 was a Thursday: Monday-based weekday = (epoch + 3) mod 7.
  const sinceMonday = (((epoch + 3) % 7) + 7) % 7;
  return fromEpochDay(epoch - sinceMonday);
}

/** The period `n` periods after the one starting at `start` (n may be negative). */
export function addForecastPeriods(start: string, n: number, granularity: ForecastGranularity): string {
  if (granularity === 'week') return fromEpochDay(toEpochDay(start) + 7 * n);
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) - 1 + n;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The last day of the period starting at `start`. */
export function forecastPeriodEnd(start: string, granularity: ForecastGranularity): string {
  return fromEpochDay(toEpochDay(addForecastPeriods(start, 1, granularity)) - 1);
}

/** Period starts from `first` to `last` inclusive (both period starts). */
export function forecastPeriodRange(first: string, last: string, granularity: ForecastGranularity): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = addForecastPeriods(p, 1, granularity)) out.push(p);
  return out;
}

/**
 * The complete periods a history may use: from the first period that the data covers from its first
 * day, to the last period that has ended both by the calendar (before `today`) and within the data
 * (on or before `lastDataDay`), so neither a half-started first period nor the current one reads as a
 * drop in demand. Null when no complete period exists.
 */
export function forecastHistoryWindow(
  firstDataDay: string,
  lastDataDay: string,
  today: string,
  granularity: ForecastGranularity,
): { first: string; last: string } | null {
  const startOfFirst = forecastPeriodStart(firstDataDay, granularity);
  const first =
    startOfFirst === firstDataDay ? startOfFirst : addForecastPeriods(startOfFirst, 1, granularity);
  const yesterday = fromEpochDay(toEpochDay(today) - 1);
  const limit = lastDataDay < yesterday ? lastDataDay : yesterday;
  const startOfLimit = forecastPeriodStart(limit, granularity);
  const last =
    forecastPeriodEnd(startOfLimit, granularity) === limit
      ? startOfLimit
      : addForecastPeriods(startOfLimit, -1, granularity);
  return first <= last ? { first, last } : null;
}
