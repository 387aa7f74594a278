import { dayOfWeek, dayOfYear, nthWeekdayOfMonth, yearOf } from './dates';

/**
 * The calendar shapes of demand: yearly seasons, the weekly rhythm and retail events. Each returns
 * a multiplier around 1 for a day.
 */

function bump(doy: number, centre: number, width: number): number {
  const raw = Math.abs(doy - centre);
  const distance = Math.min(raw, 365 - raw);
  return Math.exp(-(distance * distance) / (2 * width * width));
}

/** Spirits: the Christmas gifting peak (from late November), a January lull, Father's Day in June. */
export function spiritsSeason(day: number): number {
  const doy = dayOfYear(day);
  return (
    1 +
    1.35 * bump(doy, 347, 13) +
    0.45 * bump(doy, 330, 10) -
    0.3 * bump(doy, 22, 14) +
    0.2 * bump(doy, 168, 5) +
    0.08 * bump(doy, 200, 30)
  );
}

/** Canned ready-to-drink: summer (peaking mid-July), a little Christmas party trade, quiet winter. */
export function summerSeason(day: number): number {
  const doy = dayOfYear(day);
  return 0.3 + 1.75 * bump(doy, 196, 36) + 0.25 * bump(doy, 352, 9);
}

/** Online orders lean to Sunday evenings and the weekend; Monday and Tuesday are quietest. */
const WEEKDAY_FACTORS = [1.12, 0.92, 0.93, 0.96, 1.0, 1.03, 1.04];

export function weekdayFactor(day: number): number {
  return WEEKDAY_FACTORS[dayOfWeek(day)]!;
}

/** Trade customers order on working days only. */
export function isWeekday(day: number): boolean {
  const dow = dayOfWeek(day);
  return dow !== 0 && dow !== 6;
}

export interface RetailEvent {
  name: 'prime-day' | 'black-friday';
  /** Lift on the number of orders. */
  lift: number;
  /** Price discount on every line. */
  discountRate: number;
}

/**
 * Prime Day (the second Tuesday and Wednesday of July, Amazon only) and Black Friday to Cyber
 * Monday (every retail channel).
 */
export function retailEventOn(day: number, channelKind: string): RetailEvent | null {
  const year = yearOf(day);
  const primeStart = nthWeekdayOfMonth(year, 7, 2, 2);
  if (channelKind === 'amazon' && day >= primeStart && day <= primeStart + 1) {
    return { name: 'prime-day', lift: 2.3, discountRate: 0.15 };
  }
  const blackFriday = nthWeekdayOfMonth(year, 11, 4, 4) + 1;
  if (
    (channelKind === 'amazon' || channelKind === 'shopify') &&
    day >= blackFriday &&
    day <= blackFriday + 3
  ) {
    return { name: 'black-friday', lift: 1.8, discountRate: 0.2 };
  }
  return null;
}
