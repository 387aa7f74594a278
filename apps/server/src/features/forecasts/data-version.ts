import type { Database } from '@sentia/db';
import { type ForecastGranularity, forecastHistoryWindow } from '@sentia/domain';
import { querySalesDayRange, querySalesFingerprint } from './queries/query-period-sales';

export interface ForecastDataVersion {
  granularity: ForecastGranularity;
  window: { first: string; last: string };
  /** `week:<first>..<last>:<rows>:<md5>`: the idempotency key of a run on these figures. */
  version: string;
}

/**
 * What a forecast run for this granularity would be fitted on today: the complete periods of the
 * sales history and a fingerprint of their figures. Sales in the current, unfinished period do not
 * change it, so syncs during the week do not refit (the natural debounce); a finished period, or a
 * correction to an old one, does. Null when there are no complete periods of sales yet.
 */
export async function forecastDataVersion(
  db: Database,
  granularity: ForecastGranularity,
  today: string,
): Promise<ForecastDataVersion | null> {
  const range = await querySalesDayRange(db);
  if (!range) return null;
  const window = forecastHistoryWindow(range.first, range.last, today, granularity);
  if (!window) return null;
  const fingerprint = await querySalesFingerprint(db, granularity, window);
  return { granularity, window, version: `${granularity}:${window.first}..${window.last}:${fingerprint}` };
}

/** Today's date in UTC, the calendar runs are cut at. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
