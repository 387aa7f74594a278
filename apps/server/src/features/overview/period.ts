import { ValidationError } from '../../platform/errors';

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
export const DEFAULT_PERIOD_DAYS = 90;
const MAX_PERIOD_DAYS = 3_700;

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The period a page shows: the given bounds, else the last 90 days ending today (UTC), and the
 * preceding period of equal length that changes are measured against.
 */
export function resolvePeriod(
  input: { from?: string; to?: string },
  today: string,
): { period: Period; previous: Period } {
  const to = input.to ?? (input.from ? addDays(input.from, DEFAULT_PERIOD_DAYS - 1) : today);
  const from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) {
    throw new ValidationError('The period starts after it ends.', [
      { field: 'querystring.from', message: `must be on or before "to" (${to})` },
    ]);
  }
  const length = daysBetween(from, to) + 1;
  if (length > MAX_PERIOD_DAYS) {
    throw new ValidationError('The period is too long.', [
      { field: 'querystring.from', message: `the period may span at most ${MAX_PERIOD_DAYS} days` },
    ]);
  }
  const previousTo = addDays(from, -1);
  return { period: { from, to }, previous: { from: addDays(previousTo, -(length - 1)), to: previousTo } };
}
