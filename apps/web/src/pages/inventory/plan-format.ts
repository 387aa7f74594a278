import type { ApprovalTierView, ReplenishmentReasonView } from '@sentia/contracts';
import { canApproveAmount } from '@sentia/domain';
import { formatBusinessDate } from '../../format/date';

const cache = new Map<string, Intl.NumberFormat>();
function format(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const dates = new Map<string, Intl.DateTimeFormat>();

/** A business date without the year ("29 Nov"), for timelines and week columns. */
export function formatShortDate(iso: string, locale: string): string {
  let f = dates.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    dates.set(locale, f);
  }
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** Units, rounded to whole units unless asked otherwise ("1,234"). */
export function formatUnits(value: number, locale: string, fractionDigits = 0): string {
  return format(locale, {
    maximumFractionDigits: fractionDigits,
    minimumFractionDigits: fractionDigits,
  }).format(value);
}

/** A share as a percentage ("99.5%"), up to `digits` decimals. */
export function formatShare(value: number, locale: string, digits = 1): string {
  return format(locale, { style: 'percent', maximumFractionDigits: digits }).format(value);
}

/** Days, one decimal below ten ("4.5 days", "63 days"). */
export function formatDays(value: number | null, locale: string): string {
  if (value === null) return '—';
  return `${formatUnits(value, locale, value < 10 ? 1 : 0)} days`;
}

export function reasonText(reason: ReplenishmentReasonView, locale: string): string {
  return reason.code === 'below-reorder-point'
    ? `Position ${formatUnits(reason.position, locale)} at or below reorder point ${formatUnits(reason.reorderPoint, locale)}`
    : `Projected to run out on ${formatBusinessDate(reason.date, locale)}`;
}

/**
 * A service level typed as a percentage ("99.5") as a fraction, or an error message. The API accepts
 * 50% to 99.99%: below 50% a "safety" stock would be negative, and 100% needs infinite stock.
 */
export function parseServiceLevel(text: string): { value: number } | { error: string } {
  const trimmed = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return { error: 'Enter a percentage such as 98.5' };
  const percent = Number(trimmed);
  if (percent < 50 || percent > 99.99) return { error: 'Between 50% and 99.99%' };
  return { value: Math.round(percent * 100) / 10_000 };
}

/** 0.995 → "99.5" for an input. */
export function serviceLevelInput(value: number): string {
  return String(Math.round(value * 10_000) / 100);
}

/**
 * Whether this person may approve an amount: their role grants approvals and its tier covers the amount
 * (managers and planners up to the manager limit; the server checks again). An amount without a GBP value
 * needs the CFO tier.
 */
export function mayApprove(
  me: { role: string; permissions: readonly string[] } | undefined,
  amountGbpMinor: number | null,
  tiers: readonly ApprovalTierView[],
  canApprovePermission: boolean,
): boolean {
  if (!me || !canApprovePermission) return false;
  const manager = tiers.find((t) => t.tier === 'manager')?.limitGbpMinor ?? 0;
  const director = tiers.find((t) => t.tier === 'director')?.limitGbpMinor ?? 0;
  return canApproveAmount(me.role, amountGbpMinor ?? Number.MAX_SAFE_INTEGER, {
    managerLimitGbpMinor: manager,
    directorLimitGbpMinor: director,
  });
}
